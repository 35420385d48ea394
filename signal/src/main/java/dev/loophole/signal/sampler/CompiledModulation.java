package dev.loophole.signal.sampler;

import dev.loophole.model.Curve;
import dev.loophole.model.EqBand;
import dev.loophole.model.Envelope;
import dev.loophole.model.Filter;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.dsp.FilterType;
import java.util.Map;

/**
 * A region's filters, EQ bands, filter/pitch envelopes, SFZ v1 LFOs and modulation matrix, resolved
 * once on the control side. The v1 LFOs come from the region's kept opcodes ({@code amplfo_*},
 * {@code fillfo_*}, {@code pitchlfo_*}).
 */
final class CompiledModulation {
    /** A filter stage: the region's {@code fil_*} or {@code fil2_*}. */
    record FilterSpec(FilterType type, double cutoff, double resonance, double gain, double keytrack, int keycenter, double veltrack) {
        static FilterSpec of(Filter f) {
            FilterType t = FilterType.fromSfz(f.type());
            return t == null ? null : new FilterSpec(t, f.cutoff(), f.resonance(), f.gain(), f.keytrack(), f.keycenter(), f.veltrack());
        }
    }

    final FilterSpec[] filters;       // 0, 1 or 2 stages in signal order
    final FilterSpec filter1;         // the first stage, or null
    final EqBand[] eq;                // bands that can be heard (a gain, or something moving it)
    final EnvelopeFrames filEg, pitchEg;
    final double filEgDepth, filEgVel2Depth, pitchEgDepth, pitchEgVel2Depth;
    final double[] filEgShapes, pitchEgShapes;
    final LfoSpec ampLfo, filLfo, pitchLfo;
    final CompiledMatrix matrix;
    final double baseAmplitude;       // the region's amplitude, percent, for controller routings to add to
    /** ampeg, fileg, pitcheg: re-read their controller-set stages while the note plays ({@code *_dynamic=1}). */
    final boolean[] dynamicEg;
    /** Some dynamic envelope has a controller setting one of its stages: a controller move must reach it. */
    final boolean dynamic;
    /** Whether anything here changes the voice while it plays. */
    final boolean active;
    /** A low-pass whose cutoff nothing modulates during the note (key and velocity tracking are fixed per note). */
    final boolean openLowpass;

    /** An envelope in frames. */
    record EnvelopeFrames(int delay, float start, int attack, int hold, int decay, float sustain, int release) {
        static EnvelopeFrames of(Envelope e, int rate) {
            return new EnvelopeFrames(CompiledRegion.frames(e.delay(), rate), (float) e.start(), CompiledRegion.frames(e.attack(), rate),
                    CompiledRegion.frames(e.hold(), rate), CompiledRegion.frames(e.decay(), rate), (float) e.sustain(),
                    Math.max(1, CompiledRegion.frames(e.release(), rate)));
        }

        void trigger(dev.loophole.signal.dsp.EnvelopeGenerator eg) { eg.trigger(delay, start, attack, hold, decay, sustain, release); }
    }

    /** A v1 LFO: sine at {@code freq} Hz after {@code delay} s, fading in over {@code fade} s, {@code depth} in the target's unit. */
    record LfoSpec(double freq, double delay, double fade, double depth, boolean modulated) {
        boolean on() { return freq > 0 && depth != 0 || modulated; }
    }

    CompiledModulation(SampleRegion r, int rate) { this(r, rate, Map.of(), w -> { }); }

    CompiledModulation(SampleRegion r, int rate, Map<Integer, Curve> curves, java.util.function.Consumer<String> warn) {
        matrix = r.modulation().stream().allMatch(m -> Sends.isSendTarget(m.target())) && r.lfos().isEmpty() && r.egs().isEmpty()
                && CompiledMatrix.velocityRoutings(r.envelopes()).isEmpty() ? CompiledMatrix.EMPTY
                : new CompiledMatrix(r, curves, warn);
        baseAmplitude = r.amp().amplitude();
        java.util.List<FilterSpec> fs = new java.util.ArrayList<>();
        for (Filter f : r.filters()) {
            if (fs.size() == 2) break;
            FilterSpec s = FilterSpec.of(f);
            if (s != null) fs.add(s);
        }
        filters = fs.toArray(FilterSpec[]::new);
        filter1 = filters.length > 0 ? filters[0] : null;
        boolean[] t = matrix.targets;
        eq = r.eq().stream().filter(b -> b.index() <= 3
                && (b.gain() != 0 || b.vel2gain() != 0 || t[CompiledMatrix.EQ_GAIN + b.index() - 1])).toArray(EqBand[]::new);
        Envelope fe = r.envelopes().filter(), pe = r.envelopes().pitch();
        filEg = EnvelopeFrames.of(fe, rate);
        pitchEg = EnvelopeFrames.of(pe, rate);
        filEgShapes = new double[]{fe.attackShape(), fe.decayShape(), fe.releaseShape()};
        pitchEgShapes = new double[]{pe.attackShape(), pe.decayShape(), pe.releaseShape()};
        filEgDepth = fe.depth();
        filEgVel2Depth = fe.vel2depth();
        pitchEgDepth = pe.depth();
        pitchEgVel2Depth = pe.vel2depth();
        Envelope ae = r.envelopes().amp();
        dynamicEg = new boolean[3];
        for (int k = 0; k < matrix.startRoutes; k++) {
            int eg = matrix.startTarget[k] / CompiledMatrix.EG_PARAMS.length;
            if (eg < 3 && (eg == 0 ? ae : eg == 1 ? fe : pe).dynamic()) dynamicEg[eg] = true;
        }
        dynamic = dynamicEg[0] || dynamicEg[1] || dynamicEg[2];
        Map<String, String> o = r.otherOpcodes();
        ampLfo = lfo(o, "amplfo", t[CompiledMatrix.AMPLFO_DEPTH]);
        filLfo = lfo(o, "fillfo", t[CompiledMatrix.FILLFO_DEPTH]);
        pitchLfo = lfo(o, "pitchlfo", t[CompiledMatrix.PITCHLFO_DEPTH]);
        boolean cutoffMoves = filEgDepth != 0 || filEgVel2Depth != 0 || t[CompiledMatrix.FILEG_DEPTH] || filLfo.on() || t[CompiledMatrix.CUTOFF] || t[CompiledMatrix.RESONANCE]
                || t[CompiledMatrix.FIL_GAIN];
        boolean filterMoves = filter1 != null && cutoffMoves || filters.length > 1;
        openLowpass = filters.length == 1 && !cutoffMoves && filter1.type().sfzName().startsWith("lpf");
        active = filters.length > 0 || eq.length > 0 || pitchEgDepth != 0 || pitchEgVel2Depth != 0 || t[CompiledMatrix.PITCHEG_DEPTH] || ampLfo.on() || pitchLfo.on()
                || filterMoves || matrix.active;
    }

    private static LfoSpec lfo(Map<String, String> o, String prefix, boolean modulated) {
        return new LfoSpec(num(o, prefix + "_freq"), num(o, prefix + "_delay"), num(o, prefix + "_fade"), num(o, prefix + "_depth"), modulated);
    }

    private static double num(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) return 0;
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : 0;
        } catch (NumberFormatException e) {
            return 0; // the importer already warned about the value
        }
    }
}
