package dev.loophole.signal.dsp;

/**
 * The SFZ {@code fil_type} values {@link VoiceFilter} plays. {@code comb} and {@code pink} are not
 * here: {@link #fromSfz} answers {@code null} for them so the importer can warn.
 */
public enum FilterType {
    LPF_1P("lpf_1p"), HPF_1P("hpf_1p"), BPF_1P("bpf_1p"), BRF_1P("brf_1p"), APF_1P("apf_1p"),
    LPF_2P("lpf_2p"), HPF_2P("hpf_2p"), BPF_2P("bpf_2p"), BRF_2P("brf_2p"), PKF_2P("pkf_2p"),
    LPF_4P("lpf_4p"), HPF_4P("hpf_4p"), LPF_6P("lpf_6p"), HPF_6P("hpf_6p"),
    LPF_2P_SV("lpf_2p_sv"), HPF_2P_SV("hpf_2p_sv"), BPF_2P_SV("bpf_2p_sv"), BRF_2P_SV("brf_2p_sv"),
    PEQ("peq"), LSH("lsh"), HSH("hsh");

    private static final FilterType[] VALUES = values();

    private final String sfzName;

    FilterType(String sfzName) { this.sfzName = sfzName; }

    /** The opcode value, e.g. {@code lpf_2p}. */
    public String sfzName() { return sfzName; }

    /** The type for an SFZ name (case-insensitive), or {@code null} if the name is not one we play. */
    public static FilterType fromSfz(String name) {
        if (name == null) return null;
        for (FilterType t : VALUES) if (t.sfzName.equalsIgnoreCase(name.trim())) return t;
        return null;
    }

    /** True where {@code resonance} changes the response (the resonant 2-pole family). */
    public boolean usesResonance() {
        return switch (this) {
            case LPF_2P, HPF_2P, BPF_2P, BRF_2P, PKF_2P, LPF_4P, HPF_4P, LPF_6P, HPF_6P,
                 LPF_2P_SV, HPF_2P_SV, BPF_2P_SV, BRF_2P_SV -> true;
            default -> false;
        };
    }

    /** True for the types shaped by {@code fil_gain}. */
    public boolean usesGain() { return this == PEQ || this == LSH || this == HSH; }
}
