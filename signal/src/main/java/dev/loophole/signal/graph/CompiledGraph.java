package dev.loophole.signal.graph;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.CostOrder;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.RenderWorkers;
import dev.loophole.signal.fx.Effect;

/**
 * A {@link GraphSpec} made ready for the audio thread by {@link GraphCompiler}: every buffer
 * allocated, effects in an order where each runs after everything that feeds it, and every mix a
 * list of (source buffer, gain). Running it allocates nothing.
 */
final class CompiledGraph {
    final GraphSpec spec;
    /** The engine's routing: each (port, channel) to its lane router; instrument nodes render into {@link #instrumentPairs}. */
    final Engine.Plan plan;
    final float[][] instrumentPairs;
    final Instrument[] instruments;
    final int[] instrumentIds;        // same order: each instrument's node id
    final int[][] controllers;        // same order: node-level controller values, -1 where none
    final double[] tunes;             // same order: each instrument node's tune, cents
    final LaneRouter[] lanes;          // by port, null where none
    final int[] effectIds;
    final Effect[] effects;           // in run order
    final boolean[] bypassed;         // same order: input passed through, the unit not run
    /** Audio thread, per effect: {@link #STEADY}, or fading between dry and wet around an edit (a new unit in, a leaving unit out). */
    private final int[] fade;
    private final int[] faded;        // audio thread: frames of the fade done
    /** Effects that share no buffer with other chains' ({@link EffectChains}): each a task of an offline block's round. */
    private final int[][] chains;
    // One effect's input while it fades: a pair per chain where chains may run side by side (offline), else one pair all share.
    private final float[][] dry;
    private final boolean offline; // its chains may run side by side, each on its own fade pair
    private final CostOrder chainOrder;
    private final RenderWorkers.Task chainTask = this::runChain, timedChain = this::timedChain;
    // Render thread, set before a round and read by its tasks (the round's start publishes them).
    private EffectEvents blockEvents;
    private int blockFrames;
    private final int fadeFrames;
    static final int STEADY = 0, FADE_IN = 1, FADE_OUT = 2;
    final float[][] effectPairs;      // 2 per effect, same order
    final Mix[] effectInputs;         // same order
    final int[] outputBus;
    final Mix[] outputInputs;
    /** Values each effect is set to when the graph is adopted (a kept unit glides from what it had). */
    final double[][] effectValues;

    /** The sources summed into one node's input: left/right buffers and gains. */
    record Mix(float[][] left, float[][] right, float[] gain) { }

    CompiledGraph(GraphSpec spec, Engine.Plan plan, float[][] instrumentPairs, Instrument[] instruments, int[] instrumentIds, int[][] controllers, double[] tunes,
                  LaneRouter[] lanes,
                  int[] effectIds, Effect[] effects, boolean[] bypassed, int fadeFrames, float[][] effectPairs, Mix[] effectInputs, double[][] effectValues,
                  int[] outputBus, Mix[] outputInputs, boolean offline) {
        this.spec = spec; this.plan = plan; this.instrumentPairs = instrumentPairs; this.instruments = instruments;
        this.instrumentIds = instrumentIds; this.controllers = controllers; this.tunes = tunes;
        this.lanes = lanes; this.effectIds = effectIds; this.effects = effects; this.bypassed = bypassed; this.fadeFrames = Math.max(1, fadeFrames);
        this.fade = new int[effects.length];
        this.faded = new int[effects.length];
        int max = effectPairs.length > 0 ? effectPairs[0].length : 0;
        this.chains = EffectChains.of(effectPairs, effectInputs);
        this.offline = offline;
        this.dry = new float[2 * (offline ? chains.length : Math.min(1, chains.length))][max];
        this.chainOrder = new CostOrder(chains.length);
        this.effectPairs = effectPairs;
        this.effectInputs = effectInputs; this.effectValues = effectValues; this.outputBus = outputBus; this.outputInputs = outputInputs;
    }

