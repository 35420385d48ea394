package dev.loophole.signal.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loophole.model.Program;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3, "which voices start and stop": one SFZ file per rule under
 * {@code src/test/resources/conformance/}, each with a {@code .case} file of events and the voices
 * (by {@code region_label}) that must start — and no others — with their start and stop frames.
 * Expectations are written from the SFZ format, not from what the engine does; a case the engine
 * cannot pass yet carries a {@code skip engine: …} line and is reported as skipped, never weakened.
 * See {@link ConformanceCase} for the file format.
 */
class SfzConformanceTest {
    @TempDir Path dir;

    static Path resources() {
        try {
            return Path.of(SfzConformanceTest.class.getResource("/conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        Path root = resources();
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> run(root, f)));
    }

    private void run(Path root, Path file) throws IOException {
        ConformanceCase c = ConformanceCase.read(file);
        if (c.skip() != null) {
            // Still run it: a skipped case that passes now says so, so its skip line can go.
            String outcome;
            try { check(root, c, dir); outcome = "[NOTE: this case passes now; remove its skip line]"; }
            catch (AssertionError | RuntimeException e) { outcome = "observed: " + e.getMessage(); }
            Assumptions.abort(c.rule() + " — " + c.skip() + "\n" + outcome);
        }
        check(root, c, dir);
    }

    static void check(Path root, ConformanceCase c, Path work) throws IOException {
        Program program = ConformanceHarness.load(root, c.sfz(), work);
        ConformanceHarness.Result r = ConformanceHarness.render(program, c.events(), c.seed(), c.tail());
        List<ConformanceHarness.Event> starts = r.starts();
        long[] stops = ConformanceHarness.stopFrames(r);

        if (c.expected() != null) checkVoices(c, r, starts, stops);

        // What was heard.
        for (ConformanceCase.Level l : c.levels()) {
            double at = l.frame() < r.left().length ? r.left()[(int) l.frame()] : Double.NaN;
            if (!(Math.abs(at - l.value()) <= l.tolerance()))
                fail(c.rule() + ": level at frame " + l.frame() + " is " + at + ", expected " + l.value() + " ± " + l.tolerance()
                        + "\n" + describe(r, stops));
        }
    }

    private static void checkVoices(ConformanceCase c, ConformanceHarness.Result r, List<ConformanceHarness.Event> starts, long[] stops) {
        // Which voices started: compare sorted "label key start" lines, so a failure shows both lists whole.
        List<String> want = new ArrayList<>(), got = new ArrayList<>();
        for (ConformanceCase.Voice v : c.expected()) want.add(v.label() + " " + (v.key() < 0 ? "*" : v.key()) + " " + v.start());
        for (int i = 0; i < starts.size(); i++) {
            ConformanceHarness.Event e = starts.get(i);
            boolean anyKey = c.expected().stream().anyMatch(v -> v.key() < 0 && v.label().equals(e.label()));
            got.add(e.label() + " " + (anyKey ? "*" : e.key()) + " " + e.frame());
        }
        Comparator<String> byFrame = Comparator.comparingLong((String s) -> Long.parseLong(s.substring(s.lastIndexOf(' ') + 1)))
                .thenComparing(Comparator.naturalOrder());
        want.sort(byFrame);
        List<String> gotSorted = new ArrayList<>(got);
        gotSorted.sort(byFrame);
        assertEquals(String.join("\n", want), String.join("\n", gotSorted),
                c.rule() + ": voices started (label key frame)\n" + describe(r, stops) + warnings(r));

        // When they stopped, and at which velocity they started.
        boolean[] used = new boolean[starts.size()];
        for (ConformanceCase.Voice v : c.expected()) {
            if (v.stopLo() == ConformanceCase.Voice.UNCHECKED && v.velocity() < 0) continue;
            int i = 0;
            for (; i < starts.size(); i++) {
                ConformanceHarness.Event e = starts.get(i);
                if (!used[i] && e.label().equals(v.label()) && (v.key() < 0 || e.key() == v.key()) && e.frame() == v.start()) break;
            }
            used[i] = true;
            if (v.velocity() >= 0 && starts.get(i).velocity() != v.velocity())
                fail(c.rule() + ": voice '" + v.describe() + "' started at velocity " + starts.get(i).velocity() + "\n" + describe(r, stops));
            long stop = stops[i];
            if (v.stopLo() != ConformanceCase.Voice.UNCHECKED && (stop < v.stopLo() || stop > v.stopHi()))
                fail(c.rule() + ": voice '" + v.describe() + "' stopped at "
                        + (stop == Long.MAX_VALUE ? "(still sounding)" : stop) + "\n" + describe(r, stops));
        }
    }

    static String describe(ConformanceHarness.Result r, long[] stops) {
        StringBuilder b = new StringBuilder("engine voices (label ch key vel start..stop):\n");
        List<ConformanceHarness.Event> starts = r.starts();
        for (int i = 0; i < starts.size(); i++) {
            ConformanceHarness.Event e = starts.get(i);
            b.append("  ").append(e.label()).append(" ch").append(e.channel() + 1).append(' ').append(e.key()).append(' ')
                    .append(e.velocity()).append(' ').append(e.frame()).append("..")
                    .append(stops[i] == Long.MAX_VALUE ? "-" : Long.toString(stops[i])).append('\n');
        }
        return b.toString();
    }

    private static String warnings(ConformanceHarness.Result r) {
        return r.warnings().isEmpty() ? "" : "warnings:\n  " + String.join("\n  ", r.warnings());
    }
}
