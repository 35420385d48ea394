package dev.loophole.signal.sampler;

import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a model Program into a {@link Patch} on the control side: loads each distinct sample once
 * and flattens regions. A region whose sample cannot be loaded is left out with a warning, so the
 * rest of the program still plays.
 */
public final class PatchCompiler {
    private final SampleProvider samples;
    private final int engineRate;
    private final Map<String, SampleData> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SampleData> headers = new java.util.concurrent.ConcurrentHashMap<>(); // empty heads
    private final Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> warnedChannels = new java.util.HashSet<>();

    private final int preloadFrames;

    public PatchCompiler(SampleProvider samples, int engineRate) {
        this(samples, engineRate, PRELOAD_FRAMES);
    }

    /** {@code preloadFrames}: how much of each sample is decoded into memory ahead of the furthest start a region uses. */
    public PatchCompiler(SampleProvider samples, int engineRate, int preloadFrames) {
        if (preloadFrames < 64) throw new IllegalArgumentException("preload " + preloadFrames + " frames is below 64");
        this.samples = samples;
        this.engineRate = engineRate;
        this.preloadFrames = preloadFrames;
    }

    /** The default of how many frames a voice may read from memory before streaming has delivered its first block. */
    public static final int PRELOAD_FRAMES = 8192;

    /**
     * What an offline render knows of its song, for one compile.
     *
     * @param keys             the keys that will be played (null: any key may): a sample that only regions no such key
     *                         reaches, and no controller starts, is opened for its header alone, never decoded. Those
     *                         regions still compile, so switches, groups and round robins count as before.
     * @param leaveOutUnplayed a plain region no played key reaches is not compiled at all, where the program selects
     *                         regions by key and velocity alone (see {@link UnplayedRegions}). Its sample is still opened
     *                         and its problems still reported, and it still counts in {@link Patch#regionCount()}; what
     *                         plays is the same.
     */
    public record Played(java.util.BitSet keys, boolean leaveOutUnplayed) {
        /** Any key may play: every region compiles and every sample's head is decoded (live play, an edit). */
        public static final Played ANY = new Played(null, false);

        public Played {
            keys = keys == null ? null : (java.util.BitSet) keys.clone();
        }

        @Override
        public java.util.BitSet keys() { return keys == null ? null : (java.util.BitSet) keys.clone(); }

        private boolean canSound(SampleRegion r) {
            if (keys == null || !r.conditions().triggerCcRanges().isEmpty()) return true;
            int next = keys.nextSetBit(r.keyRange().lo());
            return next >= 0 && next <= r.keyRange().hi();
        }
    }

    public Patch compile(Program program) { return compile(program, Played.ANY); }

    /** {@code program} compiled for a song that plays {@code played}. */
    public Patch compile(Program program, Played played) {
        Map<String, int[]> modulationWarnings = new HashMap<>();
        List<CompiledRegion> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // What each sample's in-memory head must cover: the furthest start any region uses plus the
        // preload, and every loop (loops are read from memory; only straight runs stream).
        Map<String, Long> minHead = new HashMap<>();
        Map<String, Boolean> ram = new HashMap<>();
        for (SampleRegion r : program.regions()) {
            if (!played.canSound(r)) continue;
            boolean toFileOrWhole = loopsToFileOrWhole(r);
            boolean wantsRam = r.playback().reverse() || "1".equals(r.otherOpcodes().get("hint_ram_based"));
            for (SampleRef s : r.samples()) {
                if (toFileOrWhole) headerQuietly(s); // the file's loops decide (a failure is reported where the sample loads)
                minHead.merge(s.path(), headNeed(r, preloadFrames, headers.get(s.path())), Math::max);
                ram.merge(s.path(), wantsRam || s.channel() >= 0, Boolean::logicalOr); // a channel of a file is cut from it in memory
            }
        }
        preload(program, minHead, ram);
        Map<LoopTail.Key, LoopTail> tails = new HashMap<>();
        boolean leaveOut = played.leaveOutUnplayed() && played.keys != null && UnplayedRegions.keyedOnly(program);
        int leftOut = 0;
        for (SampleRegion r : program.regions()) {
            SampleRef ref = r.sample();
            if (ref == null) {
                warnings.add(where(r) + "region " + r.regionId() + " has no sample; skipped");
                continue;
            }
            Long head = minHead.get(ref.path());
            SampleData data = head == null ? header(ref, r, warnings) : load(ref, head, ram.get(ref.path()), r, warnings);
            if (data == null) continue;
            if (data.frames() == 0) {
                warnings.add(where(r) + ref.path() + " has no frames; region " + r.regionId() + " skipped");
                continue;
            }
            if (data.channelCount() > 2 && warnedChannels.add(ref.path()))
                warnings.add(where(r) + ref.path() + " has " + data.channelCount() + " channels; its first two play as left and right");
            if (leaveOut && head == null && !played.canSound(r) && UnplayedRegions.plain(r)) {
                leftOut++;
                continue;
            }
            String at = where(r) + "region " + r.regionId() + ": ";
            java.util.function.Consumer<String> warn = w -> {
                int[] seen = modulationWarnings.get(w); // {index in warnings, regions}
                if (seen == null) { modulationWarnings.put(w, new int[]{warnings.size(), 1}); warnings.add(at + w); }
                else seen[1]++;
            };
            CompiledRegion c = new CompiledRegion(r.forMic(ref), out.size(), data, engineRate, program.curves(), warn, tails);
            if (head != null) loopCrossfadeWarning(r, c, warnings); // (an empty head has no room for a crossfade)
            if (head != null) c.mics = mics(r, out.size(), program, warn, tails, minHead, ram, warnings);
            out.add(c);
        }
        // What the engine cannot play of the modulation is said once per kind, at its first region, with a count.
        for (int[] seen : modulationWarnings.values())
            if (seen[1] > 1) warnings.set(seen[0], warnings.get(seen[0]) + " (and " + (seen[1] - 1) + " more regions)");
        return new Patch(program, out.toArray(CompiledRegion[]::new), warnings, leftOut);
    }

