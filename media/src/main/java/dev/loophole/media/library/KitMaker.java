package dev.loophole.media.library;

import dev.loophole.model.Choke;
import dev.loophole.model.DrumKits;
import dev.loophole.model.GmDrumMap;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.OffMode;
import dev.loophole.model.PadKinds;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A drum kit from a folder of one-shots: each file's name (or its folder's) says which General MIDI pad it is
 * ({@link PadKinds}); several files on one pad become velocity layers ordered by their measured loudness (the
 * library's RMS level), softest lowest, and files within {@value #SAME_LOUDNESS_DB} dB of a layer's softest are its
 * round robins. The hi-hats (closed, pedal, open) share a choke group: a closed or pedal hit cuts the open hat.
 */
public final class KitMaker {
    private KitMaker() {}

    /** Files this close in loudness (dB) are one layer's round robins. */
    public static final double SAME_LOUDNESS_DB = 1.0;
    /** The hi-hat pads' choke group. */
    public static final long HAT_GROUP = 1;
    private static final Set<Integer> HATS = Set.of(42, 44, 46);

    /** Where one file went: its pad (GM note and name), layer (1 = softest) of layers, round robin (0 = none). */
    public record Placement(MediaFile file, int note, String pad, String word, int layer, int layers, int roundRobin, double loudnessDb) {}

    /** The kit, where each file went, the files no drum word names, and the files that could not be read. */
    public record Result(Program program, List<Placement> placements, List<MediaFile> unrecognised, List<MediaFile> unreadable) {}

    public static Result make(String name, List<MediaFile> files, Function<MediaFile, SampleRef> refs) {
        TreeMap<Integer, List<MediaFile>> byNote = new TreeMap<>();
        List<MediaFile> unrecognised = new ArrayList<>(), unreadable = new ArrayList<>();
        for (MediaFile f : files.stream().sorted(Comparator.comparing(MediaFile::relPath)).toList()) {
            if (f.error() != null || f.format() == null || !f.status().playable()) { unreadable.add(f); continue; }
            Optional<PadKinds.Kind> kind = kindOf(f.relPath());
            if (kind.isEmpty()) unrecognised.add(f);
            else byNote.computeIfAbsent(kind.get().note(), k -> new ArrayList<>()).add(f);
        }
        List<SampleRegion> regions = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        Map<Integer, String> labels = new TreeMap<>();
        for (var e : byNote.entrySet()) {
            int note = e.getKey();
            String pad = GmDrumMap.name(note);
            labels.put(note, pad);
            List<List<MediaFile>> layers = layersByLoudness(e.getValue());
            for (int l = 0; l < layers.size(); l++) {
                List<MediaFile> robins = layers.get(l);
                for (int r = 0; r < robins.size(); r++) {
                    MediaFile f = robins.get(r);
                    SampleRegion.Builder b = SampleRegion.builder("n" + note + "-v" + (l + 1) + (robins.size() > 1 ? "-rr" + (r + 1) : ""));
                    b.samples.add(refs.apply(f));
                    b.keyRange = new IntRange(note, note);
                    b.velocityRange = AutoMapper.layerVelocities(l, layers.size());
                    b.tuning = new Tuning(note, 0, 0, 0, 0, 200, -200);
                    b.loop = new Loop(LoopMode.ONE_SHOT, null, -1, -1, 0, 0);
                    if (robins.size() > 1) b.conditions = AutoMapper.seq(robins.size(), r + 1);
                    if (HATS.contains(note)) b.choke = new Choke(HAT_GROUP, HAT_GROUP, OffMode.FAST, 0.006, 0, 0);
                    b.label = NameWords.stem(Relative.fileName(f.relPath()));
                    regions.add(b.build());
                    placements.add(new Placement(f, note, pad, kindWord(f.relPath()), l + 1, layers.size(), robins.size() > 1 ? r + 1 : 0, f.loudnessDb()));
                }
            }
        }
        Program p = new Program(name, name, List.of(new SampleGroup("kit", name, regions)), ProgramSettings.DEFAULT, Map.of(), labels, List.of());
        return new Result(p.withDrumKit(DrumKits.padsOf(p, false)), placements, unrecognised, unreadable);
    }

    /** The file name's words name the drum; failing that, its folder's ("Kicks/01.wav"). */
    static Optional<PadKinds.Kind> kindOf(String relPath) {
        String file = NameWords.stem(Relative.fileName(relPath));
        Optional<PadKinds.Kind> k = PadKinds.ofName(file);
        if (k.isPresent()) return k;
        int slash = relPath.lastIndexOf('/');
        if (slash <= 0) return Optional.empty();
        String folder = relPath.substring(0, slash);
        return PadKinds.ofName(folder.substring(folder.lastIndexOf('/') + 1));
    }

    private static String kindWord(String relPath) {
        return PadKinds.ofName(NameWords.stem(Relative.fileName(relPath))).isPresent() ? "file name" : "folder name";
    }

    /** Softest first; a file within {@link #SAME_LOUDNESS_DB} of its layer's softest joins it as a round robin. */
    static List<List<MediaFile>> layersByLoudness(List<MediaFile> files) {
        List<MediaFile> sorted = files.stream().sorted(Comparator.comparingDouble(MediaFile::loudnessDb).thenComparing(MediaFile::relPath)).toList();
        List<List<MediaFile>> layers = new ArrayList<>();
        for (MediaFile f : sorted) {
            if (layers.isEmpty() || f.loudnessDb() - layers.getLast().getFirst().loudnessDb() > SAME_LOUDNESS_DB) layers.add(new ArrayList<>());
            layers.getLast().add(f);
        }
        for (List<MediaFile> l : layers) l.sort(Comparator.comparing(MediaFile::relPath));
        return layers;
    }
}
