package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.MediaStatus;
import dev.loophole.media.library.Root;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The library's roots, whether each is reachable, and how many of its files are online, offline, remote (cloud placeholders) or missing.")
final class MediaStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Option(names = "--deep", description = "Also look at every file (finds deleted files and new cloud placeholders without a rescan).")
    boolean deep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (MediaLibrary lib = library.open()) {
            lib.checkStatus(deep);
            out.println("library " + lib.file());
            for (Map.Entry<Root, Map<MediaStatus, Integer>> e : lib.counts().entrySet()) {
                Map<MediaStatus, Integer> c = e.getValue();
                out.printf(Locale.ROOT, "%-7s %s\t%d online, %d offline, %d remote, %d missing%n",
                        e.getKey().status().name().toLowerCase(Locale.ROOT), e.getKey().path(), c.get(MediaStatus.ONLINE),
                        c.get(MediaStatus.OFFLINE), c.get(MediaStatus.REMOTE), c.get(MediaStatus.MISSING));
            }
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