    /**
     * Audio thread, once when this graph takes over from {@code old} (null at the first block): kept
     * units glide to the values that changed (one automation moved is left where it is), units that
     * were not running fade in from dry (the old graph sounded: a unit put into a sounding chain must
     * not start with a step); instruments take the node-level controllers (and tune) that are new or changed.
     */
    void adopt(CompiledGraph old) {
        for (int e = 0; e < effects.length; e++) {
            double[] v = effectValues[e];
            int j = old == null ? -1 : old.indexOf(effects[e]);
            for (int i = 0; i < v.length; i++) if (j < 0 || old.effectValues[j][i] != v[i]) effects[e].set(i, v[i]);
            if (j >= 0) { // kept: a fade still running goes on where it is (edits faster than a fade restarted it at full wet)
                fade[e] = old.fade[j] == FADE_OUT ? FADE_IN : old.fade[j];
                faded[e] = old.fade[j] == FADE_OUT ? turned(old.faded[j]) : old.faded[j];
            } else {
                fade[e] = old != null && old.instruments.length > 0 ? FADE_IN : STEADY;
                faded[e] = 0;
            }
        }
        for (int k = 0; k < instruments.length; k++) {
            int j = old == null ? -1 : old.instrumentIndex(instruments[k]);
            int[] now = controllers[k], before = j < 0 ? null : old.controllers[j];
            for (int c = 0; c < now.length; c++)
                if (now[c] >= 0 && (before == null || before[c] != now[c]))
                    for (int ch = 0; ch < 16; ch++) instruments[k].controlChange(ch, c, now[c]);
            if (j < 0 || old.tunes[j] != tunes[k]) instruments[k].nodeTune(tunes[k]);
        }
        if (old == null) return;
        for (int p = 0; p < old.lanes.length; p++) {
            LaneRouter before = old.lanes[p];
            if (before == null) continue;
            LaneRouter now = p < lanes.length ? lanes[p] : null;
            if (now != null) now.takeOver(before);
            else before.releaseAll();
        }
    }

    int fadeFrames() { return fadeFrames; }

    private boolean runs(Effect unit) { return indexOf(unit) >= 0; }

    private int indexOf(Effect unit) {
        for (int e = 0; e < effects.length; e++) if (effects[e] == unit) return e;
        return -1;
    }

    private int instrumentIndex(Instrument i) {
        for (int k = 0; k < instruments.length; k++) if (instruments[k] == i) return k;
        return -1;
    }

    /** The run-order index of effect node {@code id}, or -1. Audio thread, no allocation. */
    int effectIndexOfNode(int id) {
        for (int e = 0; e < effectIds.length; e++) if (effectIds[e] == id) return e;
        return -1;
    }

    /** The renderer index of instrument node {@code id}, or -1. Audio thread, no allocation. */
    int instrumentIndexOfNode(int id) {
        for (int k = 0; k < instrumentIds.length; k++) if (instrumentIds[k] == id) return k;
        return -1;
    }

    /** A fade turned the other way at the wet share it has after {@code faded} frames (fading in or out). */
    private int turned(int faded) { return fadeFrames - faded; }

    /**
     * Audio thread, before {@code next} takes over: units of this graph that {@code next} drops start
     * fading to dry here (where they are in the chain). Returns whether any does — then the swap waits
     * {@link #fadeFrames} for them.
     */
    boolean fadeOutLeaving(CompiledGraph next) {
        boolean any = false;
        for (int e = 0; e < effects.length; e++) {
            if (next.runs(effects[e])) continue;
            // From the wet share it has now: a unit still fading in turns back from there, not from full wet.
            if (fade[e] == FADE_IN) faded[e] = turned(faded[e]);
            else if (fade[e] == STEADY) faded[e] = 0;
            fade[e] = FADE_OUT;
            any = true;
        }
        return any;
    }

    boolean contains(Instrument i) {
        for (Instrument x : instruments) if (x == i) return true;
        return false;
    }

