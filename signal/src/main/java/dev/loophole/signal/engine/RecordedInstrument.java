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
    private final BlockRecorder recorder;

    RecordedInstrument(Instrument inner) {
        this.inner = inner;
        this.recorder = new BlockRecorder(new Instrument[] {inner}, LOG_CAPACITY);
    }

    /**
     * {@code inst} recorded: a multi-output instrument stays one (its outputs and their wiring unchanged); one that
     * already defers its rendering (a {@link ProgramBank}) is returned as it is — its parts are shared already.
     */
    public static Instrument of(Instrument inst) {
        if (inst instanceof DeferredRender) return inst;
        if (inst instanceof MultiOutputInstrument m) return new Multi(m);
        return new RecordedInstrument(inst);
    }

    @Override public int parts() { return 1; }

    @Override public boolean takeParts() { return recorder.take(); }

    @Override public void renderPart(int i) { recorder.renderPart(0); }

    @Override public int voicesAfter(int frame) { return recorder.voicesAfter(frame); }

    @Override public void beginBlock() { recorder.begin(); }

    @Override public void endBlock() { recorder.end(); }

    @Override public void prepareBlocks(int maxFrames) { recorder.prepare(maxFrames); }

    /**
     * Logs an event in a block; outside one it reaches the instrument at once, through the same replay. Render thread
     * only, as every instrument's events are (the graph's lanes and its adoption of a node call from there).
     */
    private void record(int kind, int channel, int a, int b, int c, double x) { recorder.record(kind, BlockLog.ALL, channel, a, b, c, x); }

    @Override public void noteOn(int ch, int key, int vel) { record(BlockLog.NOTE_ON, ch, key, vel, 0, 0); }

    @Override public void noteOff(int ch, int key, int vel) { record(BlockLog.NOTE_OFF, ch, key, vel, 0, 0); }

    @Override public void controlChange(int ch, int cc, int v) { record(BlockLog.CONTROL, ch, cc, v, 0, 0); }

    @Override public void pitchBend(int ch, int v) { record(BlockLog.BEND, ch, v, 0, 0, 0); }

    @Override public void channelPressure(int ch, int v) { record(BlockLog.CHANNEL_PRESSURE, ch, v, 0, 0, 0); }

    @Override public void polyPressure(int ch, int key, int v) { record(BlockLog.POLY_PRESSURE, ch, key, v, 0, 0); }

    @Override public void programChange(int ch, int program) { record(BlockLog.PROGRAM, ch, program, 0, 0, 0); }

    @Override public void perNoteOn(int ch, int id, int key, int vel16) { record(BlockLog.PER_NOTE_ON, ch, id, key, vel16, 0); }

    @Override public void perNoteOff(int ch, int id, int key, int vel16) { record(BlockLog.PER_NOTE_OFF, ch, id, key, vel16, 0); }

    @Override public void noteExpression(int ch, int id, int dim, float v) { record(BlockLog.EXPRESSION, ch, id, dim, 0, v); }

    @Override public void tempo(double bpm) { record(BlockLog.TEMPO, 0, 0, 0, 0, bpm); }

    @Override public void nodeTune(double cents) { record(BlockLog.TUNE, 0, 0, 0, 0, cents); }

    @Override
    public void render(float[] left, float[] right, int from, int to) {
        if (!recorder.segment(left, right, from, to)) inner.render(left, right, from, to);
    }

    @Override public int activeVoices() { return inner.activeVoices(); }

    @Override public void allSoundOff() { inner.allSoundOff(); }

    @Override public ExpressionCapabilities capabilities() { return inner.capabilities(); }

    /** A multi-output instrument recorded: its outputs, each logged segment into the pairs it was given. */
    static final class Multi extends RecordedInstrument implements MultiOutputInstrument {
        private final MultiOutputInstrument multi;

        Multi(MultiOutputInstrument inner) {
            super(inner);
            this.multi = inner;
        }

        @Override public int outputs() { return multi.outputs(); }

        @Override public boolean foldsIntoMain(int k) { return multi.foldsIntoMain(k); }

        @Override public boolean silent(int k) { return multi.silent(k); }

        @Override
        public void render(float[][] pairs, int first, int from, int to) {
            if (!super.recorder.segment(pairs, first, from, to)) multi.render(pairs, first, from, to);
        }
    }
}
