package dev.loophole.cli;

import dev.loophole.demo.TrainingContent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's training run (not a command): {@code java -XX:ArchiveClassesAtExit=… dev.loophole.cli.ArchiveTraining}
 * runs, in one process, the command lines of {@link #lines} on {@link TrainingContent}, so the start-up archive that
 * {@code render}, {@code export} and {@code inspect} share holds what any of them loads: SFZ with FLAC and WAV
 * samples, a SoundFont, a MIDI song, WAV output, both interpolation families, effects on and off. A fixed workload, so
 * that what the user ran first does not decide how fast every later run starts (BENCHMARKS.md, "archives trained on a
 * fixed workload"). Exits 1, with what the failing line printed, when any line fails: the launcher then keeps no archive.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("loophole-training");
        int status;
        try {
            status = run(dir);
            progressBar();
        } finally {
            BenchCommand.deleteTree(dir);
        }
        System.exit(status);
    }

    /** Runs every line on content written into {@code dir}; 0, or 1 after printing the first failing line's output. */
    static int run(Path dir) throws IOException {
        TrainingContent.TrainingFiles f = TrainingContent.write(dir);
        for (String[] line : lines(f, dir)) {
            StringWriter out = new StringWriter();
            FastPath.answer(line, System.out);                            // as Main.main does: false here
            RenderPrefetch.start(line);                                   // (a render's only)
            int status = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), line);
            if (status != 0) {
                System.err.println("loophole: the start-up training failed at `" + String.join(" ", line) + "`:\n" + out);
                return 1;
            }
        }
        return 0;
    }

    /**
     * A render at a terminal draws a progress bar, which no training run can (its output is not a terminal): one is
     * drawn here, on standard error swapped for nowhere, so the bar's classes are in the archive too.
     */
    private static void progressBar() {
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (Progress p = new Progress(48_000)) {
            p.update(48_000, 96_000);
        } finally {
            System.setErr(err);
        }
    }

    /** The training's command lines. */
    static List<String[]> lines(TrainingContent.TrainingFiles f, Path dir) {
        String sfz = f.sfz().toString(), sf2 = f.sf2().toString(), song = f.song().toString();
        return List.of(
                new String[] {"render", "--midi", song, "--instrument", "1=" + sfz, "--instrument", sf2, "--out", dir.resolve("a.wav").toString()},
                new String[] {"render", "--midi", song, "--instrument", sf2, "--out", dir.resolve("b.wav").toString(),
                        "--float", "--dry", "--tail", "1", "--quality", "cubic"},
                new String[] {"render", "--midi", song, "--instrument", sfz, "--out", dir.resolve("c.wav").toString(), "--quality", "cubic"},
                new String[] {"inspect", sfz},
                new String[] {"inspect", sf2, "--program", "128:0"},
                new String[] {"export", sf2, dir.resolve("sf2-export").toString(), "--program", "0"},
                new String[] {"export", sfz, dir.resolve("sfz-export").toString(), "--copy-samples"});
    }
}
