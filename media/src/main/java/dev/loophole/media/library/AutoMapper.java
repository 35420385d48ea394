package dev.loophole.media.library;

import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a set of samples into an instrument.
 * <ul>
 *   <li>Key: the file's {@code smpl} root key, else a note name or number in its file name ({@link NameHints}),
 *       else its detected pitch (the region is then fine-tuned by the detected deviation).</li>
 *   <li>Keys spread to the midpoints between neighbouring sampled keys (the lowest reaches 0, the highest 127).</li>
 *   <li>Velocity layers from dynamics or vN in the names; without them, several samples on one key (other than
 *       round robins) are layered by loudness, softest lowest. The layers split 1..127 evenly.</li>
 *   <li>Round robins from rrN: seq_length / seq_position.</li>
 *   <li>A folder where fewer than half the samples have a key is a kit: each sound gets one key from
 *       {@value #FIRST_UNPITCHED} up (GM's kick), grouped by the name left without layer and round-robin tokens. In a
 *       melodic folder, samples without a key are left out (and reported).</li>
 * </ul>
 */
public final class AutoMapper {
    static final int FIRST_UNPITCHED = 36;

    private AutoMapper() {}

    /** How one sample was placed, for reporting. */
    public record Placement(MediaFile file, int key, String keySource, int layer, int layers, int roundRobin) {}

    /** The instrument, where each sample went, and the files left out (unreadable, not here, or unkeyed in a melodic folder). */
    public record Result(Program program, List<Placement> placements, List<MediaFile> skipped) {}

    private record Sample(MediaFile file, SampleRef ref, int key, String source, double tuneCents, NameHints hints) {}

    /** Maps {@code files}; {@code refs} gives each file's sample reference (a library link, normally). */
    public static Result map(String name, List<MediaFile> files, Function<MediaFile, SampleRef> refs) {
        List<Sample> pitched = new ArrayList<>();
        List<MediaFile> unkeyed = new ArrayList<>();
        List<MediaFile> skipped = new ArrayList<>();
        for (MediaFile f : files.stream().sorted(Comparator.comparing(MediaFile::relPath)).toList()) {
            if (f.error() != null || f.format() == null || !f.status().playable()) {
                skipped.add(f);
                continue;
            }
            NameHints h = NameHints.of(Relative.fileName(f.relPath()));
            if (f.rootKey() >= 0) pitched.add(new Sample(f, refs.apply(f), f.rootKey(), "smpl", 0, h));
            else if (h.key() >= 0) pitched.add(new Sample(f, refs.apply(f), h.key(), "name", 0, h));
            else if (f.pitchKey() >= 0) {
                double cents = 100 * (12 * Math.log(f.pitchHz() / 440) / Math.log(2) + 69 - f.pitchKey());
                pitched.add(new Sample(f, refs.apply(f), f.pitchKey(), "pitch", -cents, h));
            } else unkeyed.add(f);
        }
        // A folder is melodic when most of its samples have a key; then the few without one are left out. Otherwise it is
        // a kit: every sound gets its own key, whatever a detected pitch or a stray smpl chunk says.
        if (pitched.size() * 2 < pitched.size() + unkeyed.size()) {
            for (Sample s : pitched) unkeyed.add(s.file);
            pitched.clear();
            unkeyed.sort(Comparator.comparing(MediaFile::relPath));
        } else {
            skipped.addAll(unkeyed);
            unkeyed.clear();
        }
        Map<String, List<MediaFile>> unpitched = new TreeMap<>();
        for (MediaFile f : unkeyed)
            unpitched.computeIfAbsent(NameHints.of(Relative.fileName(f.relPath())).stem().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(f);
        int next = FIRST_UNPITCHED;
        for (List<MediaFile> group : unpitched.values()) {
            if (next > 127) {
                skipped.addAll(group);
                continue;
            }
            for (MediaFile f : group)
                pitched.add(new Sample(f, refs.apply(f), next, "order", 0, NameHints.of(Relative.fileName(f.relPath()))));
            next++;
        }
        TreeMap<Integer, List<Sample>> byKey = new TreeMap<>();
        for (Sample s : pitched) byKey.computeIfAbsent(s.key, k -> new ArrayList<>()).add(s);
        List<SampleRegion> regions = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        Map<Integer, String> keyLabels = new LinkedHashMap<>();
        Integer prev = null;
        for (Map.Entry<Integer, List<Sample>> e : byKey.entrySet()) {
            int key = e.getKey();
            Integer higher = byKey.higherKey(key);
            boolean spread = e.getValue().stream().noneMatch(s -> s.source.equals("order"));
            int lo = !spread ? key : prev == null ? 0 : (prev + key) / 2 + 1;
            int hi = !spread ? key : higher == null ? 127 : (key + higher) / 2;
            prev = key;
            if (!spread) keyLabels.put(key, e.getValue().getFirst().hints.stem());
            List<List<Sample>> layers = layers(e.getValue());
            for (int l = 0; l < layers.size(); l++) {
                IntRange vel = layerVelocities(l, layers.size());
                List<Sample> robins = layers.get(l);
                robins.sort(Comparator.comparingInt((Sample s) -> s.hints.roundRobin()).thenComparing(s -> s.file.relPath()));
                for (int r = 0; r < robins.size(); r++) {
                    Sample s = robins.get(r);
                    SampleRegion.Builder b = SampleRegion.builder("r" + (regions.size() + 1));
                    b.samples.add(s.ref);
                    b.keyRange = new IntRange(lo, hi);
                    b.velocityRange = vel;
                    b.tuning = new Tuning(key, 0, s.tuneCents, 100, 0, 200, -200);
                    if (robins.size() > 1) b.conditions = seq(robins.size(), r + 1);
                    b.label = NameWords.stem(Relative.fileName(s.file.relPath()));
                    regions.add(b.build());
                    placements.add(new Placement(s.file, key, s.source, l + 1, layers.size(), robins.size() > 1 ? r + 1 : 0));
                }
            }
        }
        Program p = new Program(name, name, List.of(new SampleGroup("g1", name, regions)), ProgramSettings.DEFAULT,
                Map.of(), keyLabels, List.of());
        return new Result(p, placements, skipped);
    }

    /**
     * Velocity layers of one key, softest first. Named layers (dynamics, vN) order themselves; unnamed samples that
     * are not round robins of each other become layers by loudness.
     */
    private static List<List<Sample>> layers(List<Sample> samples) {
        TreeMap<Double, List<Sample>> out = new TreeMap<>();
        boolean named = samples.stream().anyMatch(s -> s.hints.dynamic() >= 0);
        if (named) {
            for (Sample s : samples) out.computeIfAbsent((double) Math.max(0, s.hints.dynamic()), k -> new ArrayList<>()).add(s);
        } else if (samples.stream().allMatch(s -> s.hints.roundRobin() >= 0) || samples.size() == 1) {
            out.put(0.0, new ArrayList<>(samples));
        } else {
            // Round robins of one layer share a loudness slot: group by rr-less name, rank groups by mean loudness.
            Map<String, List<Sample>> byStem = new LinkedHashMap<>();
            for (Sample s : samples) byStem.computeIfAbsent(s.hints.stem() + "#" + s.hints.key(), k -> new ArrayList<>()).add(s);
            for (List<Sample> g : byStem.values()) {
                double mean = g.stream().mapToDouble(s -> s.file.loudnessDb()).average().orElse(0);
                while (out.containsKey(mean)) mean += 1e-9;
                out.put(mean, g);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Layer {@code l} (0 = softest) of {@code n}: 1..127 split evenly. */
    static IntRange layerVelocities(int l, int n) {
        return new IntRange(l == 0 ? 1 : (int) Math.round(127.0 * l / n) + 1, (int) Math.round(127.0 * (l + 1) / n));
    }

    /** Round robin {@code position} (1-based) of {@code length}: SFZ seq_length / seq_position. */
    static RegionConditions seq(int length, int position) {
        return RegionConditions.DEFAULT.withSequence(length, position);
    }
}
