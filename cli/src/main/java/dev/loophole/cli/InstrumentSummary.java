package dev.loophole.cli;

import dev.loophole.media.AudioProblem;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.GmDrumMap;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code loophole inspect} reports about one program: structure, coverage, articulations,
 * labels, samples and warnings. A record so the same data prints as text or as JSON.
 */
record InstrumentSummary(String file, String program, int regions, int groups, KeyCoverage keys,
                         List<Articulation> articulations, Map<Integer, String> ccLabels, Map<Integer, String> keyLabels,
                         Map<Integer, String> pads, int samples, List<String> missingSamples, List<String> warnings,
                         List<String> damagedSamples) {

    /** Keys that some region answers, their span, and the velocity layers seen per key at most. */
    record KeyCoverage(int lowest, int highest, int keysCovered, List<Integer> gaps, int maxVelocityLayers) {}

    /** A key switch: the key that selects it and its label. */
    record Articulation(int key, String label) {}

    static InstrumentSummary of(Path file, Program p) {
        return of(file, p, List.of());
    }

    /** {@code damage}: what {@link DamageReport#probe} or a bank found wrong in the samples' audio. */
    static InstrumentSummary of(Path file, Program p, List<AudioProblem> damage) {
        List<SampleRegion> regions = p.regions();
        boolean[] covered = new boolean[128];
        int[] layers = new int[128];
        Map<Integer, String> switches = new TreeMap<>();
        Set<String> samples = samplePaths(p);
        for (SampleRegion r : regions) {
            for (int k = r.keyRange().lo(); k <= r.keyRange().hi(); k++) { covered[k] = true; layers[k]++; }
            int sw = r.conditions().swLast();
            if (sw >= 0) switches.merge(sw, r.conditions().swLabel() == null ? "" : r.conditions().swLabel(), (a, b) -> a.isEmpty() ? b : a);
        }
        int lo = -1, hi = -1, count = 0;
        for (int k = 0; k < 128; k++) if (covered[k]) { if (lo < 0) lo = k; hi = k; count++; }
        List<Integer> gaps = new ArrayList<>();
        for (int k = Math.max(lo, 0); k <= hi; k++) if (!covered[k]) gaps.add(k);
        int maxLayers = 0;
        for (int k = 0; k < 128; k++) maxLayers = Math.max(maxLayers, layers[k]);
        List<String> missing = samples.stream()
                .filter(s -> !s.startsWith("*") && !s.startsWith("sf2:") && !Files.isRegularFile(Path.of(s))).toList();
        List<Articulation> arts = switches.entrySet().stream().map(e -> new Articulation(e.getKey(), e.getValue())).toList();
        return new InstrumentSummary(file.toString(), p.name(), regions.size(), p.groups().size(),
                new KeyCoverage(lo, hi, count, gaps, maxLayers), arts, new TreeMap<>(p.ccLabels()), new TreeMap<>(p.keyLabels()),
                GmDrumMap.padNames(p), samples.size(), missing, p.diagnostics().stream().map(Diagnostic::toString).toList(),
                damage.stream().map(AudioProblem::toString).toList());
    }

    /** Every sample file the program plays (every mic of a multi-mic region), as written in its regions. */
    static Set<String> samplePaths(Program p) {
        Set<String> out = new LinkedHashSet<>();
        for (SampleRegion r : p.regions()) for (var s : r.samples()) out.add(s.path());
        return out;
    }

    List<String> text() {
        List<String> out = new ArrayList<>();
        out.add(file + (program == null || program.isBlank() ? "" : " — " + program));
        out.add(String.format("  %d regions in %d groups; keys %s (%d covered%s), up to %d layers on a key", regions, groups,
                keys.lowest() < 0 ? "none" : NoteName.of(keys.lowest()) + ".." + NoteName.of(keys.highest()), keys.keysCovered(),
                keys.gaps().isEmpty() ? "" : ", gaps at " + keys.gaps().stream().map(NoteName::of).toList(), keys.maxVelocityLayers()));
        if (!articulations.isEmpty())
            out.add("  articulations: " + articulations.stream().map(a -> NoteName.of(a.key()) + (a.label().isEmpty() ? "" : " " + a.label())).toList());
        if (!ccLabels.isEmpty()) out.add("  CC labels: " + ccLabels);
        if (!keyLabels.isEmpty()) out.add("  key labels: " + keyLabels);
        // one-key regions are pads: named by the kit, else by the General MIDI drum map
        if (!pads.isEmpty()) out.add("  pads: " + pads);
        out.add(String.format("  samples: %d, %d missing", samples, missingSamples.size()) + DamageReport.countText(damagedSamples.size()));
        for (String m : missingSamples) out.add("    missing: " + m);
        for (String d : damagedSamples) out.add("    damaged: " + d);
        out.add("  warnings: " + warnings.size());
        for (String w : warnings) out.add("    " + w);
        return out;
    }

    /** Note names as musicians read them, C4 = 60. */
    static final class NoteName {
        private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

        static String of(int key) { return NAMES[key % 12] + (key / 12 - 1); }
    }
}
