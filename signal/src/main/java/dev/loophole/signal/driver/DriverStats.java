package dev.loophole.signal.driver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Audio → control: what the audio thread did, as counters the control side reads at any time
 * (the status line, tests). Writers never allocate or lock; every field has one writer thread
 * except {@link #xruns}, which JACK reports on its notification thread.
 */
public final class DriverStats {
    /**
     * Blocks left out of {@link #maxLoad()}: the first callbacks attach the native thread to the JVM
     * and load classes (measured: block 1 takes 2–8 periods), which says nothing about steady state.
     */
    public static final int SETTLE_BLOCKS = 8;

    final AtomicLong xruns = new AtomicLong();
    final AtomicLong underruns = new AtomicLong();
    private volatile long blocks, frames, lateEvents, droppedEvents, freewheelChanges, overBudget;
    private volatile long reconnects;       // written by the driver's reconnect thread
    private volatile boolean reconnecting;
    private volatile String awayFrom, lastRetryFailure;
    private volatile long lastProcessNanos, maxProcessNanos, maxBlock, periodNanos;
    private volatile int voices, maxVoices;
    private volatile boolean freewheeling;
    /** Blocks by load in 1% steps (index 400: 400% and more); plain writes by the audio thread, read approximately. */
    private final long[] loadHistogram = new long[401];

    // Allocation probe (tests): bytes the audio thread allocated inside the callback, after warm-up.
    private volatile long probeWarmupBlocks = -1, probeBlocks, probeBytes, probeCycleBytes, probeLastBlock = -1, probeAllocatingBlocks;

    // --- audio-thread writers -------------------------------------------------------------

    void blockDone(int frames, long processNanos, int voices, long periodNanos) {
        this.blocks = blocks + 1;
        this.frames = this.frames + frames;
        this.lastProcessNanos = processNanos;
        if (blocks > SETTLE_BLOCKS && processNanos > maxProcessNanos) { maxProcessNanos = processNanos; maxBlock = blocks; }
        if (blocks > SETTLE_BLOCKS && processNanos > periodNanos) overBudget = overBudget + 1;
        if (periodNanos > 0) loadHistogram[(int) Math.min(400, processNanos * 100 / periodNanos)]++;
        this.periodNanos = periodNanos;
        if (voices >= 0) {
            this.voices = voices;
            if (voices > maxVoices) maxVoices = voices;
        }
    }

    void late(int n) { if (n > 0) lateEvents = lateEvents + n; }

    void dropped(int n) { if (n > 0) droppedEvents = droppedEvents + n; }

    void freewheel(boolean on) { freewheeling = on; freewheelChanges = freewheelChanges + 1; }

    // --- reconnect thread ------------------------------------------------------------------

    /** The server {@code name} went away: reconnecting until it is back. */
    void reconnecting(String name) {
        awayFrom = name;
        lastRetryFailure = null;
        reconnecting = true;
    }

    /** A reconnect try failed (said in {@link #line()} until the next one). */
    void retryFailed(String why) { lastRetryFailure = why; }

    void reconnected() { reconnects = reconnects + 1; reconnecting = false; lastRetryFailure = null; }

    boolean probing() { return probeWarmupBlocks >= 0; }

    long probeWarmup() { return probeWarmupBlocks; }

    void probeRecord(long bodyBytes, long cycleBytes) {
        probeBlocks = probeBlocks + 1;
        if (bodyBytes != 0) { probeLastBlock = blocks; probeAllocatingBlocks = probeAllocatingBlocks + 1; }
        probeBytes = probeBytes + bodyBytes;
        probeCycleBytes = probeCycleBytes + cycleBytes;
    }

    // --- control-side readers ---------------------------------------------------------------

    public long xruns() { return xruns.get(); }

    /** Blocks the driver could not deliver in time (Java Sound line starved); JACK reports xruns instead. */
    public long underruns() { return underruns.get(); }

    public long blocks() { return blocks; }

    public long frames() { return frames; }

    /** Queued events that reached the audio thread after their frame had passed (played at offset 0). */
    public long lateEvents() { return lateEvents; }

    /** Events lost because a block's event buffer was full. */
    public long droppedEvents() { return droppedEvents; }

    public int voices() { return voices; }

    public int maxVoices() { return maxVoices; }

    /** CPU load of the latest block: time in the callback / the block's period (1.0 = the whole budget). */
    public double load() { long p = periodNanos; return p == 0 ? 0 : lastProcessNanos / (double) p; }

    /** The worst block's load so far, after the first {@link #SETTLE_BLOCKS}. */
    public double maxLoad() { long p = periodNanos; return p == 0 ? 0 : maxProcessNanos / (double) p; }

    /** The index (from 1) of the block with the worst load. */
    public long maxLoadBlock() { return maxBlock; }

    public boolean freewheeling() { return freewheeling; }

    /** Blocks (after the first {@link #SETTLE_BLOCKS}) whose callback took longer than their period: deadlines we missed ourselves. */
    public long overBudgetBlocks() { return overBudget; }

    /** A copy of the block-load histogram: element i counts blocks whose callback took i% of their period (400: 400% or more). */
    public long[] loadHistogram() { return loadHistogram.clone(); }

    /** True while the backend is gone and the driver waits for it to come back. */
    public boolean reconnecting() { return reconnecting; }

    /** While reconnecting: the server that went away, named ("JACK server 'NAME' went away, reconnecting…"). */
    public String awayLine() { return "JACK server '" + awayFrom + "' went away, reconnecting…"; }

    /** While reconnecting: why the last try failed (null before the first try, or when reconnected). */
    public String lastRetryFailure() { return lastRetryFailure; }

    /** Times the driver reconnected after its backend went away. */
    public long reconnects() { return reconnects; }

    public long freewheelChanges() { return freewheelChanges; }

    /**
     * Starts measuring (tests): from block {@code warmupBlocks} on, the bytes the audio thread
     * allocates inside the driver's callback are summed. Call before the driver starts.
     */
    public void startAllocationProbe(long warmupBlocks) { probeWarmupBlocks = warmupBlocks; }

    /** Probed blocks in which our callback allocated anything. */
    public long probedAllocatingBlocks() { return probeAllocatingBlocks; }

    /** The last block (index from 1) in which the probe saw our callback allocate, or -1. */
    public long probedLastAllocatingBlock() { return probeLastBlock; }

    /** Blocks measured by the probe. */
    public long probedBlocks() { return probeBlocks; }

    /** Bytes allocated by our code inside the callback over the probed blocks (must be 0). */
    public long probedBytes() { return probeBytes; }

    /**
     * Bytes allocated on the audio thread between one callback's end and the next one's start:
     * the native binding's own dispatch (JNA), outside our code. Reported, not asserted.
     */
    public long probedCycleBytes() { return probeCycleBytes; }

    /** One line for a terminal or a log. */
    public String line() {
        if (reconnecting) {
            String last = lastRetryFailure;
            return awayLine() + " (" + reconnects + " reconnects so far" + (last == null ? "" : "; last try: " + last) + ")";
        }
        return String.format("%d voices (max %d), CPU %.0f%% (max %.0f%%), %d xruns, %d underruns, %d late events%s",
                voices(), maxVoices(), 100 * load(), 100 * maxLoad(), xruns(), underruns(), lateEvents(),
                reconnects == 0 ? "" : ", " + reconnects + (reconnects == 1 ? " reconnect" : " reconnects"));
    }
}
