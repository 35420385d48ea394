package dev.loophole.signal.engine;

import java.util.Arrays;

/**
 * The recording half of a {@link DeferredRender} instrument, shared by {@link ProgramBank} (one part per program) and
 * {@link RecordedInstrument} (one part): within a block ({@link #begin} to {@link #end}) the calls that reach it are
 * logged ({@link BlockLog}), each part replays its share into scratch pairs of its own (on whichever thread takes it)
 * and the end mixes the scratches into the block's outputs in part order. The parts see {@code beginBlock},
 * {@code endBlock} (after their last render) and {@code prepareBlocks} as the instrument does. Recording, replaying
 * and mixing allocate nothing once {@link #prepare} has sized the scratch.
 */
final class BlockRecorder {
    /** Frames of scratch each part has from the start; a longer block grows it once. */
    static final int SCRATCH_FRAMES = 1024;

    private final Instrument[] parts;
    private final BlockLog log;
    private final float[][][] scratch;        // per part: its pairs (as many as its outputs, else one)
    private final int[] outputsOf;
    private final boolean[][] quiet;          // per part and log entry: a segment it cannot have sounded in
    private final boolean[] stirred;          // per part: an event reached it since it last rendered
    private final int[][] voicesAfter;        // per part and frame: its voices after this block's segment ending there
    private boolean recording, taken;

    /** {@code parts} render apart and are mixed in this order; a block's log holds {@code capacity} entries before it renders what it has. */
    BlockRecorder(Instrument[] parts, int capacity) {
        int n = parts.length;
        this.parts = parts;
        log = new BlockLog(capacity);
        scratch = new float[n][][];
        outputsOf = new int[n];
        quiet = new boolean[n][capacity];
        stirred = new boolean[n];
        Arrays.fill(stirred, true);
        voicesAfter = new int[n][SCRATCH_FRAMES + 1];
        for (int p = 0; p < n; p++) {
            outputsOf[p] = parts[p] instanceof MultiOutputInstrument m ? m.outputs() : 1;
            scratch[p] = new float[2 * outputsOf[p]][SCRATCH_FRAMES];
        }
    }

    void begin() {
        for (Instrument i : parts) i.beginBlock();
        log.clear(); // empty unless a block was cut short by an error: its rest is not replayed into this one
        recording = true;
        taken = false;
    }

    /** See {@link DeferredRender#takeParts}. */
    boolean take() {
        if (!recording || log.size() == 0) return false;
        grow(log.frames());
        return taken = true;
    }

    void renderPart(int p) { log.replay(p, parts[p], scratch[p], quiet[p], stirred, voicesAfter[p]); }

    /** See {@link DeferredRender#voicesAfter}: every part replays every segment, so each has its count for that frame. */
    int voicesAfter(int frame) {
        int n = 0;
        for (int[] v : voicesAfter) n += v[frame];
        return n;
    }

    /** Renders what is logged (unless an engine took the parts) and mixes it in; then the parts' block ends too. */
    void end() {
        if (recording) flush();
        recording = false;
        for (Instrument i : parts) i.endBlock();
    }

    /** Renders the log so far: every part (already done where an engine took them), then the mix in part order. */
    private void flush() {
        if (log.size() == 0) return;
        if (!taken) {
            grow(log.frames());
            for (int p = 0; p < parts.length; p++) renderPart(p);
        }
        taken = false;
        log.mix(scratch, outputsOf, quiet);
        log.clear();
    }

    /** Control side, before blocks of up to {@code maxFrames}: the parts' needs and the scratch. */
    void prepare(int maxFrames) {
        for (Instrument i : parts) i.prepareBlocks(maxFrames);
        grow(maxFrames);
    }

    /** Scratch frames (every part's are as long). */
    int scratchFrames() { return parts.length == 0 ? Integer.MAX_VALUE : scratch[0][0].length; }

    /**
     * Scratch for a block longer than any before: allocates — only where nobody prepared the instrument for its blocks
     * ({@link #prepare}: an {@link Engine} does when it routes one), never on a live engine's audio thread.
     */
    private void grow(int frames) {
        for (int p = 0; p < scratch.length; p++) {
            if (frames > scratch[p][0].length) scratch[p] = new float[scratch[p].length][frames];
            if (frames >= voicesAfter[p].length) voicesAfter[p] = new int[frames + 1];
        }
    }

    /**
     * An event for part {@code to} ({@link BlockLog#ALL}: every one): logged in a block (rendering what is logged first
     * when full); outside one it reaches its parts at once, through the same replay. The render thread's only (the log is
     * not shared): a control thread calling in mid-block would write into the block's log.
     */
    void record(int kind, int to, int channel, int a, int b, int c, double x) {
        if (recording && log.full()) flush();
        log.event(kind, to, channel, a, b, c, x);
        if (recording) return;
        try {
            for (int p = 0; p < parts.length; p++) renderPart(p); // no segment logged: events only, nothing to mix
        } finally {
            log.clear(); // an event a part refused is not replayed again with the next one
        }
    }

    /** Frames {@code [from, to)} into one pair, logged in a block; false outside one (the caller renders at once). */
    boolean segment(float[] left, float[] right, int from, int to) {
        if (!recording) return false;
        if (log.full()) flush();
        log.segment(left, right, from, to);
        return true;
    }

    /** Frames {@code [from, to)} into {@code pairs} from pair {@code first} on, logged in a block; false outside one. */
    boolean segment(float[][] pairs, int first, int from, int to) {
        if (!recording) return false;
        if (log.full()) flush();
        log.segment(pairs, first, from, to);
        return true;
    }
}
