package dev.loophole.signal.graph;

import dev.loophole.signal.driver.AudioCallback;
import dev.loophole.signal.engine.BlockSource;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.RenderWorkers;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a node graph block by block: lanes → instruments (sample-accurate, through {@link Engine}'s
 * event splitting) → effect nodes → outputs. The same object serves a live driver (it is an
 * {@link AudioCallback}) and an offline render.
 *
 * <p>Edits: {@link #publish} compiles a new graph on the calling (control) thread and hands it over
 * atomically; the audio thread adopts it at the start of its next block. Instruments that are in
 * both graphs keep their voices, lanes keep their held notes, effects that stay keep their state and
 * glide to new values; an effect put into a chain fades in from dry, one taken out fades to dry
 * before the new shape takes over; an instrument that left fades out over that one block, then falls silent.
 * The graph it replaced is let go on the control side at the next publish.
 */
public final class GraphRuntime implements AudioCallback, BlockSource {
    private static final int MAX_FADING = 64;
    /** Events a block may carry once its parameter events are taken out. */
    static final int EVENT_CAPACITY = 8192;

    /**
     * Pseudo-status of an {@link EventBuffer} event that sets a node's parameter at its frame:
     * {@code port} is the graph node id, {@code data1} the parameter (an effect's index in its kind's
     * table; an instrument's controller number, or {@link #TUNE} for its tune in cents), {@code data2} the value as
     * {@link Float#floatToRawIntBits float bits}. An effect glides to it, an instrument takes the
     * controller on every channel. A node the graph lacks ignores it.
     */
    public static final int PARAMETER = 0x300;
    /** As {@link #PARAMETER}, but an effect jumps to the value (every ramp settled): a transport's chase. */
    public static final int PARAMETER_JUMP = 0x301;

    /**
     * As {@link #PARAMETER_JUMP}, to the graph's own value for that parameter (what its spec says):
     * where a chase finds no automation before the new position. {@code data2} is unused.
     */
    public static final int PARAMETER_REST = 0x302;

    /** The instrument parameter index of a node's tune (cents, {@link Instrument#nodeTune}): past the 128 controllers. */
    public static final int TUNE = 128;

    public static boolean isParameter(int status) { return status >= PARAMETER && status <= PARAMETER_REST; }

    private final EventBuffer engineEvents = new EventBuffer(EVENT_CAPACITY);
    private final EffectEvents effectEvents = new EffectEvents(EVENT_CAPACITY);
    private long droppedParameters;

    private final Engine engine;
    private final GraphCompiler compiler;
    private final AtomicReference<CompiledGraph> pending = new AtomicReference<>();
    private CompiledGraph deferred;             // audio thread: the next graph, waiting for leaving effects to fade to dry
    private int deferredIn;
    private final AtomicReference<CompiledGraph> retired = new AtomicReference<>();
    private CompiledGraph latest;              // control side: the last compiled, base of the next
    private CompiledGraph current;             // audio thread
    private volatile CompiledGraph running;    // what the audio thread runs, for control-side questions
    private final Instrument[] fading = new Instrument[MAX_FADING];
    private final float[] fadeL, fadeR;
    private int fadingCount;

    public GraphRuntime(int sampleRate, int maxBlock) {
        this.engine = new Engine(sampleRate, maxBlock);
        this.compiler = new GraphCompiler(engine);
        fadeL = new float[maxBlock];
        fadeR = new float[maxBlock];
        publish(new GraphSpec(java.util.List.of(), java.util.List.of(), java.util.List.of()));
    }

    @Override public int sampleRate() { return engine.sampleRate(); }

    @Override public int maxBlock() { return engine.maxBlock(); }

    /** The engine under the graph: for {@link Engine#dispatch(int, int, int, int)} outside a block, and MPE state. */
    public Engine engine() { return engine; }

    /** Its engine's render grid ({@link Engine#grid}); set by the offline renderer that renders this graph. */
    @Override
    public GraphRuntime grid(int frames) {
        engine.grid(frames);
        return this;
    }

    /**
     * Control side: compiles {@code spec} and hands it to the audio thread, which runs it from its
     * next block. Throws {@link GraphException} for a spec that cannot run, leaving the running graph
     * as it was.
     */
    public synchronized void publish(GraphSpec spec) {
        CompiledGraph g = compiler.compile(spec, latest);
        latest = g;
        retired.set(null);                     // the graph replaced last time: the audio thread is done with it
        pending.set(g);
    }

    /**
     * Control side, for an offline render (never a live driver's graph): from now on each instrument node records its
     * block and renders it at the block's end into scratch of its own, the scratches then summed in node order
     * ({@link RecordedInstrument}); with {@code workers} of more than one thread the nodes (and a SoundFont's programs)
     * render side by side on them, and so do the effect chains that share no buffer (a project's tracks). The output
     * is the same bits for any number of threads. The graph published
     * already is compiled again to take it up, so the first call comes before the first block (a graph that ran would
     * see its plain instruments leave — faded out, their voices gone — and recorded ones arrive); later calls only
     * change the workers.
     */
    public synchronized GraphRuntime offline(RenderWorkers workers) {
        if (running != null && !compiler.recording())
            throw new IllegalStateException("a graph that has rendered blocks cannot start recording its instruments; make it offline first");
        engine.workers(workers); // the one owner: the engine's parts and the graph's effect chains run on them
        if (compiler.record()) publish(latest.spec);
        return this;
    }

    /** The graph the audio thread runs now (or will at its first block). */
    public GraphSpec spec() {
        CompiledGraph r = running;
        return r != null ? r.spec : latest.spec;
    }

    @Override
    public void process(float[][] out, int frames, EventBuffer events) {
        CompiledGraph next = pending.getAndSet(null);
        if (next != null) {
            // Effects the edit takes out fade to dry in the running graph first; then the new shape takes over.
            if (current != null && current.fadeOutLeaving(next)) { deferred = next; deferredIn = current.fadeFrames(); }
            else { deferred = null; swap(next); }
        } else if (deferred != null && deferredIn <= 0) {
            swap(deferred);
            deferred = null;
        }
        CompiledGraph g = current;
        engine.process(g.plan, g.instrumentPairs, frames, split(events, g));
        g.runNodes(out, frames, effectEvents, engine.workers());
        if (fadingCount > 0) fadeOut(out, frames);
        if (deferred != null) deferredIn -= frames;
    }

    /**
     * The block's events for the engine: parameter events taken out — an effect's into
     * {@link #effectEvents}, an instrument's turned into {@link Engine#NODE_CONTROL} at the same
     * offset. A block without parameter events passes through as it is.
     */
    private EventBuffer split(EventBuffer events, CompiledGraph g) {
        effectEvents.clear();
        int n = events.size(), first = -1;
        for (int i = 0; i < n && first < 0; i++) if (isParameter(events.status(i))) first = i;
        if (first < 0) return events;
        engineEvents.clear();
        for (int i = 0; i < n; i++) {
            int status = events.status(i), offset = events.offset(i);
            if (!isParameter(status)) {
                if (!engineEvents.add(events.port(i), offset, status, events.data1(i), events.data2(i))) droppedParameters++;
                continue;
            }
            int id = events.port(i), index = events.data1(i);
            boolean rest = status == PARAMETER_REST;
            double value = Float.intBitsToFloat(events.data2(i));
            int e = g.effectIndexOfNode(id);
            if (e >= 0) {
                if (index < 0 || index >= g.effectValues[e].length) continue;
                if (!effectEvents.add(e, index, offset, rest ? g.effectValues[e][index] : value, status != PARAMETER)) droppedParameters++;
                continue;
            }
            int k = g.instrumentIndexOfNode(id);
            if (k >= 0 && index == TUNE) {
                float cents = rest ? (float) g.tunes[k] : (float) value;
                if (!engineEvents.add(k, offset, Engine.NODE_TUNE, 0, Float.floatToRawIntBits(cents))) droppedParameters++;
                continue;
            }
            if (k < 0 || index < 0 || index >= 128) continue;
            int v = rest ? g.controllers[k][index] : (int) Math.clamp(Math.round(value), 0, 127);
            if (v >= 0 && !engineEvents.add(k, offset, Engine.NODE_CONTROL, index, v)) droppedParameters++;
        }
        return engineEvents;
    }

    /** Events lost because a block held more than {@value #EVENT_CAPACITY} once parameters were split out (0 in practice). */
    public long droppedEvents() { return droppedParameters; }

    private void swap(CompiledGraph next) {
        CompiledGraph old = current;
        next.adopt(old);
        if (old != null)
            for (Instrument i : old.instruments)
                if (!next.contains(i)) {
                    if (fadingCount < MAX_FADING) fading[fadingCount++] = i;
                    else i.allSoundOff();
                }
        current = next;
        running = next;
        if (old != null) retired.set(old);
    }

    /** Instruments that left the graph: one more block, fading from full to silence, into the main pair; then silent. */
    private void fadeOut(float[][] out, int frames) {
        for (int k = 0; k < fadingCount; k++) {
            Instrument i = fading[k];
            java.util.Arrays.fill(fadeL, 0, frames, 0f);
            java.util.Arrays.fill(fadeR, 0, frames, 0f);
            i.beginBlock();
            i.render(fadeL, fadeR, 0, frames);
            i.endBlock();
            float step = 1f / frames;
            for (int f = 0; f < frames; f++) {
                float g = 1f - f * step;
                out[0][f] += g * fadeL[f];
                out[1][f] += g * fadeR[f];
            }
            i.allSoundOff();
            fading[k] = null;
        }
        fadingCount = 0;
    }

    @Override
    public int activeVoices() { return engine.activeVoices(); }

    @Override
    public int peakVoices() { return engine.peakVoices(); }

    /** Control side: every instrument silent at once (panic, end of a render). */
    public void allSoundOff() { engine.allSoundOff(); }

    /**
     * Control side, only while no audio thread runs this graph (between offline renders): every voice
     * off and every effect's held sound forgotten, so the next render starts from silence as the first did.
     */
    public void silence() {
        engine.allSoundOff();
        CompiledGraph g = running;
        if (g != null) for (var e : g.effects) e.reset();
    }
}
