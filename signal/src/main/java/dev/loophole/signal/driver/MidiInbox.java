package dev.loophole.signal.driver;

import dev.loophole.signal.engine.EventBuffer;

/**
 * The audio thread's view of every MIDI source: the control threads' {@link MidiRing}s (a song
 * player, a Java Sound input, …) and the events a driver read from its own ports this block.
 * Each block it merges what is due, earliest first, into the block's {@link EventBuffer}.
 */
public final class MidiInbox {
    /** Sources are registered before or while running; the array never grows. */
    public static final int MAX_SOURCES = 8;

    private final MidiRing[] rings = new MidiRing[MAX_SOURCES];
    private volatile int count; // publishes rings[0..count)

    /** Control side: a new ring for one producer thread. */
    public synchronized MidiRing addSource(int capacity) {
        if (count == MAX_SOURCES) throw new IllegalStateException("more than " + MAX_SOURCES + " MIDI sources");
        MidiRing r = new MidiRing(capacity);
        rings[count] = r;
        count = count + 1; // volatile write after the slot: the audio thread sees a complete ring
        return r;
    }

    /**
     * Audio thread: fills {@code out} (cleared first) with the events due in
     * {@code [blockStart, blockStart + frames)}, merged with {@code direct} (events already at
     * offsets in this block). Events whose frame has passed land on offset 0 and count as late;
     * events that do not fit stay queued for the next block (ring) or are dropped (direct).
     */
    public void collect(long blockStart, int frames, EventBuffer direct, EventBuffer out, DriverStats stats) {
        out.clear();
        long end = blockStart + frames;
        int n = count, di = 0, dn = direct == null ? 0 : direct.size(), late = 0, dropped = 0, lastOffset = 0;
        while (true) {
            MidiRing best = null;
            long bestDue = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                long d = rings[i].peekDue();
                if (d < bestDue) { bestDue = d; best = rings[i]; }
            }
            if (di < dn && (best == null || blockStart + direct.offset(di) <= bestDue || bestDue >= end)) {
                int off = Math.max(lastOffset, Math.min(direct.offset(di), frames - 1));
                if (out.add(direct.port(di), off, direct.status(di), direct.data1(di), direct.data2(di))) lastOffset = off;
                else dropped++;
                di++;
                continue;
            }
            if (best == null || bestDue >= end) break;
            if (out.size() == out.capacity()) break; // stays in its ring for the next block
            int off;
            if (bestDue < blockStart) {
                off = lastOffset;
                if (bestDue != MidiRing.NOW) late++;
            } else {
                off = Math.max(lastOffset, (int) (bestDue - blockStart)); // a producer out of order cannot break the buffer
            }
            int m = best.peekMessage();
            out.add(MidiRing.port(m), off, MidiRing.status(m), MidiRing.data1(m), MidiRing.data2(m));
            lastOffset = off;
            best.advance();
        }
        dropped += dn - di; // direct events left when the block's buffer filled up
        if (direct != null) direct.clear();
        if (stats != null) { stats.late(late); stats.dropped(dropped); }
    }
}
