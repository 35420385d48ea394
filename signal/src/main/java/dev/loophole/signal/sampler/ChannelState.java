package dev.loophole.signal.sampler;

import java.util.Arrays;

/** Per-MIDI-channel state a sampler keeps: controllers, bend, pedals, held keys, key switches. */
final class ChannelState {
    final int[] cc = new int[128];
    double bend;              // -1..1
    int bendRaw = 8192;
    double tuneCents;         // the node's tune (Instrument.nodeTune): not a MIDI reset's to undo, so reset() keeps it
    boolean sustain, sostenuto;
    int channelPressure;
    int program;
    final int[] polyPressure = new int[128];
    final boolean[] held = new boolean[128];
    final boolean[] sostenutoLatched = new boolean[128]; // keys held when the sostenuto pedal went down
    final boolean[] releasePending = new boolean[128];   // release triggers waiting for the sustain pedal
    final int[] onVelocity = new int[128];
    final long[] onFrame = new long[128];
    int heldCount;
    int lastKey = -1;         // the latest note-on key
    int previousKey = -1;     // the note-on key before the current one (sw_previous)
    int lastSwitch = -1;      // the last key switch pressed (sw_last), starting at sw_default
    int noteOns;              // note-ons so far: its parity is the SFZ 'alternate' source (cc137)
    /** Counts changes to what a modulation routing reads here (controllers, bend, pressure): a voice whose sources saw no change keeps its sums. */
    int version;

    void reset(int[] initialCc, int swDefault) {
        System.arraycopy(initialCc, 0, cc, 0, 128);
        bend = 0; bendRaw = 8192; sustain = false; sostenuto = false; channelPressure = 0; program = 0;
        Arrays.fill(held, false);
        Arrays.fill(sostenutoLatched, false);
        Arrays.fill(releasePending, false);
        Arrays.fill(polyPressure, 0);
        heldCount = 0; noteOns = 0; lastKey = -1; previousKey = -1; lastSwitch = swDefault;
        version++;
    }
}
