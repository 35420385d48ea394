package dev.loophole.model;

import java.util.List;
import java.util.Set;

/**
 * What per-note expression an instrument node responds to: shown to the user and to Pulse, and
 * used by Signal as the instrument's MPE configuration before any MPE Configuration Message arrives.
 *
 * @param dimensions  the per-note dimensions it reacts to
 * @param perNoteCcs  for {@link ExpressionDimension#PER_NOTE_CC}: which controller numbers
 * @param zones       MPE zones it listens on from the start (an MCM can change them later)
 * @param bendRange   per-note pitch bend range in semitones (MPE member default 48)
 */
public record ExpressionCapabilities(Set<ExpressionDimension> dimensions, Set<Integer> perNoteCcs,
                                     List<MpeZone> zones, int bendRange) {
    /** An MPE zone: the lower one is managed on channel 1 with members from 2 up, the upper on 16 with members from 15 down. */
    public record MpeZone(boolean lower, int memberChannels) {
        public MpeZone {
            if (memberChannels < 1 || memberChannels > 15) throw new IllegalArgumentException("an MPE zone has 1..15 member channels, not " + memberChannels);
        }

        /** The manager channel, 1-based. */
        public int managerChannel() { return lower ? 1 : 16; }
    }

    /** MPE's default member bend range. */
    public static final int MPE_MEMBER_BEND = 48;

    /** Nothing per-note: an instrument that only knows channel messages. */
    public static final ExpressionCapabilities NONE = new ExpressionCapabilities(Set.of(), Set.of(), List.of(), MPE_MEMBER_BEND);

    public ExpressionCapabilities {
        dimensions = Set.copyOf(dimensions);
        perNoteCcs = Set.copyOf(perNoteCcs);
        zones = List.copyOf(zones);
        if (bendRange < 0 || bendRange > 96) throw new IllegalArgumentException("bend range " + bendRange + " is outside 0..96 semitones");
        for (int cc : perNoteCcs) if (cc < 0 || cc > 127) throw new IllegalArgumentException("per-note CC " + cc + " is outside 0..127");
    }

    /** The dimensions an expression mapping reacts to, with no zones preconfigured (an MCM or the user turns MPE on). */
    public static ExpressionCapabilities of(ExpressionMapping mapping) {
        java.util.EnumSet<ExpressionDimension> dims = java.util.EnumSet.noneOf(ExpressionDimension.class);
        java.util.Set<Integer> ccs = new java.util.TreeSet<>();
        for (ExpressionMapping.Route r : mapping.routes()) {
            dims.add(r.source());
            if (r.source() == ExpressionDimension.PER_NOTE_CC) ccs.add(r.sourceCc());
        }
        return new ExpressionCapabilities(dims, ccs, List.of(), MPE_MEMBER_BEND);
    }

    public boolean respondsTo(ExpressionDimension d) { return dimensions.contains(d); }
}
