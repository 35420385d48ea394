package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.ScanListener;
import dev.loophole.media.library.ScanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add folders (drives, network or cloud-synced folders) to the library and scan them on all cores; "
                + "scanning again reads only what changed.",
        footer = {"", "Exit status: 0 when scanned, 1 on an error, 2 for a wrong command line."})
final class MediaAddCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders to add (or rescan).")
    List<Path> dirs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (MediaLibrary lib = library.open()) {
            for (Path dir : dirs) {
                ScanReport r;
                if (Progress.onTerminal()) {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Scanning").setStyle(ProgressBarStyle.ASCII)
                            .setInitialMax(1).setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                        r = lib.scan(lib.addRoot(dir), (done, total) -> { bar.maxHint(total); bar.stepTo(done); });
                    }
                } else {
                    r = lib.scan(lib.addRoot(dir), ScanListener.NONE);
                }
                out.printf("%s: %d audio files, %d read, %d unchanged, %d touched, %d missing, %d remote, %d unreadable%n",
                        r.root().path(), r.found(), r.read(), r.unchanged(), r.touched(), r.missing(), r.remote(), r.failed());
            }
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
