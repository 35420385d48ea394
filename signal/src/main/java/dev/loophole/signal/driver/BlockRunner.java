package dev.loophole.signal.driver;

import dev.loophole.signal.engine.EventBuffer;
import java.lang.management.ManagementFactory;

/**
 * The part of every driver's audio callback that is not backend-specific: merge due MIDI into the
 * block's events, call the application, time it, count it. Everything is allocated up front.
 */
final class BlockRunner {
    static final int EVENTS_PER_BLOCK = 1024;

    final MidiInbox inbox = new MidiInbox();
    final DriverStats stats = new DriverStats();
    /** Events the driver read from its own ports this block, at their offsets. */
    final EventBuffer direct = new EventBuffer(EVENTS_PER_BLOCK);
    /** One stereo pair per output bus. */
    final float[][] out;
    private final EventBuffer events = new EventBuffer(EVENTS_PER_BLOCK);
    private final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private volatile AudioCallback callback;
    private long lastExitBytes = -1;

    BlockRunner(int outputs) { out = new float[2 * outputs][AudioConfig.MAX_BLOCK]; }

    void setCallback(AudioCallback c) { callback = c; }

    private long t0, bytesIn;

    /** Audio thread, first thing in the driver's callback: starts the block's clock (and the allocation probe). */
    void enter() {
        if (stats.probing()) bytesIn = mx.getCurrentThreadAllocatedBytes();
        t0 = System.nanoTime();
    }

    /**
     * Audio thread: renders one block of {@code frames} (≤ {@link AudioConfig#MAX_BLOCK}) starting
     * at stream frame {@code blockStart} into {@link #out}. Returns the voices sounding, or -1.
     */
    int render(long blockStart, int frames) {
        inbox.collect(blockStart, frames, direct, events, stats);
        AudioCallback c = callback;
        if (c == null) {
            for (float[] ch : out) java.util.Arrays.fill(ch, 0, frames, 0f);
            return -1;
        }
        c.process(out, frames, events);
        return c.activeVoices();
    }

    /** Audio thread, last thing in the driver's callback. {@code periodNanos} is the block's real-time budget. */
    void exit(int frames, int voices, long periodNanos) {
        stats.blockDone(frames, System.nanoTime() - t0, voices, periodNanos);
        if (stats.probing()) {
            long bytesOut = mx.getCurrentThreadAllocatedBytes();
            if (stats.blocks() > stats.probeWarmup() && lastExitBytes >= 0) stats.probeRecord(bytesOut - bytesIn, bytesIn - lastExitBytes);
            lastExitBytes = bytesOut;
        }
    }
}
