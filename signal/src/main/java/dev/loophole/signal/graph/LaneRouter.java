package dev.loophole.signal.graph;

import dev.loophole.signal.engine.Instrument;

/**
 * A lane's MIDI path on the audio thread: its MIDI effects (transpose, velocity), then split and
 * layer — each note goes to every target whose key and velocity zones hold it, moved by the
 * target's transpose. It remembers which targets took each held note, so the note-off reaches
 * exactly those (and, across a graph edit, {@link #takeOver} keeps that memory for targets that
 * stay and ends the notes of targets that left). Controllers, bend and pressure go to every target.
 * It renders nothing itself: its targets are the graph's instrument nodes.
 */
final class LaneRouter implements Instrument {
    static final int MAX_TARGETS = 64;
    final int port;
    private final Instrument[] target;
    private final int[] keyLo, keyHi, velLo, velHi, shift; // shift: lane transpose + target transpose
    private final int[] chanMask;                            // bit c: the target hears MIDI channel c
    private final int transpose, velocityOffset;
    private final double velocityScale;
    private final long[] held = new long[16 * 128]; // per channel × incoming key: targets that took the note

    LaneRouter(int port, GraphSpec.MidiFx fx, Instrument[] target, GraphSpec.LaneTarget[] zones) {
        if (target.length > MAX_TARGETS) throw new IllegalArgumentException("lane " + port + ": " + target.length + " targets, at most " + MAX_TARGETS);
        this.port = port;
        this.target = target;
        int n = target.length;
        keyLo = new int[n]; keyHi = new int[n]; velLo = new int[n]; velHi = new int[n]; shift = new int[n]; chanMask = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = zones[i].chanLo(); c <= zones[i].chanHi(); c++) chanMask[i] |= 1 << c;
            keyLo[i] = zones[i].keyLo(); keyHi[i] = zones[i].keyHi();
            velLo[i] = zones[i].velLo(); velHi[i] = zones[i].velHi();
            shift[i] = fx.transpose() + zones[i].transpose();
        }
        transpose = fx.transpose();
        velocityScale = fx.velocityScale();
        velocityOffset = fx.velocityOffset();
    }

    private int velocity(int v) { return (int) Math.clamp(Math.round(v * velocityScale + velocityOffset), 1, 127); }

    private boolean hears(int i, int channel) { return (chanMask[i] >>> channel & 1) != 0; }

    private boolean inZone(int i, int channel, int key, int vel) {
        return hears(i, channel) && key >= keyLo[i] && key <= keyHi[i] && vel >= velLo[i] && vel <= velHi[i];
    }

    @Override
    public void noteOn(int channel, int key, int velocity) {
        int k = key + transpose, v = velocity(velocity);
        long took = 0;
        for (int i = 0; i < target.length; i++) {
            int out = key + shift[i];
            if (!inZone(i, channel, k, v) || out < 0 || out > 127) continue;
            target[i].noteOn(channel, out, v);
            took |= 1L << i;
        }
        held[channel * 128 + key] |= took;
    }

    /**
     * The targets that took the note on {@code key}; when none is on record (a second note-off, or one
     * without its note-on), every target whose channel and key zone hold it — as a plain channel routing
     * would pass it on.
     */
    private long takers(int channel, int key) {
        long m = held[channel * 128 + key];
        if (m != 0) return m;
        int k = key + transpose;
        for (int i = 0; i < target.length; i++) {
            int out = key + shift[i];
            if (hears(i, channel) && k >= keyLo[i] && k <= keyHi[i] && out >= 0 && out <= 127) m |= 1L << i;
        }
        return m;
    }

    @Override
    public void noteOff(int channel, int key, int velocity) {
        long m = takers(channel, key);
        held[channel * 128 + key] = 0;
        for (int i = 0; m != 0; i++, m >>>= 1) if ((m & 1) != 0) target[i].noteOff(channel, key + shift[i], velocity);
    }

    @Override
    public void perNoteOn(int channel, int noteId, int key, int velocity16) {
        int k = key + transpose, v7 = velocity(Math.max(1, velocity16 >>> 9));
        int v16 = velocityScale == 1 && velocityOffset == 0 ? velocity16
                : (int) Math.clamp(Math.round(velocity16 * velocityScale + velocityOffset * 512.0), 1, 65535);
        long took = 0;
        for (int i = 0; i < target.length; i++) {
            int out = key + shift[i];
            if (!inZone(i, channel, k, v7) || out < 0 || out > 127) continue;
            target[i].perNoteOn(channel, noteId, out, v16);
            took |= 1L << i;
        }
        held[channel * 128 + key] |= took;
    }

    @Override
    public void perNoteOff(int channel, int noteId, int key, int velocity16) {
        long m = takers(channel, key);
        for (int i = 0; m != 0; i++, m >>>= 1) if ((m & 1) != 0) target[i].perNoteOff(channel, noteId, key + shift[i], velocity16);
    }

    @Override
    public void noteExpression(int channel, int noteId, int dimension, float value) {
        for (int i = 0; i < target.length; i++) if (hears(i, channel)) target[i].noteExpression(channel, noteId, dimension, value);
    }

    @Override
    public void controlChange(int channel, int controller, int value) {
        for (int i = 0; i < target.length; i++) if (hears(i, channel)) target[i].controlChange(channel, controller, value);
        if (controller == 120 || controller == 123) java.util.Arrays.fill(held, channel * 128, channel * 128 + 128, 0);
    }

    @Override public void pitchBend(int channel, int value) { for (int i = 0; i < target.length; i++) if (hears(i, channel)) target[i].pitchBend(channel, value); }

    @Override public void channelPressure(int channel, int value) { for (int i = 0; i < target.length; i++) if (hears(i, channel)) target[i].channelPressure(channel, value); }

    @Override
    public void polyPressure(int channel, int key, int value) {
        long m = takers(channel, key);
        for (int i = 0; m != 0; i++, m >>>= 1) if ((m & 1) != 0) target[i].polyPressure(channel, key + shift[i], value);
    }

    @Override public void programChange(int channel, int program) { for (int i = 0; i < target.length; i++) if (hears(i, channel)) target[i].programChange(channel, program); }

    /** Nothing: the targets render as the graph's instrument nodes. */
    @Override public void render(float[] left, float[] right, int from, int to) { }

    @Override public int activeVoices() { return 0; }

    @Override public void allSoundOff() { java.util.Arrays.fill(held, 0); }

    /**
     * Audio thread, when this router replaces {@code old} for the same port: held notes stay held on
     * targets that are in both (same instrument, same total transpose); notes on targets that are gone
     * are released now, so none sticks. No allocation.
     */
    void takeOver(LaneRouter old) {
        for (int at = 0; at < held.length; at++) {
            long m = old.held[at];
            if (m == 0) continue;
            int channel = at >> 7, key = at & 127;
            long mine = 0;
            for (int i = 0; m != 0; i++, m >>>= 1) {
                if ((m & 1) == 0) continue;
                int j = indexOf(old.target[i], old.shift[i]);
                if (j >= 0) mine |= 1L << j;
                else old.target[i].noteOff(channel, key + old.shift[i], 64);
            }
            held[at] = mine;
        }
    }

    /** Audio thread, when this router's port is gone from the next graph: its held notes end. */
    void releaseAll() {
        for (int at = 0; at < held.length; at++) if (held[at] != 0) noteOff(at >> 7, at & 127, 64);
    }

    private int indexOf(Instrument t, int s) {
        for (int j = 0; j < target.length; j++) if (target[j] == t && shift[j] == s) return j;
        return -1;
    }
}
