package dev.loophole.cli;

import dev.loophole.formats.sfz.SfzExporter;
import dev.loophole.media.library.KitMaker;
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
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "make", mixinStandardHelpOptions = true,
        description = "Make a drum kit from a folder of one-shots: file (or folder) names → General MIDI pads (kick/bd, snare/sd, "
                + "hat closed/open/pedal, tom hi/mid/low/floor, crash, ride, clap, rim…); several files on a pad → velocity layers "
                + "by measured loudness, or round robins when equally loud (within 1 dB). The hi-hats choke each other.",
        footer = {"", "Example: loophole kit make ~/Samples/MyKit --out mykit.sfz",
                "The folder is added to (or rescanned in) the library first. Prints where each file went and what was not recognised.",
                "Exit status: 0 written, 1 on an error (no file named a drum), 2 on a wrong command line."})
final class KitMakeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of one-shots.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.sfz", description = "The kit to write (SFZ, with label_key and choke groups).")
    Path out;

    @Option(names = "--name", description = "The kit's name (default: the folder's name).")
    String name;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sfz"))
            throw new Errors.UserError(out + ": expected a .sfz file to write the kit to");
        try (MediaLibrary lib = library.open()) {
            lib.scan(lib.addRoot(dir), ScanListener.NONE);
            List<MediaFile> files = lib.filesUnder(dir);
            String n = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
            KitMaker.Result r = KitMaker.make(n, files, LibraryOption.sampleRefs(lib));
            if (r.placements().isEmpty())
                throw new Errors.UserError(dir + ": no file is named for a drum (kick, snare, hat, tom, crash, ride, clap, rim…); "
                        + r.unrecognised().size() + " not recognised, " + r.unreadable().size() + " unreadable");
            for (Diagnostic d : SfzExporter.write(r.program(), out)) err.println("warning: " + d);
            for (KitMaker.Placement p : r.placements())
                o.printf(Locale.ROOT, "%-4s %3d %-18s v%d/%d%-4s %6.1f dB  %s%n", NoteNames.name(p.note()), p.note(), p.pad(), p.layer(), p.layers(),
                        p.roundRobin() > 0 ? " rr" + p.roundRobin() : "", p.loudnessDb(), p.file().relPath());
            for (MediaFile f : r.unrecognised()) o.println("not recognised: " + f.relPath() + " (no drum word in its name or its folder's)");
            for (MediaFile f : r.unreadable()) err.println("left out " + f.relPath() + ": " + (f.error() != null ? f.error()
                    : "it is " + f.status().name().toLowerCase(Locale.ROOT)));
            o.println(out + ": " + r.program().drumKit().pads().size() + " pads, " + r.program().regions().size() + " regions");
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
