package dev.loophole.signal.engine;

import dev.loophole.signal.expression.MpeDecoder;
import dev.loophole.signal.expression.NoteIds;
import dev.loophole.signal.expression.UmpDecoder;
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
public final class Engine implements BlockSource {
    private final int sampleRate;
    private final int maxBlock;
    private final Instrument[] byChannel = new Instrument[16];
    private final int[] busByChannel = new int[16];

    /**
     * What the audio thread runs, published whole so targets and renderers always match: the
     * instrument each (input port, MIDI channel) reaches ({@code targets[port × 16 + channel]}, null
     * = silent), and the instruments that render with the first output pair each renders to. A
     * target need not render (a lane's router forwards events to instruments that do). Control side
     * builds it; {@link #install} publishes it.
     */
    public record Routing(Instrument[] targets, Instrument[] renderers, int[] bus, boolean[] plain) {
        public Routing {
            if (targets.length == 0 || targets.length % 16 != 0) throw new IllegalArgumentException("targets: " + targets.length + " is not 16 per port");
            if (renderers.length != bus.length || renderers.length != plain.length)
                throw new IllegalArgumentException(renderers.length + " renderers but " + bus.length + " buses and " + plain.length + " plain flags");
            for (int b : bus) if (b < 0) throw new IllegalArgumentException("bus " + b + " is negative");
        }

        /** Every multi-output instrument given all its outputs. */
        public Routing(Instrument[] targets, Instrument[] renderers, int[] bus) { this(targets, renderers, bus, new boolean[renderers.length]); }

        public int ports() { return targets.length / 16; }
    }

    /**
     * A routing made ready to run, with the per-port expression decoders that serve it (kept across
     * installs: their state is the notes' state). Made on the control side by {@link #plan}.
     */
    public static final class Plan {
        private final Routing routing;
        private final MultiOutputInstrument[] multi;
        private final DeferredRender[] deferred; // per renderer: itself where it defers its block, else null
        private final MpeDecoder[] mpe;
        private final UmpDecoder[] ump;
        private final PartRound parts;

        private Plan(Routing routing, MultiOutputInstrument[] multi, MpeDecoder[] mpe, UmpDecoder[] ump) {
            this.routing = routing; this.multi = multi; this.mpe = mpe; this.ump = ump;
            this.parts = new PartRound(routing.renderers());
            Instrument[] r = routing.renderers();
            deferred = new DeferredRender[r.length];
            for (int k = 0; k < r.length; k++) if (r[k] instanceof DeferredRender d) deferred[k] = d;
        }

        public Routing routing() { return routing; }
        MultiOutputInstrument[] multi() { return multi; }
        MpeDecoder[] mpe() { return mpe; }
        UmpDecoder[] ump() { return ump; }
    }

    private volatile Plan published;
    private volatile RenderWorkers workers;
    private Plan current;              // audio thread: adopted from published at the start of a block
    private final float[][] stereo = new float[2][]; // audio thread only: process(left, right) as one pair
    // Per-note expression sits in front of the instruments: MPE zones for MIDI 1.0, UMP for MIDI 2.0, one pair per port.
    private final NoteIds noteIds = new NoteIds();

