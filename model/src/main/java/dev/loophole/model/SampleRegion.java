package dev.loophole.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A region (zone): which sample(s) play for which key/velocity/conditions, and how they sound.
 * Opcodes the model has no typed field for yet are kept verbatim in {@code otherOpcodes} so that
 * nothing a file says is lost on the way to an export.
 *
 * @param crossfades level crossfades over key, velocity and CCs ({@link Crossfades#NONE} for none)
 * @param label      a name for the region an editor can show (SFZ {@code region_label}), or null
 * @param filters    the filters in signal order: {@code fil_*} first, then {@code fil2_*}
 * @param modulation the modulation matrix: every routing from a source (CC, LFO, envelope…) to a target
 * @param lfos       SFZ v2 LFOs ({@code lfoN_*}), by index
 * @param egs        flex envelopes ({@code egN_*}), by index
 * @param eq         equaliser bands ({@code eqN_*}), by index
 */
public record SampleRegion(String regionId, List<SampleRef> samples, IntRange keyRange, IntRange velocityRange,
                           RegionConditions conditions, Amp amp, Tuning tuning, Playback playback, Loop loop,
                           Envelopes envelopes, Choke choke, List<Filter> filters, List<Modulation> modulation,
                           Map<String, String> otherOpcodes, SourceLocation origin, Crossfades crossfades, String label,
                           List<Lfo> lfos, List<FlexEnvelope> egs, List<EqBand> eq) {

    /** A region without v2 LFOs, flex envelopes or EQ bands. */
    public SampleRegion(String regionId, List<SampleRef> samples, IntRange keyRange, IntRange velocityRange,
                        RegionConditions conditions, Amp amp, Tuning tuning, Playback playback, Loop loop,
                        Envelopes envelopes, Choke choke, List<Filter> filters, List<Modulation> modulation,
                        Map<String, String> otherOpcodes, SourceLocation origin, Crossfades crossfades, String label) {
        this(regionId, samples, keyRange, velocityRange, conditions, amp, tuning, playback, loop, envelopes, choke,
                filters, modulation, otherOpcodes, origin, crossfades, label, List.of(), List.of(), List.of());
    }

    /** A region without crossfades or label. */
    public SampleRegion(String regionId, List<SampleRef> samples, IntRange keyRange, IntRange velocityRange,
                        RegionConditions conditions, Amp amp, Tuning tuning, Playback playback, Loop loop,
                        Envelopes envelopes, Choke choke, List<Filter> filters, List<Modulation> modulation,
                        Map<String, String> otherOpcodes, SourceLocation origin) {
        this(regionId, samples, keyRange, velocityRange, conditions, amp, tuning, playback, loop, envelopes, choke,
                filters, modulation, otherOpcodes, origin, Crossfades.NONE, null);
    }

    public SampleRegion {
        if (crossfades == null) crossfades = Crossfades.NONE;
        if (regionId == null || regionId.isBlank()) throw new IllegalArgumentException("region id is empty");
        samples = List.copyOf(samples);
        filters = List.copyOf(filters);
        modulation = List.copyOf(modulation);
        lfos = List.copyOf(lfos == null ? List.of() : lfos);
        egs = List.copyOf(egs == null ? List.of() : egs);
        eq = List.copyOf(eq == null ? List.of() : eq);
        otherOpcodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherOpcodes));
        if (!IntRange.MIDI.contains(keyRange.lo()) || !IntRange.MIDI.contains(keyRange.hi()))
            throw new IllegalArgumentException("key range " + keyRange.lo() + ".." + keyRange.hi() + " is outside 0..127");
        if (velocityRange.lo() < 0 || velocityRange.hi() > 127)
            throw new IllegalArgumentException("velocity range " + velocityRange.lo() + ".." + velocityRange.hi() + " is outside 0..127");
    }

    /** The first sample, the one a voice plays (multi-mic/round-robin lists may hold more). */
    public SampleRef sample() { return samples.isEmpty() ? null : samples.getFirst(); }

    /**
     * The region as one mic of it plays: only that sample, with the mic's level and pan added to the region's.
     * A multi-mic region sounds as all of these together (the engine starts one voice per mic; SFZ export writes one
     * region per mic).
     */
    public SampleRegion forMic(SampleRef mic) {
        if (samples.size() == 1 && samples.getFirst().equals(mic) && mic.volume() == 0 && mic.pan() == 0) return this;
        Builder b = toBuilder();
        b.samples = new java.util.ArrayList<>(List.of(mic));
        b.amp = new Amp(amp.volume() + mic.volume(), amp.amplitude(), Math.clamp(amp.pan() + mic.pan(), -100, 100), amp.width(),
                amp.position(), amp.ampVeltrack(), amp.ampKeycenter(), amp.ampKeytrack(), amp.ampRandom(), amp.rtDecay(),
                amp.velocityCurve(), amp.panLaw());
        return b.build();
    }

    public Builder toBuilder() { return new Builder(this); }

    public static Builder builder(String regionId) { return new Builder(regionId); }

    /** Mutable companion used by importers and editors; every field starts at its SFZ default. */
    public static final class Builder {
        public String regionId;
        public List<SampleRef> samples = new java.util.ArrayList<>();
        public IntRange keyRange = IntRange.MIDI;
        public IntRange velocityRange = new IntRange(1, 127);
        public RegionConditions conditions = RegionConditions.DEFAULT;
        public Amp amp = Amp.DEFAULT;
        public Tuning tuning = Tuning.DEFAULT;
        public Playback playback = Playback.DEFAULT;
        public Loop loop = Loop.DEFAULT;
        public Envelopes envelopes = Envelopes.DEFAULT;
        public Choke choke = Choke.NONE;
        public List<Filter> filters = new java.util.ArrayList<>();
        public List<Modulation> modulation = new java.util.ArrayList<>();
        public Map<String, String> otherOpcodes = new LinkedHashMap<>();
        public SourceLocation origin;
        public Crossfades crossfades = Crossfades.NONE;
        public String label;
        public List<Lfo> lfos = new java.util.ArrayList<>();
        public List<FlexEnvelope> egs = new java.util.ArrayList<>();
        public List<EqBand> eq = new java.util.ArrayList<>();

        Builder(String regionId) { this.regionId = regionId; }

        Builder(SampleRegion r) {
            regionId = r.regionId; samples = new java.util.ArrayList<>(r.samples); keyRange = r.keyRange;
            velocityRange = r.velocityRange; conditions = r.conditions; amp = r.amp; tuning = r.tuning;
            playback = r.playback; loop = r.loop; envelopes = r.envelopes; choke = r.choke;
            filters = new java.util.ArrayList<>(r.filters); modulation = new java.util.ArrayList<>(r.modulation);
            otherOpcodes = new LinkedHashMap<>(r.otherOpcodes); origin = r.origin;
            crossfades = r.crossfades; label = r.label;
            lfos = new java.util.ArrayList<>(r.lfos); egs = new java.util.ArrayList<>(r.egs); eq = new java.util.ArrayList<>(r.eq);
        }

        public SampleRegion build() {
            return new SampleRegion(regionId, samples, keyRange, velocityRange, conditions, amp, tuning, playback,
                    loop, envelopes, choke, filters, modulation, otherOpcodes, origin, crossfades, label, lfos, egs, eq);
        }
    }
}
