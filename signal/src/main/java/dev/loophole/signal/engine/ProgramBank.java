package dev.loophole.signal.engine;

import java.util.Arrays;
import java.util.Map;

/**
 * Several programs behind one instrument, chosen per MIDI channel by bank select and program
 * change, as a General MIDI player does: CC0 picks the bank (GS style, the MSB), program change the
 * program; MIDI channel 10 plays the percussion bank (128) unless told otherwise. Notes go to the
 * channel's current program; controllers, bend and pressure go to every program so a channel keeps
 * its state across program changes, and note-offs go to all so no note sticks when the program
 * changed under it. All on the audio thread, no allocation: programs are compiled beforehand.
 *
 * <p>Within a block (from {@link #beginBlock} to {@link #endBlock}) the bank records what reaches it
 * ({@link BlockRecorder}) and renders at the block's end: each program replays its share into scratch
 * pairs of its own, and the scratches are mixed into the output in program order. Its programs are
 * its {@link DeferredRender} parts: an engine given workers ({@link Engine#workers}, an offline render) hands them
 * out beside its other renderers' parts, on several threads; the output is the same bits on one thread or many.
 * Outside a block every call acts at once.
 */
public final class ProgramBank implements MultiOutputInstrument, DeferredRender {
    public static final int PERCUSSION_BANK = 128;
    /** Entries a block's log holds; a fuller block renders what it has so far and goes on (the same output). */
    static final int LOG_CAPACITY = 1024;

    private final Instrument[] programs;      // index: bank * 128 + program, null where absent
    private final Instrument[] distinct;
    private final int[] indexOf;              // as programs: the program's index in distinct, -1 where absent
    private final int[] bankOf = new int[16], programOf = new int[16];
    private final int[] current = new int[16]; // each channel's program, an index in distinct (-1: none)
    private final int outputs;
    private final java.util.function.IntPredicate present;

    private final BlockRecorder recorder;     // its parts: distinct

    /**
     * {@code programs}: key {@code bank * 128 + program} → instrument. A program renders when asked: one that defers its
     * rendering ({@link DeferredRender}) would log its segments while the bank replays and mix them only after the bank did.
     */
    public ProgramBank(Map<Integer, ? extends Instrument> programs) {
        this.programs = new Instrument[129 * 128];
        Instrument[] table = this.programs;
        this.present = k -> table[k] != null;
        programs.forEach((k, v) -> this.programs[k] = v);
        this.distinct = programs.values().stream().distinct().toArray(Instrument[]::new);
        indexOf = new int[table.length];
        for (int k = 0; k < table.length; k++) indexOf[k] = table[k] == null ? -1 : Arrays.asList(distinct).indexOf(table[k]);
        for (int c = 0; c < 16; c++) { bankOf[c] = c == 9 ? PERCUSSION_BANK : 0; select(c); }
        int most = 1;
        for (Instrument i : distinct) {
            if (i instanceof DeferredRender) throw new IllegalArgumentException("a program of a bank renders when asked, not at the block's end: a "
                    + i.getClass().getSimpleName() + " cannot be one");
            if (i instanceof MultiOutputInstrument m) most = Math.max(most, m.outputs());
        }
        outputs = most;
        recorder = new BlockRecorder(distinct, LOG_CAPACITY);
    }

    @Override
    public boolean silent(int k) {
        for (Instrument i : distinct) if (i instanceof MultiOutputInstrument m ? k < m.outputs() && !m.silent(k) : k == 0) return false;
        return true;
    }

    @Override
    public boolean foldsIntoMain(int k) {
        for (Instrument i : distinct) if (i instanceof MultiOutputInstrument m && k < m.outputs() && m.foldsIntoMain(k)) return true;
        return false;
    }

    /** As many outputs as its widest program (a sampler's dry mix and effect sends); a narrower program fills the first ones. */
    @Override public int outputs() { return outputs; }

    /** The key of the program that plays for (bank, program), see {@link #resolve}. No allocation: {@link #present} is made once. */
    private int lookup(int bank, int program) { return resolve(present, bank, program); }

    /**
     * The key (bank × 128 + program) of the program that plays for (bank, program) among the keys {@code has} holds:
     * exact; else, for the percussion bank, its kit 0; for another bank, the same program in bank 0; else program 0 of
     * the bank asked for; -1 when none is there. (An offline render asks it which of a bank's presets its notes meet.)
     */
    public static int resolve(java.util.function.IntPredicate has, int bank, int program) {
        if (has.test(bank * 128 + program)) return bank * 128 + program;
        if (bank == PERCUSSION_BANK && has.test(PERCUSSION_BANK * 128)) return PERCUSSION_BANK * 128;
        if (bank != PERCUSSION_BANK && has.test(program)) return program;
        return has.test(bank * 128) ? bank * 128 : -1;
    }

    private void select(int channel) {
        int k = lookup(bankOf[channel], programOf[channel]);
        current[channel] = k < 0 ? -1 : indexOf[k];
    }

    @Override public void beginBlock() { recorder.begin(); }

    @Override public int parts() { return distinct.length; }

    @Override public boolean takeParts() { return recorder.take(); }

    @Override public void renderPart(int p) { recorder.renderPart(p); }

    @Override public int voicesAfter(int frame) { return recorder.voicesAfter(frame); }

    /** Renders the block's programs (unless an engine took them) and mixes them in; then the programs' block ends. */
    @Override public void endBlock() { recorder.end(); }

    int scratchFrames() { return recorder.scratchFrames(); }

