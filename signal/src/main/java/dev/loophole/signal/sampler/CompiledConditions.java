package dev.loophole.signal.sampler;

import dev.loophole.model.DoubleRange;
import dev.loophole.model.IntRange;
import dev.loophole.model.RegionConditions;
import java.util.Map;

/**
 * A region's selection rules beyond key and velocity, flattened to primitive fields and arrays so
 * the audio thread tests them without boxing or iteration over maps. -1 means "not set".
 */
final class CompiledConditions {
    final int swLo, swHi;             // this region's key-switch range, or -1
    final int swLast, swLastLo, swLastHi, swDown, swUp, swPrevious;
    final int progLo, progHi, chanAftLo, chanAftHi, polyAftLo, polyAftHi;
    final double bpmLo, bpmHi;
    final int[] hdccNumbers;
    final double[] hdccLo, hdccHi;
    final int[] onCcNumbers, onCcLo, onCcHi;
    final boolean noteTriggered;

    CompiledConditions(RegionConditions c) {
        swLo = c.keySwitchRange() == null ? -1 : c.keySwitchRange().lo();
        swHi = c.keySwitchRange() == null ? -1 : c.keySwitchRange().hi();
        swLast = c.swLast();
        swLastLo = c.lastKeySwitchRange() == null ? -1 : c.lastKeySwitchRange().lo();
        swLastHi = c.lastKeySwitchRange() == null ? -1 : c.lastKeySwitchRange().hi();
        swDown = c.swDown();
        swUp = c.swUp();
        swPrevious = c.swPrevious();
        progLo = c.programRange().lo(); progHi = c.programRange().hi();
        chanAftLo = c.channelAftertouchRange().lo(); chanAftHi = c.channelAftertouchRange().hi();
        polyAftLo = c.polyAftertouchRange().lo(); polyAftHi = c.polyAftertouchRange().hi();
        bpmLo = c.bpmRange().lo(); bpmHi = c.bpmRange().hi();
        int n = c.hdccRanges().size();
        hdccNumbers = new int[n]; hdccLo = new double[n]; hdccHi = new double[n];
        int i = 0;
        for (Map.Entry<Integer, DoubleRange> e : c.hdccRanges().entrySet()) {
            hdccNumbers[i] = e.getKey(); hdccLo[i] = e.getValue().lo(); hdccHi[i] = e.getValue().hi(); i++;
        }
        n = c.triggerCcRanges().size();
        onCcNumbers = new int[n]; onCcLo = new int[n]; onCcHi = new int[n];
        i = 0;
        for (Map.Entry<Integer, IntRange> e : c.triggerCcRanges().entrySet()) {
            onCcNumbers[i] = e.getKey(); onCcLo[i] = e.getValue().lo(); onCcHi[i] = e.getValue().hi(); i++;
        }
        noteTriggered = c.noteTriggered();
    }

    /** Whether the channel's controller and switch state lets the region play now. */
    boolean allow(ChannelState cs, double bpm) {
        if (swLast >= 0 && cs.lastSwitch != swLast) return false;
        if (swLastLo >= 0 && (cs.lastSwitch < swLastLo || cs.lastSwitch > swLastHi)) return false;
        if (swDown >= 0 && !cs.held[swDown]) return false;
        if (swUp >= 0 && cs.held[swUp]) return false;
        if (swPrevious >= 0 && cs.previousKey != swPrevious) return false;
        if (cs.program < progLo || cs.program > progHi) return false;
        if (cs.channelPressure < chanAftLo || cs.channelPressure > chanAftHi) return false;
        if (bpm < bpmLo || bpm > bpmHi) return false;
        for (int i = 0; i < hdccNumbers.length; i++) {
            double v = cs.cc[hdccNumbers[i]] / 127.0;
            if (v < hdccLo[i] || v > hdccHi[i]) return false;
        }
        return true;
    }

    boolean allowPolyAftertouch(int value) { return value >= polyAftLo && value <= polyAftHi; }

    /** Whether a CC moving from {@code before} to {@code after} enters one of this region's trigger ranges. */
    boolean triggeredBy(int cc, int before, int after) {
        for (int i = 0; i < onCcNumbers.length; i++) {
            if (onCcNumbers[i] != cc) continue;
            boolean in = after >= onCcLo[i] && after <= onCcHi[i];
            boolean wasIn = before >= onCcLo[i] && before <= onCcHi[i];
            if (in && !wasIn) return true;
        }
        return false;
    }

    boolean ccTriggered() { return onCcNumbers.length > 0; }
}