    /**
     * A multi-mic region's other samples, each compiled as the region with only that sample at the mic's level and
     * pan: the instrument starts one voice per mic with the region's envelope, choke and selection.
     */
    private CompiledRegion[] mics(SampleRegion r, int index, Program program, java.util.function.Consumer<String> warn,
                                  Map<LoopTail.Key, LoopTail> tails, Map<String, Long> minHead, Map<String, Boolean> ram,
                                  List<String> warnings) {
        List<CompiledRegion> mics = new ArrayList<>();
        for (SampleRef ref : r.samples().subList(1, r.samples().size())) {
            SampleData data = load(ref, minHead.get(ref.path()), ram.get(ref.path()), r, warnings);
            if (data == null || data.frames() == 0) continue;
            mics.add(new CompiledRegion(r.forMic(ref), index, data, engineRate, program.curves(), warn, tails));
        }
        return mics.toArray(CompiledRegion[]::new);
    }

    /**
     * Decodes every distinct sample's head, and opens every sample no played key reaches for its header, on all cores
     * first: opening and decoding a thousand FLAC files one by one is what makes a big library slow to become playable.
     */
    private void preload(Program program, Map<String, Long> minHead, Map<String, Boolean> ram) {
        Map<String, SampleRef> distinct = new java.util.LinkedHashMap<>();
        for (SampleRegion r : program.regions())
            for (SampleRef ref : r.samples()) distinct.putIfAbsent(ref.path(), ref);
        if (distinct.size() < 8) return; // not worth the threads
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 2, 16)); // I/O and decoding overlap
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loophole-preload");
            t.setDaemon(true);
            return t;
        })) {
            for (SampleRef ref : distinct.values()) {
                Long head = minHead.get(ref.path());
                if (head != null) pool.execute(() -> loadQuietly(ref, head, ram.get(ref.path())));
                else if (!ref.isBuiltin()) pool.execute(() -> headerQuietly(ref));
            }
        }
    }

    /**
     * Frames of a sample's head a region needs in memory: its furthest start plus {@code preload}, and its loop end — loops
     * play from memory, a stream ring holds only a straight run. {@code count=N} replays the whole sample: all of it
     * ({@link Long#MAX_VALUE}). A loop mode without a loop end of its own ({@link #loopsToFileOrWhole}) needs more than
     * this: the file's loop, or the whole sample where the file has none — all of it where the region {@link #readsWhole}
     * it ({@code header}: its file's, only asked for where {@link #loopsToFileOrWhole}; null when not read or not readable).
     */
    public static long headNeed(SampleRegion r, long preload, SampleData header) {
        if (r.playback().count() > 1 || readsWhole(r, header)) return Long.MAX_VALUE;
        long need = r.playback().offset() + r.playback().offsetRandom() + preload;
        return r.loop().end() >= 0 ? Math.max(need, r.loop().end() + 4) : need;
    }

    /**
     * Whether the region loops without a loop end of its own: then it loops to the file's loop end (the store's head
     * runs through a file's loops) or, in a file without loops, over the whole sample, which must then be read whole
     * (else a held note ran dry once the stream ring filled, 0.6 s in at the default preload).
     */
    public static boolean loopsToFileOrWhole(SampleRegion r) {
        return r.loop().end() < 0 && r.loop().mode() != null && r.loop().mode().loops() && r.playback().count() <= 1;
    }

    /**
     * Whether the region's sample is read whole for its loop: it loops to the file's loop or the whole sample, and the
     * file ({@code header}, null when it could not be opened) has no loop of its own.
     */
    public static boolean readsWhole(SampleRegion r, SampleData header) {
        return loopsToFileOrWhole(r) && header != null && header.metadata().loops().isEmpty();
    }

    private void headerQuietly(SampleRef ref) {
        if (headers.containsKey(ref.path()) || failures.containsKey(ref.path())) return;
        try {
            headers.put(ref.path(), samples.header(ref));
        } catch (IOException | RuntimeException e) {
            failures.put(ref.path(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void loadQuietly(SampleRef ref, long minHead, boolean ramMode) {
        if (cache.containsKey(ref.path()) || failures.containsKey(ref.path())) return;
        try {
            cache.put(ref.path(), samples.load(ref, minHead, ramMode));
        } catch (IOException | RuntimeException e) {
            failures.put(ref.path(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private SampleData load(SampleRef ref, long minHead, boolean ramMode, SampleRegion r, List<String> warnings) {
        SampleData whole = loadFile(ref, minHead, ramMode, r, warnings);
        if (whole == null || ref.channel() < 0) return whole;
        if (ref.channel() >= whole.channelCount()) {
            warnings.add(where(r) + ref.path() + " has " + whole.channelCount() + " channels, no channel " + (ref.channel() + 1) + "; that mic of region " + r.regionId() + " skipped");
            return null;
        }
        if (whole.streamed()) {
            warnings.add(where(r) + ref.path() + " is streamed; channel " + (ref.channel() + 1) + " of it cannot be cut out, mic of region " + r.regionId() + " skipped");
            return null;
        }
        return new SampleData(whole.name() + "#" + (ref.channel() + 1), null, new float[][]{whole.head(ref.channel())}, whole.frames(),
                whole.sampleRate(), whole.metadata());
    }

    private SampleData loadFile(SampleRef ref, long minHead, boolean ramMode, SampleRegion r, List<String> warnings) {
        SampleData d = cache.get(ref.path());
        return d != null ? d : loadOnce(ref, r, warnings, cache, () -> samples.load(ref, minHead, ramMode));
    }

    /** A sample for a region that cannot sound: the one already loaded, or its header alone. */
    private SampleData header(SampleRef ref, SampleRegion r, List<String> warnings) {
        SampleData d = cache.get(ref.path());
        if (d == null) d = headers.get(ref.path());
        return d != null ? d : loadOnce(ref, r, warnings, headers, () -> samples.header(ref));
    }

    private interface Loader { SampleData get() throws IOException; }

    /** Loads into {@code into}, or remembers the failure (a sample is tried once) and warns for the region. */
    private SampleData loadOnce(SampleRef ref, SampleRegion r, List<String> warnings, Map<String, SampleData> into, Loader loader) {
        String failure = failures.get(ref.path());
        if (failure == null) {
            try {
                SampleData d = loader.get();
                into.put(ref.path(), d);
                return d;
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                failures.put(ref.path(), failure);
            }
        }
        warnings.add(where(r) + "sample not loaded, region " + r.regionId() + " skipped: " + failure);
        return null;
    }

    /** loop_crossfade that cannot play as written: say so, with what plays instead. */
    private static void loopCrossfadeWarning(SampleRegion r, CompiledRegion c, List<String> warnings) {
        double seconds = r.loop().crossfade();
        if (seconds <= 0 || !c.loopMode.loops()) return;
        String at = where(r) + "region " + r.regionId() + ": loop_crossfade=" + seconds;
        if (c.loopType != dev.loophole.model.LoopType.FORWARD) {
            warnings.add(at + " is ignored with loop_type=" + c.loopType.sfzName() + " (its turns are continuous already)");
            return;
        }
        long want = Math.round(seconds * c.sample.sampleRate());
        int got = c.loopTail == null ? 0 : c.loopTail.frames;
        if (got < want)
            warnings.add(at + " needs " + want + " frames; the loop " + c.loopStart + ".." + c.loopEnd + " allows " + got
                    + " (at most the frames before loop_start, one less than the loop's length, and only for a loop held in memory)");
    }

    private static String where(SampleRegion r) {
        return r.origin() == null ? "" : r.origin() + ": ";
    }
}
