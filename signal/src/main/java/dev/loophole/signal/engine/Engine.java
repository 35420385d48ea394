package dev.loophole.signal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs instruments block by block. MIDI channels route to instruments; each block's events are
 * applied at their exact frame by splitting the block at every event, so timing is
 * sample-accurate. The same {@link #process} serves offline and live drivers.
 *
 * <p>Buses: every instrument renders to one output bus (a stereo pair, 0 = main). A live driver
 * with named outputs passes one pair per bus; a bus the caller has no pair for falls back to the
 * main pair, so the offline path and single-output drivers keep one summed stereo mix.
 */
public final class Engine {
    private final int sampleRate;
    private final int maxBlock;
    private final Instrument[] byChannel = new Instrument[16];
    private final int[] busByChannel = new int[16];
    /** What the audio thread iterates: published as one object so instruments and their buses always match. */
    private record Routing(Instrument[] instruments, int[] bus) { }
    private volatile Routing routing = new Routing(new Instrument[0], new int[0]);
    private final float[][] stereo = new float[2][]; // audio thread only: process(left, right) as one pair
    // Per-note expression sits in front of the instruments: MPE zones for MIDI 1.0, UMP for MIDI 2.0.
    private final dev.loophole.signal.expression.NoteIds noteIds = new dev.loophole.signal.expression.NoteIds();
    private final dev.loophole.signal.expression.MpeDecoder mpe =
            new dev.loophole.signal.expression.MpeDecoder(c -> byChannel[c], noteIds);
    private final dev.loophole.signal.expression.UmpDecoder ump =
            new dev.loophole.signal.expression.UmpDecoder(c -> byChannel[c], noteIds);

    public Engine(int sampleRate, int maxBlock) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        this.sampleRate = sampleRate;
        this.maxBlock = maxBlock;
    }

    public int sampleRate() { return sampleRate; }

    public int maxBlock() { return maxBlock; }

    /** Routes MIDI channel {@code channel} (0-based) to {@code instrument} on the main bus; null mutes the channel. Control side. */
    public void route(int channel, Instrument instrument) { route(channel, instrument, 0); }

    /**
     * Routes MIDI channel {@code channel} (0-based) to {@code instrument}, which renders to output bus
     * {@code bus}. An instrument has one bus (the latest given wins): for channels on different buses,
     * route them to different instruments. Control side.
     */
    public synchronized void route(int channel, Instrument instrument, int bus) {
        if (bus < 0) throw new IllegalArgumentException("bus " + bus + " is negative");
        byChannel[channel] = instrument;
        busByChannel[channel] = bus;
        List<Instrument> list = new ArrayList<>();
        List<Integer> buses = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            Instrument i = byChannel[c];
            if (i == null) continue;
            int at = list.indexOf(i);
            if (at < 0) { list.add(i); buses.add(busByChannel[c]); }
            else if (c == channel) buses.set(at, bus);
        }
        routing = new Routing(list.toArray(Instrument[]::new), buses.stream().mapToInt(Integer::intValue).toArray());
        // An instrument that declares MPE zones gets them from the start; an MCM in the stream can change them.
        if (instrument != null)
            for (var z : instrument.capabilities().zones())
                if (z.managerChannel() - 1 == channel)
                    mpe.preset(z.lower() ? dev.loophole.signal.expression.MpeDecoder.LOWER : dev.loophole.signal.expression.MpeDecoder.UPPER, z.memberChannels());
    }

    /** Buses in use: the highest routed bus + 1 (at least 1). */
    public int buses() {
        int n = 1;
        for (int b : routing.bus()) n = Math.max(n, b + 1);
        return n;
    }

    /** The MPE state (zones, bend ranges) in front of the instruments. */
    public dev.loophole.signal.expression.MpeDecoder mpe() { return mpe; }

    public Instrument instrumentFor(int channel) { return byChannel[channel]; }

    /**
     * Renders {@code frames} frames into {@code left/right} (overwriting them), applying {@code events}
     * at their offsets. Audio thread: no allocation.
     */
    public void process(float[] left, float[] right, int frames, EventBuffer events) {
        stereo[0] = left;
        stereo[1] = right;
        process(stereo, frames, events);
    }

    /**
     * Renders {@code frames} frames into {@code out}, one stereo pair per bus ({@code out[2b]},
     * {@code out[2b + 1]}), overwriting them; buses beyond {@code out.length / 2} mix into pair 0.
     * Audio thread: no allocation.
     */
    public void process(float[][] out, int frames, EventBuffer events) {
        for (float[] ch : out) Arrays.fill(ch, 0, frames, 0f);
        Routing r = routing;
        for (Instrument i : r.instruments()) i.beginBlock();
        int cursor = 0;
        int n = events.size();
        for (int e = 0; e < n; e++) {
            int at = Math.min(Math.max(events.offset(e), cursor), frames);
            if (at > cursor) { renderAll(r, out, cursor, at); cursor = at; }
            dispatch(events.status(e), events.data1(e), events.data2(e));
        }
        if (cursor < frames) renderAll(r, out, cursor, frames);
    }

    private static void renderAll(Routing r, float[][] out, int from, int to) {
        Instrument[] inst = r.instruments();
        int[] bus = r.bus();
        int pairs = out.length / 2;
        for (int k = 0; k < inst.length; k++) {
            int b = bus[k] < pairs ? bus[k] : 0;
            inst[k].render(out[2 * b], out[2 * b + 1], from, to);
        }
    }

    /** Pseudo-status carried in an {@link EventBuffer} for a tempo change: {@code data1} is BPM × 1000. */
    public static final int TEMPO = 0x1FF;

    /**
     * Pseudo-status carried in an {@link EventBuffer} for a Universal MIDI Packet: {@code data1} and
     * {@code data2} are its first two 32-bit words (message type 2: MIDI 1.0, type 4: MIDI 2.0 channel voice).
     */
    public static final int UMP = 0x200;

    /** Applies one channel message (or a {@link #TEMPO} change) now. */
    public void dispatch(int status, int d1, int d2) {
        if (status == TEMPO) {
            for (Instrument i : routing.instruments()) i.tempo(d1 / 1000.0);
            return;
        }
        if (status == UMP) {
            int type = d1 >>> 28;
            if (type == 4) ump.accept(d1, d2);
            else if (type == 2) dispatch((d1 >>> 16) & 0xFF, (d1 >>> 8) & 0x7F, d1 & 0x7F);
            return;
        }
        if (status >= 0x80 && status <= 0xEF && mpe.accept(status, d1, d2)) return;
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
        for (Instrument i : routing.instruments()) n += i.activeVoices();
        return n;
    }

    public void allSoundOff() {
        for (Instrument i : routing.instruments()) i.allSoundOff();
        mpe.clearNotes();
        ump.clearNotes();
    }
}