    /** Scratch for blocks of up to {@code maxFrames}, made here on the control side (the engine calls it when routing). */
    @Override public void prepareBlocks(int maxFrames) { recorder.prepare(maxFrames); }

    private void record(int kind, int to, int channel, int a, int b, int c, double x) { recorder.record(kind, to, channel, a, b, c, x); }

    @Override
    public void noteOn(int channel, int key, int velocity) {
        int p = current[channel];
        if (p < 0) return;
        record(BlockLog.NOTE_ON, p, channel, key, velocity, 0, 0);
    }

    @Override
    public void noteOff(int channel, int key, int velocity) {
        record(BlockLog.NOTE_OFF, BlockLog.ALL, channel, key, velocity, 0, 0);
    }

    @Override
    public void controlChange(int channel, int controller, int value) {
        if (controller == 0 && channel != 9) bankOf[channel] = Math.min(value, PERCUSSION_BANK);
        record(BlockLog.CONTROL, BlockLog.ALL, channel, controller, value, 0, 0);
    }

    @Override
    public void pitchBend(int channel, int value) {
        record(BlockLog.BEND, BlockLog.ALL, channel, value, 0, 0, 0);
    }

    @Override
    public void channelPressure(int channel, int value) {
        record(BlockLog.CHANNEL_PRESSURE, BlockLog.ALL, channel, value, 0, 0, 0);
    }

    @Override
    public void polyPressure(int channel, int key, int value) {
        record(BlockLog.POLY_PRESSURE, BlockLog.ALL, channel, key, value, 0, 0);
    }

    @Override
    public void programChange(int channel, int program) {
        programOf[channel] = program;
        select(channel);
    }

    @Override
    public void perNoteOn(int channel, int noteId, int key, int velocity16) {
        int p = current[channel];
        if (p < 0) return;
        record(BlockLog.PER_NOTE_ON, p, channel, noteId, key, velocity16, 0);
    }

    @Override
    public void perNoteOff(int channel, int noteId, int key, int velocity16) {
        record(BlockLog.PER_NOTE_OFF, BlockLog.ALL, channel, noteId, key, velocity16, 0);
    }

    @Override
    public void noteExpression(int channel, int noteId, int dimension, float value) {
        record(BlockLog.EXPRESSION, BlockLog.ALL, channel, noteId, dimension, 0, value);
    }

    @Override
    public void tempo(double bpm) {
        record(BlockLog.TEMPO, BlockLog.ALL, 0, 0, 0, 0, bpm);
    }

    @Override
    public void nodeTune(double cents) {
        record(BlockLog.TUNE, BlockLog.ALL, 0, 0, 0, 0, cents);
    }

    @Override
    public void render(float[][] pairs, int first, int from, int to) {
        if (recorder.segment(pairs, first, from, to)) return;
        for (Instrument i : distinct) {
            if (i instanceof MultiOutputInstrument m) m.render(pairs, first, from, to);
            else i.render(pairs[2 * first], pairs[2 * first + 1], from, to);
        }
    }

    @Override
    public void render(float[] left, float[] right, int from, int to) {
        if (recorder.segment(left, right, from, to)) return;
        for (Instrument i : distinct) i.render(left, right, from, to);
    }

    @Override
    public int activeVoices() {
        int n = 0;
        for (Instrument i : distinct) n += i.activeVoices();
        return n;
    }

    @Override public void allSoundOff() { for (Instrument i : distinct) i.allSoundOff(); }

    /**
     * What any of the bank's programs responds to (a program change can put any of them on a channel); no MPE
     * zones of its own, since a bank does not say which channels its programs will be on.
     */
    @Override
    public dev.loophole.model.ExpressionCapabilities capabilities() {
        java.util.Set<dev.loophole.model.ExpressionDimension> dims = new java.util.HashSet<>();
        java.util.Set<Integer> ccs = new java.util.HashSet<>();
        int bend = dev.loophole.model.ExpressionCapabilities.MPE_MEMBER_BEND;
        for (Instrument i : distinct) {
            var c = i.capabilities();
            dims.addAll(c.dimensions());
            ccs.addAll(c.perNoteCcs());
            if (!c.dimensions().isEmpty()) bend = c.bendRange();
        }
        return new dev.loophole.model.ExpressionCapabilities(dims, ccs, java.util.List.of(), bend);
    }

    /** Bank and program keys a song will ask for, given its bank selects and program changes per channel. */
    public static java.util.Set<Integer> programsUsed(dev.loophole.model.midi.MidiSong song) {
        return new java.util.TreeSet<>(keysUsed(song).keySet());
    }

    /** For each program the song plays (bank × 128 + program, as {@link #programsUsed}), the keys it plays on it. */
    public static java.util.Map<Integer, java.util.BitSet> keysUsed(dev.loophole.model.midi.MidiSong song) {
        java.util.Map<Integer, java.util.BitSet> used = new java.util.TreeMap<>();
        int[] bank = new int[16], prog = new int[16];
        bank[9] = PERCUSSION_BANK;
        for (dev.loophole.model.midi.MidiEvent e : song.events()) {
            int c = e.channel();
            switch (e.command()) {
                case 0xB0 -> { if (e.data1() == 0 && c != 9) bank[c] = Math.min(e.data2(), PERCUSSION_BANK); }
                case 0xC0 -> prog[c] = e.data1();
                case 0x90 -> { if (e.data2() > 0) used.computeIfAbsent(bank[c] * 128 + prog[c], k -> new java.util.BitSet(128)).set(e.data1()); }
                default -> { }
            }
        }
        return used;
    }
}
