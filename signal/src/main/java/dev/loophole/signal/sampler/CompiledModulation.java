package dev.loophole.signal.sampler;

import dev.loophole.model.Envelope;
import dev.loophole.model.Filter;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.dsp.FilterType;
import java.util.Map;

/**
 * A region's filter, filter/pitch envelopes and SFZ v1 LFOs, resolved once on the control side.
 * The v1 LFOs come from the region's kept opcodes ({@code amplfo_*}, {@code fillfo_*},
 * {@code pitchlfo_*}) because the model has no typed home for them yet.
 */
final class CompiledModulation {
    final FilterType filterType;      // null: no filter
    final double cutoff, resonance, filterGain, filKeytrack, filVeltrack;
    final int filKeycenter;
    final EnvelopeFrames filEg, pitchEg;
    final double filEgDepth, filEgVel2Depth, pitchEgDepth, pitchEgVel2Depth;
    final LfoSpec ampLfo, filLfo, pitchLfo;
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
    }

    /** A v1 LFO: sine at {@code freq} Hz after {@code delay} s, fading in over {@code fade} s, {@code depth} in the target's unit. */
    record LfoSpec(double freq, double delay, double fade, double depth) {
        boolean on() { return freq > 0 && depth != 0; }
    }

    CompiledModulation(SampleRegion r, int rate) {
        Filter f = r.filters().isEmpty() ? null : r.filters().getFirst();
        FilterType t = f == null ? null : FilterType.fromSfz(f.type());
        filterType = t;
        cutoff = f == null ? 0 : f.cutoff();
        resonance = f == null ? 0 : f.resonance();
        filterGain = f == null ? 0 : f.gain();
        filKeytrack = f == null ? 0 : f.keytrack();
        filVeltrack = f == null ? 0 : f.veltrack();
        filKeycenter = f == null ? 60 : f.keycenter();
        Envelope fe = r.envelopes().filter(), pe = r.envelopes().pitch();
        filEg = EnvelopeFrames.of(fe, rate);
        pitchEg = EnvelopeFrames.of(pe, rate);
        filEgDepth = fe.depth();
        filEgVel2Depth = fe.vel2depth();
        pitchEgDepth = pe.depth();
        pitchEgVel2Depth = pe.vel2depth();
        Map<String, String> o = r.otherOpcodes();
        ampLfo = lfo(o, "amplfo");
        filLfo = lfo(o, "fillfo");
        pitchLfo = lfo(o, "pitchlfo");
        boolean filterMoves = t != null && (filEgDepth != 0 || filEgVel2Depth != 0 || filLfo.on());
        openLowpass = t != null && !filterMoves && t.sfzName().startsWith("lpf");
        active = t != null || pitchEgDepth != 0 || pitchEgVel2Depth != 0 || ampLfo.on() || pitchLfo.on() || filterMoves;
    }

    private static LfoSpec lfo(Map<String, String> o, String prefix) {
        return new LfoSpec(num(o, prefix + "_freq"), num(o, prefix + "_delay"), num(o, prefix + "_fade"), num(o, prefix + "_depth"));
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
