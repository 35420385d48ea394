package dev.loophole.cli;

import dev.loophole.formats.sfz.SfzExporter;
import dev.loophole.media.library.AutoMapper;
import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.NoteNames;
import dev.loophole.media.library.ScanListener;
import dev.loophole.model.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Turn a folder of samples into a playable instrument: keys from smpl chunks, note names/numbers in file names "
                + "or detected pitch; velocity layers from pp…ff / v1…vN or loudness; round robins from rr1…N.",
        footer = {"", "Example: loophole media map ~/Samples/Piano --out piano.sfz",
                "The folder is added to (or rescanned in) the library first. Exit status: 0 written, 1 on an error."})
final class MediaMapCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of samples.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.sfz", description = "The instrument to write.")
    Path out;

    @Option(names = "--name", description = "The instrument's name (default: the folder's name).")
    String name;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try (MediaLibrary lib = library.open()) {
            lib.scan(lib.addRoot(dir), ScanListener.NONE);
            List<MediaFile> files = lib.filesUnder(dir);
            String n = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
            AutoMapper.Result r = AutoMapper.map(n, files, LibraryOption.sampleRefs(lib));
            if (r.placements().isEmpty()) throw new Errors.UserError(dir + ": no readable audio files to map");
            for (Diagnostic d : SfzExporter.write(r.program(), out)) err.println("warning: " + d);
            for (AutoMapper.Placement p : r.placements())
                o.printf("%-4s %-5s v%d/%d%s  %s%n", NoteNames.name(p.key()), p.keySource(), p.layer(), p.layers(),
                        p.roundRobin() > 0 ? " rr" + p.roundRobin() : "", p.file().relPath());
            for (MediaFile f : r.skipped())
                err.println("left out " + f.relPath() + ": " + (f.error() != null ? f.error() : !f.status().playable()
                        ? "it is " + f.status().name().toLowerCase(java.util.Locale.ROOT) : "no key (no smpl chunk, note in its name or clear pitch)"));
            o.println(out + ": " + r.program().regions().size() + " regions");
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
