package dev.loophole.signal.engine;

import java.util.Arrays;

/**
 * Runs instruments block by block. MIDI channels route to instruments; each block's events are
 * applied at their exact frame by splitting the block at every event, so timing is
 * sample-accurate. The same {@link #process} serves offline and live drivers.
 */
public final class Engine {
    private final int sampleRate;
    private final int maxBlock;
    private final Instrument[] byChannel = new Instrument[16];
    private volatile Instrument[] distinct = new Instrument[0];

    public Engine(int sampleRate, int maxBlock) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        this.sampleRate = sampleRate;
        this.maxBlock = maxBlock;
    }

    public int sampleRate() { return sampleRate; }

    public int maxBlock() { return maxBlock; }

    /** Routes MIDI channel {@code channel} (0-based) to {@code instrument}; null mutes the channel. Control side. */
    public void route(int channel, Instrument instrument) {
        byChannel[channel] = instrument;
        distinct = Arrays.stream(byChannel).filter(java.util.Objects::nonNull).distinct().toArray(Instrument[]::new);
    }

    public Instrument instrumentFor(int channel) { return byChannel[channel]; }

    /**
     * Renders {@code frames} frames into {@code left/right} (overwriting them), applying {@code events}
     * at their offsets. Audio thread: no allocation.
     */
    public void process(float[] left, float[] right, int frames, EventBuffer events) {
        Arrays.fill(left, 0, frames, 0f);
        Arrays.fill(right, 0, frames, 0f);
        for (Instrument i : distinct) i.beginBlock();
        int cursor = 0;
        int n = events.size();
        for (int e = 0; e < n; e++) {
            int at = Math.min(Math.max(events.offset(e), cursor), frames);
            if (at > cursor) { renderAll(left, right, cursor, at); cursor = at; }
            dispatch(events.status(e), events.data1(e), events.data2(e));
        }
        if (cursor < frames) renderAll(left, right, cursor, frames);
    }

    private void renderAll(float[] left, float[] right, int from, int to) {
        for (Instrument i : distinct) i.render(left, right, from, to);
    }

    /** Pseudo-status carried in an {@link EventBuffer} for a tempo change: {@code data1} is BPM × 1000. */
    public static final int TEMPO = 0x1FF;

    /** Applies one channel message (or a {@link #TEMPO} change) now. */
    public void dispatch(int status, int d1, int d2) {
        if (status == TEMPO) {
            for (Instrument i : distinct) i.tempo(d1 / 1000.0);
            return;
        }
        Instrument inst = byChannel[status & 0x0F];
        if (inst == null) return;
        int ch = status & 0x0F;
        switch (status & 0xF0) {
            case 0x80 -> inst.noteOff(ch, d1, d2);
            case 0x90 -> { if (d2 == 0) inst.noteOff(ch, d1, 64); else inst.noteOn(ch, d1, d2); }
            case 0xA0 -> inst.polyPressure(ch, d1, d2);
            case 0xB0 -> inst.controlChange(ch, d1, d2);
            case 0xC0 -> inst.programChange(ch, d1);
            case 0xD0 -> inst.channelPressure(ch, d1);
            case 0xE0 -> inst.pitchBend(ch, (d2 << 7) | d1);
            default -> { }
        }
    }

    public int activeVoices() {
        int n = 0;
        for (Instrument i : distinct) n += i.activeVoices();
        return n;
    }

    public void allSoundOff() {
        for (Instrument i : distinct) i.allSoundOff();
    }
}
