package dev.loophole.signal.sampler;

/** Per-MIDI-channel controller state a sampler keeps: CC values, bend, pedals, held keys. */
final class ChannelState {
    final int[] cc = new int[128];
    double bend;              // -1..1
    int bendRaw = 8192;
    boolean sustain;
    int channelPressure;
    final boolean[] held = new boolean[128];
    final int[] onVelocity = new int[128];
    final long[] onFrame = new long[128];
    int heldCount;
    int lastKey = -1;

    void reset(int[] initialCc) {
        System.arraycopy(initialCc, 0, cc, 0, 128);
        bend = 0; bendRaw = 8192; sustain = false; channelPressure = 0;
        java.util.Arrays.fill(held, false);
        heldCount = 0; lastKey = -1;
    }
}
