package dev.loophole.signal.graph;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.Instrument;
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
    final LaneRouter[] lanes;          // by port, null where none
    final int[] effectIds;
    final Effect[] effects;           // in run order
    final boolean[] bypassed;         // same order: input passed through, the unit not run
    final float[][] effectPairs;      // 2 per effect, same order
    final Mix[] effectInputs;         // same order
    final int[] outputBus;
    final Mix[] outputInputs;
    /** Values each effect is set to when the graph is adopted (a kept unit glides from what it had). */
    final double[][] effectValues;

    /** The sources summed into one node's input: left/right buffers and gains. */
    record Mix(float[][] left, float[][] right, float[] gain) { }

    CompiledGraph(GraphSpec spec, Engine.Plan plan, float[][] instrumentPairs, Instrument[] instruments, LaneRouter[] lanes,
                  int[] effectIds, Effect[] effects, boolean[] bypassed, float[][] effectPairs, Mix[] effectInputs, double[][] effectValues,
                  int[] outputBus, Mix[] outputInputs) {
        this.spec = spec; this.plan = plan; this.instrumentPairs = instrumentPairs; this.instruments = instruments;
        this.lanes = lanes; this.effectIds = effectIds; this.effects = effects; this.bypassed = bypassed; this.effectPairs = effectPairs;
        this.effectInputs = effectInputs; this.effectValues = effectValues; this.outputBus = outputBus; this.outputInputs = outputInputs;
    }

    /** Audio thread, once when this graph takes over from {@code old} (null at the first block). */
    void adopt(CompiledGraph old) {
        for (int e = 0; e < effects.length; e++) {
            double[] v = effectValues[e];
            for (int i = 0; i < v.length; i++) effects[e].set(i, v[i]);
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

    boolean contains(Instrument i) {
        for (Instrument x : instruments) if (x == i) return true;
        return false;
    }

    /** Audio thread: effects in order, then the outputs, over frames {@code [0, frames)}; {@code out} is overwritten. */
    void runNodes(float[][] out, int frames) {
        for (int e = 0; e < effects.length; e++) {
            float[] l = effectPairs[2 * e], r = effectPairs[2 * e + 1];
            mix(effectInputs[e], l, r, frames, true);
            if (!bypassed[e]) effects[e].process(l, r, 0, frames);
        }
        int pairs = out.length / 2;
        for (float[] ch : out) java.util.Arrays.fill(ch, 0, frames, 0f);
        for (int o = 0; o < outputBus.length; o++) {
            int b = outputBus[o] < pairs ? outputBus[o] : 0;
            mix(outputInputs[o], out[2 * b], out[2 * b + 1], frames, false);
        }
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
