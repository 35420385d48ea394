package dev.loophole.signal.engine;

import java.util.Arrays;

/**
 * One block's calls to a {@link ProgramBank} (or a {@link RecordedInstrument}: one program), kept so that each program replays its own share later,
 * on whichever thread renders it: every event with the program it reaches, resolved when it arrived
 * (a note-on goes to its channel's program at that moment, everything else to all), and the render
 * segments between them, each program rendering into its own scratch pairs. The segments are then
 * mixed into their targets program by program in index order, so the sum is the same whichever
 * thread rendered what. Preallocated: recording, replaying and mixing allocate nothing.
 */
final class BlockLog {
    /** Target of an event every program takes. */
    static final int ALL = -1;
    static final int SEGMENT = 0, NOTE_ON = 1, NOTE_OFF = 2, CONTROL = 3, BEND = 4, CHANNEL_PRESSURE = 5,
            POLY_PRESSURE = 6, PER_NOTE_ON = 7, PER_NOTE_OFF = 8, EXPRESSION = 9, TEMPO = 10, TUNE = 11, PROGRAM = 12;

    private final int[] kind, target, channel, a, b, c;
    private final double[] x;
    // A segment: a = from, b = to, c = the first pair of `pairs` (multi-output), or -1 with left/right (one pair).
    private final float[][][] pairs;
    private final float[][] left, right;
    private int size;

    BlockLog(int capacity) {
        kind = new int[capacity]; target = new int[capacity]; channel = new int[capacity];
        a = new int[capacity]; b = new int[capacity]; c = new int[capacity]; x = new double[capacity];
        pairs = new float[capacity][][]; left = new float[capacity][]; right = new float[capacity][];
    }

    int capacity() { return kind.length; }

    int size() { return size; }

    boolean full() { return size == kind.length; }

    /** Forgets the block (and the output arrays it pointed at). */
    void clear() {
        Arrays.fill(pairs, 0, size, null);
        Arrays.fill(left, 0, size, null);
        Arrays.fill(right, 0, size, null);
        size = 0;
    }

    /** An event for program {@code to} (or {@link #ALL}); the caller makes room first ({@link #full}). */
    void event(int kind, int to, int channel, int a, int b, int c, double x) {
        int e = size++;
        this.kind[e] = kind; target[e] = to; this.channel[e] = channel; this.a[e] = a; this.b[e] = b; this.c[e] = c; this.x[e] = x;
    }

    /** Frames {@code [from, to)} rendered into {@code pairs} from pair {@code first} on (multi-output). */
    void segment(float[][] pairs, int first, int from, int to) {
        int e = size++;
        kind[e] = SEGMENT; target[e] = ALL; a[e] = from; b[e] = to; c[e] = first; this.pairs[e] = pairs;
    }

    /** Frames {@code [from, to)} rendered into one stereo pair. */
    void segment(float[] left, float[] right, int from, int to) {
        int e = size++;
        kind[e] = SEGMENT; target[e] = ALL; a[e] = from; b[e] = to; c[e] = -1; this.left[e] = left; this.right[e] = right;
    }

    /** The largest frame a segment reaches (how long scratch must be). */
    int frames() {
        int n = 0;
        for (int e = 0; e < size; e++) if (kind[e] == SEGMENT) n = Math.max(n, b[e]);
        return n;
    }

    /**
     * Program {@code p}'s share, applied to {@code inst} in order: its events, and every segment rendered
     * into {@code scratch} (zeroed there first). {@code quiet[e]} says whether segment e could not sound —
     * no voice at its start and no event since the program last rendered ({@code stirred[p]}) — so it is
     * neither cleared nor mixed (its render still runs: an instrument's clock moves with it). {@code voicesAfter[f]} gets
     * the voices sounding after each segment that ends on frame f (how an engine counts voices inside a long block).
     */
    void replay(int p, Instrument inst, float[][] scratch, boolean[] quiet, boolean[] stirred, int[] voicesAfter) {
        for (int e = 0; e < size; e++) {
            int t = target[e];
            if (t != ALL && t != p) continue;
            int ch = channel[e];
            switch (kind[e]) {
                case SEGMENT -> {
                    int from = a[e], to = b[e];
                    boolean silent = !stirred[p] && inst.activeVoices() == 0;
                    quiet[e] = silent;
                    boolean multi = c[e] >= 0 && inst instanceof MultiOutputInstrument;
                    if (!silent) for (int k = 0, n = multi ? scratch.length : 2; k < n; k++) Arrays.fill(scratch[k], from, to, 0f);
                    if (multi) ((MultiOutputInstrument) inst).render(scratch, 0, from, to);
                    else inst.render(scratch[0], scratch[1], from, to);
                    voicesAfter[to] = inst.activeVoices();
                    stirred[p] = false;
                    continue;
                }
                case NOTE_ON -> inst.noteOn(ch, a[e], b[e]);
                case NOTE_OFF -> inst.noteOff(ch, a[e], b[e]);
                case CONTROL -> inst.controlChange(ch, a[e], b[e]);
                case BEND -> inst.pitchBend(ch, a[e]);
                case CHANNEL_PRESSURE -> inst.channelPressure(ch, a[e]);
                case POLY_PRESSURE -> inst.polyPressure(ch, a[e], b[e]);
                case PER_NOTE_ON -> inst.perNoteOn(ch, a[e], b[e], c[e]);
                case PER_NOTE_OFF -> inst.perNoteOff(ch, a[e], b[e], c[e]);
                case EXPRESSION -> inst.noteExpression(ch, a[e], b[e], (float) x[e]);
                case TEMPO -> inst.tempo(x[e]);
                case TUNE -> inst.nodeTune(x[e]);
                case PROGRAM -> inst.programChange(ch, a[e]);
                default -> throw new IllegalStateException("kind " + kind[e]);
            }
            stirred[p] = true;
        }
    }

    /**
     * Adds every segment's scratch into the segment's target, programs in index order ({@code outputs[p]}
     * pairs of program p where the segment is multi-output, else its first pair), skipping quiet ones.
     */
    void mix(float[][][] scratch, int[] outputs, boolean[][] quiet) {
        for (int e = 0; e < size; e++) {
            if (kind[e] != SEGMENT) continue;
            int from = a[e], to = b[e], first = c[e];
            for (int p = 0; p < scratch.length; p++) {
                if (quiet[p][e]) continue;
                float[][] s = scratch[p];
                if (first < 0) { add(s[0], left[e], from, to); add(s[1], right[e], from, to); continue; }
                for (int k = 0; k < outputs[p]; k++) {
                    add(s[2 * k], pairs[e][2 * (first + k)], from, to);
                    add(s[2 * k + 1], pairs[e][2 * (first + k) + 1], from, to);
                }
            }
        }
    }

    private static void add(float[] from, float[] into, int start, int end) {
        for (int i = start; i < end; i++) into[i] += from[i];
    }
}