    public Engine(int sampleRate, int maxBlock) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        this.sampleRate = sampleRate;
        this.maxBlock = maxBlock;
        published = current = state(new Routing(new Instrument[16], new Instrument[0], new int[0]), null);
    }

    @Override public int sampleRate() { return sampleRate; }

    @Override public int maxBlock() { return maxBlock; }

    /**
     * Control side, offline renders only: at each block's end, the parts of the renderers that defer their blocks
     * ({@link DeferredRender}: recorded instrument nodes, a SoundFont's programs) render on {@code workers}, this
     * thread included; null (or one thread): each renders its own at its {@link Instrument#endBlock}. The same bits
     * either way. Never for a live engine: its audio thread must not wait for another thread.
     */
    public Engine workers(RenderWorkers workers) {
        this.workers = workers;
        return this;
    }

    /** The workers an offline render gave it ({@link #workers(RenderWorkers)}), or null; a graph over this engine runs its effect chains on them too. */
    public RenderWorkers workers() { return workers; }

    private int grid; // 0: a block's instruments render between its events only
    private int[] gridVoices = new int[1]; // audio thread: per grid point of the block, the voices of renderers that do not defer
    private int peakVoices;                 // audio thread: the most voices at a grid point of the last block or at its end

    /**
     * Control side, offline renders: the instruments also render apart at every multiple of {@code frames} from a block's
     * start, so a block of a multiple of {@code frames} sounds as that many blocks of {@code frames} would — a voice's
     * chunks (its control rate) fall where they did — while the per-block work (the workers' round and its handoff, each
     * renderer's begin and end, the writer) comes once per longer block. 0 (the default, and live): no such split.
     */
    @Override
    public Engine grid(int frames) {
        if (frames < 0) throw new IllegalArgumentException("grid " + frames + " is negative");
        if (frames > 0) gridVoices = new int[maxBlock / frames + 1];
        this.grid = frames;
        return this;
    }

    /** Control side: {@code routing} made ready for {@link #process(Plan, float[][], int, EventBuffer)}, sharing this engine's decoders. */
    public synchronized Plan plan(Routing routing) { return state(routing, published); }

    private Plan state(Routing r, Plan old) {
        for (Instrument i : r.renderers()) i.prepareBlocks(maxBlock); // control side: no renderer allocates on the audio thread
        int ports = r.ports(), have = old == null ? 0 : old.mpe().length;
        MpeDecoder[] mpe = new MpeDecoder[ports];
        UmpDecoder[] ump = new UmpDecoder[ports];
        for (int p = 0; p < ports; p++) {
            if (p < have) { mpe[p] = old.mpe()[p]; ump[p] = old.ump()[p]; continue; }
            int base = p * 16;
            mpe[p] = new MpeDecoder(c -> current.routing().targets()[base + c], noteIds);
            ump[p] = new UmpDecoder(c -> current.routing().targets()[base + c], noteIds);
        }
        MultiOutputInstrument[] multi = new MultiOutputInstrument[r.renderers().length];
        // plain: a multi-output instrument whose other outputs go nowhere renders its main mix alone (no send work).
        for (int k = 0; k < multi.length; k++) if (!r.plain()[k] && r.renderers()[k] instanceof MultiOutputInstrument m) multi[k] = m;
        return new Plan(r, multi, mpe, ump);
    }

    /**
     * Control side: publishes a routing; the audio thread adopts it at the start of its next block,
     * so instruments that stay keep their voices. Serialised with {@link #route}.
     */
    public synchronized void install(Routing routing) { published = state(routing, published); }

    /** Routes MIDI channel {@code channel} (0-based) to {@code instrument} on the main bus; null mutes the channel. Control side. */
    public void route(int channel, Instrument instrument) { route(channel, instrument, 0); }

    /**
     * Routes MIDI channel {@code channel} (0-based) of port 0 to {@code instrument}, which renders to
     * output bus {@code bus}. An instrument has one bus (the latest given wins): for channels on
     * different buses, route them to different instruments. Control side.
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
        install(new Routing(byChannel.clone(), list.toArray(Instrument[]::new), buses.stream().mapToInt(Integer::intValue).toArray()));
        // An instrument that declares MPE zones gets them from the start; an MCM in the stream can change them.
        if (instrument != null) presetZones(0, channel, instrument);
    }

    /** Control side, before audio runs: the MPE zones {@code instrument} declares on {@code channel} of {@code port}. */
    public void presetZones(int port, int channel, Instrument instrument) { presetZones(published, port, channel, instrument); }

    /** As {@link #presetZones(int, int, Instrument)}, on the decoders of a plan not yet running (a graph's port new to it). */
    public void presetZones(Plan plan, int port, int channel, Instrument instrument) {
        for (var z : instrument.capabilities().zones())
            if (z.managerChannel() - 1 == channel)
                plan.mpe()[port].preset(z.lower() ? MpeDecoder.LOWER : MpeDecoder.UPPER, z.memberChannels());
    }

    /** Buses in use: the highest routed bus + 1 (at least 1). */
    public int buses() {
        int n = 1;
        for (int b : published.routing().bus()) n = Math.max(n, b + 1);
        return n;
    }

    /** The MPE state (zones, bend ranges) in front of port 0's instruments. */
    public MpeDecoder mpe() { return published.mpe()[0]; }

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
    @Override
    public void process(float[][] out, int frames, EventBuffer events) { process(published, out, frames, events); }

    /**
     * Audio thread: runs {@code plan} (from {@link #plan}) from this block on — how a node graph
     * swaps its routing in the same block as the rest of its graph — rendering into {@code out} as
     * {@link #process(float[][], int, EventBuffer)} does. No allocation.
     */
    public void process(Plan plan, float[][] out, int frames, EventBuffer events) {
        for (float[] ch : out) Arrays.fill(ch, 0, frames, 0f);
        if (plan != published) published = plan;
        Plan s = current = plan;
        for (Instrument i : s.routing().renderers()) i.beginBlock();
        int cursor = 0;
        int n = events.size();
        for (int e = 0; e < n; e++) {
            int at = Math.min(Math.max(events.offset(e), cursor), frames);
            if (at > cursor) { renderGrid(s, out, cursor, at); cursor = at; }
            dispatch(s, events.port(e), events.status(e), events.data1(e), events.data2(e));
        }
        if (cursor < frames) renderGrid(s, out, cursor, frames);
        RenderWorkers w = workers;
        if (w != null && w.threads() > 1) s.parts.run(w); // what the renderers deferred, side by side; they mix it below
        for (Instrument i : s.routing().renderers()) i.endBlock();
        if (grid > 0) peakVoices = peakVoices(s, frames); // without a grid (live) it is the count now: nothing to keep per block
    }

    /**
     * The most voices {@link #activeVoices} reported at the block's end and, with a {@link #grid}, at each grid point in
     * it (right after the render up to it, before the events on it): what blocks of the grid's size would each count at
     * their end. A deferring renderer counted as it replayed ({@link DeferredRender#voicesAfter}), the others here.
     */
    private int peakVoices(Plan s, int frames) {
        int most = activeVoices(s);
        int g = grid;
        DeferredRender[] deferred = s.deferred;
        for (int k = 1; k * g < frames; k++) {
            int n = gridVoices[k];
            for (DeferredRender d : deferred) if (d != null) n += d.voicesAfter(k * g);
            most = Math.max(most, n);
        }
        return most;
    }

    /**
     * The most voices sounding at the end of the last block or, with a {@link #grid}, at any grid point in it: blocks of
     * the grid's size would have seen each of them. No allocation.
     */
    @Override
    public int peakVoices() { return grid > 0 ? peakVoices : activeVoices(); }

    /** Frames [from, to) of the block, in parts that end on the {@link #grid} (one part without one). */
    private void renderGrid(Plan s, float[][] out, int from, int to) {
        int g = grid;
        if (g <= 0) { renderAll(s, out, from, to); return; }
        for (int end; (end = (from / g + 1) * g) < to; from = end) { renderAll(s, out, from, end); countAt(s, end / g); }
        renderAll(s, out, from, to);
        if (to % g == 0) countAt(s, to / g);
    }

    /** The voices of the renderers that do not defer, right after the render up to grid point {@code k}. */
    private void countAt(Plan s, int k) {
        Instrument[] inst = s.routing().renderers();
        int n = 0;
        for (int i = 0; i < inst.length; i++) if (s.deferred[i] == null) n += inst[i].activeVoices();
        gridVoices[k] = n;
    }

    private static void renderAll(Plan s, float[][] out, int from, int to) {
        Instrument[] inst = s.routing().renderers();
        MultiOutputInstrument[] multi = s.multi();
        int[] bus = s.routing().bus();
        int pairs = out.length / 2;
        for (int k = 0; k < inst.length; k++) {
            MultiOutputInstrument m = multi[k];
            if (m != null && bus[k] + m.outputs() <= pairs) { m.render(out, bus[k], from, to); continue; }
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

    /**
     * Pseudo-status carried in an {@link EventBuffer} for a node-level controller: {@code port} is the
     * index of an instrument among the routing's renderers, {@code data1} the controller and
     * {@code data2} its value, set on every MIDI channel of that instrument (a node's parameter that
     * drives a controller, whatever channel its notes come on).
     */
    public static final int NODE_CONTROL = 0x201;

    /**
     * Pseudo-status for a node's tune: {@code port} is the instrument's index among the routing's
     * renderers, {@code data2} the cents as {@link Float#floatToRawIntBits float bits}
     * ({@link Instrument#nodeTune}, every channel).
     */
    public static final int NODE_TUNE = 0x202;

    /** Applies one channel message (or a {@link #TEMPO} change) to port 0 now. */
    public void dispatch(int status, int d1, int d2) { dispatch(0, status, d1, d2); }

    /** Applies one channel message (or a {@link #TEMPO} change) to input port {@code port} now; a port the routing lacks is ignored. */
    public void dispatch(int port, int status, int d1, int d2) {
        Plan s = current = published;
        dispatch(s, port, status, d1, d2);
    }

    private void dispatch(Plan s, int port, int status, int d1, int d2) {
        if (status == TEMPO) {
            for (Instrument i : s.routing().renderers()) i.tempo(d1 / 1000.0);
            return;
        }
        if (status == NODE_CONTROL) {
            Instrument[] r = s.routing().renderers();
            if (port >= 0 && port < r.length) for (int c = 0; c < 16; c++) r[port].controlChange(c, d1, d2);
            return;
        }
        if (status == NODE_TUNE) {
            Instrument[] r = s.routing().renderers();
            if (port >= 0 && port < r.length) r[port].nodeTune(Float.intBitsToFloat(d2));
            return;
        }
        if (port < 0 || port >= s.mpe().length) return;
        if (status == UMP) {
            int type = d1 >>> 28;
            if (type == 4) s.ump()[port].accept(d1, d2);
            else if (type == 2) dispatch(s, port, (d1 >>> 16) & 0xFF, (d1 >>> 8) & 0x7F, d1 & 0x7F);
            return;
        }
        if (status >= 0x80 && status <= 0xEF && s.mpe()[port].accept(status, d1, d2)) return;
        Instrument inst = s.routing().targets()[port * 16 + (status & 0x0F)];
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

    @Override
    public int activeVoices() { return activeVoices(published); }

    private static int activeVoices(Plan s) {
        int n = 0;
        for (Instrument i : s.routing().renderers()) n += i.activeVoices();
        return n;
    }

    public void allSoundOff() {
        Plan s = published;
        for (Instrument i : s.routing().renderers()) i.allSoundOff();
        for (MpeDecoder m : s.mpe()) m.clearNotes();
        for (UmpDecoder u : s.ump()) u.clearNotes();
    }
}
