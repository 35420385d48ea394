package dev.loophole.signal.engine;

import dev.loophole.model.ExpressionCapabilities;

/**
 * One instrument whose block is recorded and rendered at the block's end ({@link DeferredRender}, one part): its
 * events and render segments are logged as they come ({@link BlockLog}), then replayed into scratch pairs of its
 * own, on whichever thread an engine hands the part to, and added into the block's outputs at {@link #endBlock}
 * on the render thread. So an offline graph renders its instrument nodes side by side on several threads, and the
 * same bits on one thread as on many (only the summation order differs from rendering straight into the
 * outputs: each instrument's voices are summed apart first). Outside a block every call goes through at once.
 * Recording, replaying and mixing allocate nothing once {@link #prepareBlocks} has sized the scratch.
 */
public class RecordedInstrument implements DeferredRender {
    /** Entries a block's log holds; a fuller block renders what it has so far and goes on (the same output). */
    static final int LOG_CAPACITY = 512;

    final Instrument inner;
    private final BlockLog log = new BlockLog(LOG_CAPACITY);
    // BlockLog's shapes for one program, made once: its scratch pairs, their count, its quiet segments, stirred.
    private final float[][][] scratch;
    private final int[] outputs;
    private final boolean[][] quiet = new boolean[1][LOG_CAPACITY];
    private final boolean[] stirred = {true};
    private boolean recording, taken;

    RecordedInstrument(Instrument inner, int outputs) {
        this.inner = inner;
        this.outputs = new int[] {outputs};
        this.scratch = new float[][][] {new float[2 * outputs][ProgramBank.SCRATCH_FRAMES]};
    }

    /**
     * {@code inst} recorded: a multi-output instrument stays one (its outputs and their wiring unchanged); one that
     * already defers its rendering (a {@link ProgramBank}) is returned as it is — its parts are shared already.
     */
    public static Instrument of(Instrument inst) {
        if (inst instanceof DeferredRender) return inst;
        if (inst instanceof MultiOutputInstrument m) return new Multi(m);
        return new RecordedInstrument(inst, 1);
    }

    @Override public int parts() { return 1; }

    @Override
    public boolean takeParts() {
        if (!recording || log.size() == 0) return false;
        grow(log.frames());
        return taken = true;
    }

    @Override public void renderPart(int i) { log.replay(0, inner, scratch[0], quiet[0], stirred); }

    @Override
    public void beginBlock() {
        inner.beginBlock();
        log.clear(); // empty unless a block was cut short by an error: its rest is not replayed into this one
        recording = true;
        taken = false;
    }

    @Override
    public void endBlock() {
        if (recording) flush();
        recording = false;
        inner.endBlock();
    }

    /** Renders what is logged (unless an engine did: {@link #takeParts}) and adds it into its outputs. */
    private void flush() {
        if (log.size() == 0) return;
        if (!taken) {
            grow(log.frames());
            renderPart(0);
        }
        taken = false;
        log.mix(scratch, outputs, quiet);
        log.clear();
    }

    @Override
    public void prepareBlocks(int maxFrames) {
        inner.prepareBlocks(maxFrames);
        grow(maxFrames);
    }

    /** Scratch for a block longer than any before: allocates, so an engine sizes it on the control side ({@link #prepareBlocks}). */
    private void grow(int frames) {
        float[][] s = scratch[0];
        if (frames > s[0].length) scratch[0] = new float[s.length][frames];
    }

    /** Logs an event in a block (rendering what is logged first when full); false outside one: the caller acts at once. */
    private boolean logged(int kind, int channel, int a, int b, int c, double x) {
        if (!recording) return false;
        if (log.full()) flush();
        log.event(kind, BlockLog.ALL, channel, a, b, c, x);
        return true;
    }

    @Override public void noteOn(int ch, int key, int vel) { if (!logged(BlockLog.NOTE_ON, ch, key, vel, 0, 0)) inner.noteOn(ch, key, vel); }

    @Override public void noteOff(int ch, int key, int vel) { if (!logged(BlockLog.NOTE_OFF, ch, key, vel, 0, 0)) inner.noteOff(ch, key, vel); }

    @Override public void controlChange(int ch, int cc, int v) { if (!logged(BlockLog.CONTROL, ch, cc, v, 0, 0)) inner.controlChange(ch, cc, v); }

    @Override public void pitchBend(int ch, int v) { if (!logged(BlockLog.BEND, ch, v, 0, 0, 0)) inner.pitchBend(ch, v); }

    @Override public void channelPressure(int ch, int v) { if (!logged(BlockLog.CHANNEL_PRESSURE, ch, v, 0, 0, 0)) inner.channelPressure(ch, v); }

    @Override public void polyPressure(int ch, int key, int v) { if (!logged(BlockLog.POLY_PRESSURE, ch, key, v, 0, 0)) inner.polyPressure(ch, key, v); }

    @Override public void programChange(int ch, int program) { if (!logged(BlockLog.PROGRAM, ch, program, 0, 0, 0)) inner.programChange(ch, program); }

    @Override
    public void perNoteOn(int ch, int id, int key, int vel16) { if (!logged(BlockLog.PER_NOTE_ON, ch, id, key, vel16, 0)) inner.perNoteOn(ch, id, key, vel16); }

    @Override
    public void perNoteOff(int ch, int id, int key, int vel16) { if (!logged(BlockLog.PER_NOTE_OFF, ch, id, key, vel16, 0)) inner.perNoteOff(ch, id, key, vel16); }

    @Override
    public void noteExpression(int ch, int id, int dim, float v) { if (!logged(BlockLog.EXPRESSION, ch, id, dim, 0, v)) inner.noteExpression(ch, id, dim, v); }

    @Override public void tempo(double bpm) { if (!logged(BlockLog.TEMPO, 0, 0, 0, 0, bpm)) inner.tempo(bpm); }

    @Override public void nodeTune(double cents) { if (!logged(BlockLog.TUNE, 0, 0, 0, 0, cents)) inner.nodeTune(cents); }

    @Override
    public void render(float[] left, float[] right, int from, int to) {
        if (!recording) { inner.render(left, right, from, to); return; }
        if (log.full()) flush();
        log.segment(left, right, from, to);
    }

    @Override public int activeVoices() { return inner.activeVoices(); }

    @Override public void allSoundOff() { inner.allSoundOff(); }

    @Override public ExpressionCapabilities capabilities() { return inner.capabilities(); }

    /** A multi-output instrument recorded: its outputs, each logged segment into the pairs it was given. */
    static final class Multi extends RecordedInstrument implements MultiOutputInstrument {
        private final MultiOutputInstrument multi;

        Multi(MultiOutputInstrument inner) {
            super(inner, inner.outputs());
            this.multi = inner;
        }

        @Override public int outputs() { return multi.outputs(); }

        @Override public boolean foldsIntoMain(int k) { return multi.foldsIntoMain(k); }

        @Override public boolean silent(int k) { return multi.silent(k); }

        @Override
        public void render(float[][] pairs, int first, int from, int to) {
            if (!recording()) { multi.render(pairs, first, from, to); return; }
            segment(pairs, first, from, to);
        }
    }

    boolean recording() { return recording; }

    void segment(float[][] pairs, int first, int from, int to) {
        if (log.full()) flush();
        log.segment(pairs, first, from, to);
    }
}
