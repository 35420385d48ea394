package dev.loophole.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything besides key and velocity that decides whether a region plays for an event.
 *
 * @param channelRange   MIDI channels 1..16
 * @param ccRanges       CC number → allowed value range (SFZ {@code loccN/hiccN})
 * @param bendRange      pitch-bend range -8192..8192
 * @param randomLo       lower bound of the random value 0..1 (SFZ {@code lorand})
 * @param randomHi       upper bound (SFZ {@code hirand}, exclusive except at 1)
 * @param seqLength      round-robin cycle length (1 = no round robin)
 * @param seqPosition    position of this region in the cycle, 1-based
 * @param trigger        which event starts the voice
 * @param keySwitchRange the key-switch range ({@code sw_lokey..sw_hikey}), or null
 * @param swLast         key switch that must have been pressed last, or -1
 * @param swDown         key that must be held, or -1
 * @param swUp           key that must not be held, or -1
 * @param swPrevious     the previous note must have been this key, or -1
 * @param swLabel        articulation label of this key switch
 * @param lastKeySwitchRange the last key switch pressed must be in this range ({@code sw_lolast..sw_hilast}), or null
 * @param programRange   MIDI program numbers 0..127 ({@code loprog..hiprog})
 * @param channelAftertouchRange last channel aftertouch value 0..127 ({@code lochanaft..hichanaft})
 * @param polyAftertouchRange    last polyphonic aftertouch value of the key 0..127 ({@code lopolyaft..hipolyaft})
 * @param bpmRange       host tempo in BPM ({@code lobpm..hibpm}, 0..500)
 * @param hdccRanges     CC number → allowed value range 0..1 at high resolution ({@code lohdccN/hihdccN})
 * @param triggerCcRanges CC number → range whose entering starts the region ({@code on_loccN/on_hiccN})
 * @param noteTriggered  false when notes never start the region ({@code hikey=-1}), e.g. CC-triggered pedal noises
 */
public record RegionConditions(IntRange channelRange, Map<Integer, IntRange> ccRanges, IntRange bendRange,
                               double randomLo, double randomHi, int seqLength, int seqPosition,
                               Trigger trigger, IntRange keySwitchRange, int swLast, int swDown, int swUp,
                               int swPrevious, String swLabel,
                               IntRange lastKeySwitchRange, IntRange programRange, IntRange channelAftertouchRange,
                               IntRange polyAftertouchRange, DoubleRange bpmRange, Map<Integer, DoubleRange> hdccRanges,
                               Map<Integer, IntRange> triggerCcRanges, boolean noteTriggered) {
    public static final RegionConditions DEFAULT = new RegionConditions(IntRange.CHANNELS, Map.of(), IntRange.BEND,
            0, 1, 1, 1, Trigger.ATTACK, null, -1, -1, -1, -1, null);

    /** Conditions without the selection opcodes added later (program, aftertouch, tempo, hdcc, CC triggers). */
    public RegionConditions(IntRange channelRange, Map<Integer, IntRange> ccRanges, IntRange bendRange,
                            double randomLo, double randomHi, int seqLength, int seqPosition,
                            Trigger trigger, IntRange keySwitchRange, int swLast, int swDown, int swUp,
                            int swPrevious, String swLabel) {
        this(channelRange, ccRanges, bendRange, randomLo, randomHi, seqLength, seqPosition, trigger, keySwitchRange,
                swLast, swDown, swUp, swPrevious, swLabel, null, IntRange.MIDI, IntRange.MIDI, IntRange.MIDI,
                new DoubleRange(0, 500), Map.of(), Map.of(), true);
    }

    public RegionConditions {
        ccRanges = Map.copyOf(new TreeMap<>(ccRanges));
        if (programRange == null) programRange = IntRange.MIDI;
        if (channelAftertouchRange == null) channelAftertouchRange = IntRange.MIDI;
        if (polyAftertouchRange == null) polyAftertouchRange = IntRange.MIDI;
        if (bpmRange == null) bpmRange = new DoubleRange(0, 500);
        hdccRanges = Map.copyOf(new TreeMap<>(hdccRanges == null ? Map.of() : hdccRanges));
        triggerCcRanges = Map.copyOf(new TreeMap<>(triggerCcRanges == null ? Map.of() : triggerCcRanges));
        if (seqLength < 1) throw new IllegalArgumentException("seq_length " + seqLength + " is below 1");
        if (seqPosition < 1 || seqPosition > 100)
            throw new IllegalArgumentException("seq_position " + seqPosition + " is outside 1..100");
        if (randomLo < 0 || randomHi > 1 || randomLo > randomHi)
            throw new IllegalArgumentException("random range " + randomLo + ".." + randomHi + " is not within 0..1");
        if (trigger == null) trigger = Trigger.ATTACK;
    }

    /** The same conditions as round robin {@code position} (1-based) of {@code length} (SFZ seq_length / seq_position). */
    public RegionConditions withSequence(int length, int position) {
        return new RegionConditions(channelRange, ccRanges, bendRange, randomLo, randomHi, length, position, trigger, keySwitchRange,
                swLast, swDown, swUp, swPrevious, swLabel, lastKeySwitchRange, programRange, channelAftertouchRange, polyAftertouchRange,
                bpmRange, hdccRanges, triggerCcRanges, noteTriggered);
    }

    /** The same conditions playing when the note's random number is in {@code lo..hi} (SFZ lorand / hirand). */
    public RegionConditions withRandom(double lo, double hi) {
        return new RegionConditions(channelRange, ccRanges, bendRange, lo, hi, seqLength, seqPosition, trigger, keySwitchRange,
                swLast, swDown, swUp, swPrevious, swLabel, lastKeySwitchRange, programRange, channelAftertouchRange, polyAftertouchRange,
                bpmRange, hdccRanges, triggerCcRanges, noteTriggered);
    }
}
