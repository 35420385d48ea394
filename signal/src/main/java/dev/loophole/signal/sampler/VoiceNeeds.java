package dev.loophole.signal.sampler;

/**
 * How much per-voice modulation state a patch's regions use: filter stages, EQ bands, matrix LFO waves and flex
 * envelopes. A voice holds that many, not the engine's maxima: a SoundFont bank's 3,200 voices (256 + reserve per
 * preset) would otherwise each carry three EQ bands, a second filter, eight LFOs and four flex envelopes no SF2
 * region uses (≈ 5 KB a voice). Grown on the control side before a patch that needs more is handed over.
 */
record VoiceNeeds(int filters, int eqs, int lfoSlots, int egs) {
    static final VoiceNeeds NONE = new VoiceNeeds(0, 0, 0, 0);

    static VoiceNeeds of(CompiledRegion[] regions) {
        VoiceNeeds n = NONE;
        for (CompiledRegion r : regions) {
            n = n.max(of(r));
            for (CompiledRegion m : r.mics) n = n.max(of(m));
        }
        return n;
    }

    private static VoiceNeeds of(CompiledRegion r) {
        return new VoiceNeeds(r.mod.filters.length, Math.min(r.mod.eq.length, VoiceModulation.MAX_EQ), r.mod.matrix.lfoSlots,
                r.mod.matrix.egCount);
    }

    VoiceNeeds max(VoiceNeeds o) {
        return new VoiceNeeds(Math.max(filters, o.filters), Math.max(eqs, o.eqs), Math.max(lfoSlots, o.lfoSlots), Math.max(egs, o.egs));
    }
}