    /**
     * Audio thread: effects chain by chain, then the outputs, over frames {@code [0, frames)}; {@code out} is
     * overwritten. An effect with parameter changes in {@code events} runs up to each change's frame,
     * takes it, and runs on: automation is sample-accurate (and then glides, as any change does). With
     * {@code workers} of more than one thread (offline only) the chains run side by side on them; each writes its own
     * pairs, and the outputs are mixed here afterwards in a fixed order, so the bits are the same for any thread count.
     */
    void runNodes(float[][] out, int frames, EffectEvents events, RenderWorkers workers) {
        blockEvents = events;
        blockFrames = frames;
        // side by side only where each chain has a fade scratch of its own (an offline graph's; a live graph's chains share one)
        if (workers != null && workers.threads() > 1 && chains.length > 1 && offline) {
            chainOrder.sort();
            workers.run(timedChain, chains.length);
        } else {
            for (int c = 0; c < chains.length; c++) runChain(c);
        }
        int pairs = out.length / 2;
        for (float[] ch : out) java.util.Arrays.fill(ch, 0, frames, 0f);
        for (int o = 0; o < outputBus.length; o++) {
            int b = outputBus[o] < pairs ? outputBus[o] : 0;
            mix(outputInputs[o], out[2 * b], out[2 * b + 1], frames, false);
        }
    }

    private void timedChain(int i) { chainOrder.timed(chainOrder.at(i), chainTask); }

    /** Chain {@code c}'s effects in run order, over the block: any thread, one at a time per chain. */
    private void runChain(int c) {
        EffectEvents events = blockEvents;
        int frames = blockFrames;
        int d = offline ? c : 0;
        float[] dryL = dry[2 * d], dryR = dry[2 * d + 1];
        for (int e : chains[c]) {
            float[] l = effectPairs[2 * e], r = effectPairs[2 * e + 1];
            mix(effectInputs[e], l, r, frames, true);
            int from = 0;
            for (int k = 0; k < events.size; k++) {
                if (events.effect[k] != e) continue;
                int at = Math.clamp(events.offset[k], from, frames);
                if (at > from && !bypassed[e]) run(e, l, r, from, at, dryL, dryR);
                effects[e].set(events.index[k], events.value[k]);
                if (events.jump[k]) effects[e].settle();
                from = at;
            }
            if (from < frames && !bypassed[e]) run(e, l, r, from, frames, dryL, dryR);
        }
    }

    /** Effect {@code e} over frames {@code [from, to)} of its pair, fading dry ↔ wet around an edit. */
    private void run(int e, float[] l, float[] r, int from, int to, float[] dryL, float[] dryR) {
        if (fade[e] == STEADY || (fade[e] == FADE_IN && faded[e] >= fadeFrames)) { effects[e].process(l, r, from, to); return; }
        // Dry ↔ wet, linearly over the fade: an effect put into a sounding chain (or taken out) never steps.
        System.arraycopy(l, from, dryL, from, to - from);
        System.arraycopy(r, from, dryR, from, to - from);
        effects[e].process(l, r, from, to);
        int done = faded[e];
        float step = 1f / fadeFrames;
        for (int i = from; i < to; i++) {
            float k = Math.min(1f, (done + i - from) * step), wet = fade[e] == FADE_IN ? k : 1f - k;
            l[i] = dryL[i] + wet * (l[i] - dryL[i]);
            r[i] = dryR[i] + wet * (r[i] - dryR[i]);
        }
        faded[e] = Math.min(fadeFrames, done + to - from);
    }

    private static void mix(Mix m, float[] l, float[] r, int frames, boolean overwrite) {
        if (overwrite) { java.util.Arrays.fill(l, 0, frames, 0f); java.util.Arrays.fill(r, 0, frames, 0f); }
        for (int s = 0; s < m.gain().length; s++) {
            float g = m.gain()[s];
            float[] sl = m.left()[s], sr = m.right()[s];
            if (g == 1f) for (int i = 0; i < frames; i++) { l[i] += sl[i]; r[i] += sr[i]; }
            else for (int i = 0; i < frames; i++) { l[i] += g * sl[i]; r[i] += g * sr[i]; }
        }
    }
}
