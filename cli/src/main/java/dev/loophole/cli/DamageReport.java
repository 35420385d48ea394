package dev.loophole.cli;

import dev.loophole.media.AudioFiles;
import dev.loophole.media.AudioProblem;
import dev.loophole.media.AudioReader;
import dev.loophole.media.MediaException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Damaged audio met by a command (samples cut short, samples that are not audio, samples with no usable frame):
 * each printed once as a warning, counted in the summary line, and with {@code --strict} a failure, for batch
 * jobs that must not ship audio made from damaged files. The problems come from one source (the render's
 * {@link dev.loophole.signal.store.SampleStore}, or {@link #probe} for inspect).
 */
final class DamageReport {
    private final Supplier<List<AudioProblem>> source;
    private final PrintWriter err;
    private final boolean strict;
    private final Set<AudioProblem> printed = new HashSet<>();

    DamageReport(Supplier<List<AudioProblem>> source, PrintWriter err, boolean strict) {
        this.source = source;
        this.err = err;
        this.strict = strict;
    }

    /**
     * Prints the problems not printed yet. A sample with no usable frame is already a warning of its own where
     * its region is skipped, so it is counted but not said twice.
     */
    void printNew() {
        for (AudioProblem p : source.get())
            if (printed.add(p) && p.kind() != AudioProblem.Kind.UNUSABLE) err.println("warning: damaged audio: " + p);
        err.flush();
    }

    int count() { return source.get().size(); }

    /** Prints what is new ({@link #printNew}), then with {@code --strict} fails as {@link #failIfStrict} does. */
    void check(String what) {
        printNew();
        failIfStrict(what);
    }

    /** With {@code --strict}, any damage ends the command with exit status 1; {@code what} says what is not done. */
    void failIfStrict(String what) {
        int n = count();
        if (strict && n > 0)
            throw new Errors.UserError(n + " damaged " + (n == 1 ? "sample" : "samples") + " (see the warnings above) and --strict: " + what);
    }

    /** ", 2 damaged samples" for a summary line, or nothing. */
    static String countText(int n) {
        return n == 0 ? "" : ", " + n + " damaged " + (n == 1 ? "sample" : "samples");
    }

    /** Inspect's check: opens each existing sample file and collects what its headers show. */
    static List<AudioProblem> probe(Collection<String> samplePaths) {
        List<AudioProblem> out = new ArrayList<>();
        for (String s : samplePaths) {
            if (s.startsWith("*") || s.startsWith("sf2:")) continue;
            Path file = Path.of(s);
            if (!Files.isRegularFile(file)) continue; // missing files are reported as missing
            try (AudioReader r = AudioFiles.open(file)) {
                r.reportTo(out::add);
            } catch (MediaException e) {
                out.add(AudioProblem.unusable(file, e));
            }
        }
        return out;
    }
}
