package dev.loophole.signal.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Helper threads for an offline render: the render thread hands out a round of independent tasks
 * {@code 0..n-1} (a {@link ProgramBank}'s programs for one block), works on them itself beside the
 * helpers, and returns once all are done. Each task goes whole to whichever thread claims it first (a
 * ticket counter), so nothing a task touches has two writers, and what the tasks write is the same
 * whoever ran them. Live audio threads never get one: a real-time thread must not wait on another.
 *
 * <p>Blocks are short (256 frames: ≈ 180 µs of a General MIDI song's work at cubic), so a helper that finished
 * a round spins for {@link #SPIN_NANOS} looking for the next one before it parks: the render thread's serial
 * part between rounds (mixing into the buses, writing, the next block's events) mostly fits in it, and a helper
 * woken by an unpark joins a round late. Every wait is bounded: past it a helper parks and the render
 * thread yields, since the machine may be shared and CPU time counts too.
 * Running a round allocates nothing.
 *
 * <p><b>Only while it pays</b> ({@link #forRender}). A helper that loses its core (a busy machine) holds the render
 * thread at the end of every round it took a task in: rendering alone would then be faster. So each window of
 * {@link #WINDOW} shared rounds compares the render thread's time spent waiting for helpers with what their tasks
 * would have cost it (its own time per task × the tasks they ran); when the waiting costs more, the next rounds run on
 * the render thread alone — {@link #SOLO_MIN} of them, twice as many after each window that again did not pay, up to
 * {@link #SOLO_MAX} — and then sharing is tried again. Who runs a task never changes what it writes, so the output is
 * the same bits either way; only the time moves.
 */
public final class RenderWorkers implements AutoCloseable {
    /** One round's work: task {@code index}, on whichever thread runs it. */
    @FunctionalInterface
    public interface Task { void run(int index); }

    /** How long a helper looks for the next round before parking. */
    static final long SPIN_NANOS = 20_000;

    private final Thread[] helpers;
    private final long spinNanos;
    private final boolean[] parked;         // written by each helper, read by the render thread (volatile through `sleeping`)
    private final AtomicInteger sleeping = new AtomicInteger(); // helpers parked or about to park
    /** Round in the high 32 bits, the next task index in the low 32. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();   // helpers inside a round
    private volatile Task task;
    private volatile int count;
    private volatile int round;
    private volatile boolean closed;
    private volatile Throwable failure;
    private final AtomicLong helperTasks = new AtomicLong();

    /** Shared rounds judged together; rounds alone after a window that did not pay, at first and at most. */
    static final int WINDOW = 64, SOLO_MIN = 256, SOLO_MAX = 8192;
    private final boolean judged;
    // Render thread only: the current window's sums, the rounds still to run alone, the next span alone.
    private int windowRounds, soloLeft, soloSpan = SOLO_MIN;
    private long ownNanos, ownTasks, helperTasksInWindow, waitNanos;
    private long soloRounds;

    /** {@code threads} in all, the caller's included: {@code threads - 1} helpers are started (none for 1). */
    public RenderWorkers(int threads) { this(threads, "loophole-render", SPIN_NANOS, false); }

    /** As {@link #RenderWorkers(int)}, sharing a round only while that pays (see the class comment): an offline render's. */
    public static RenderWorkers forRender(int threads) { return new RenderWorkers(threads, "loophole-render", SPIN_NANOS, true); }

    /**
     * As {@link #RenderWorkers(int)}, the helpers named {@code name-1}, {@code name-2}, …, each looking for the next
     * round for {@code spinNanos} before it parks (0: at once, for rounds that come seldom or are short).
     */
    public RenderWorkers(int threads, String name, long spinNanos) { this(threads, name, spinNanos, false); }

    private RenderWorkers(int threads, String name, long spinNanos, boolean judged) {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads + " is below 1");
        this.spinNanos = spinNanos;
        this.judged = judged;
        helpers = new Thread[threads - 1];
        parked = new boolean[helpers.length];
        for (int h = 0; h < helpers.length; h++) {
            int me = h;
            helpers[h] = Thread.ofPlatform().daemon().name(name + "-" + (h + 1)).start(() -> help(me));
        }
    }

    /** Threads an offline render uses unless told: two where there is a second core. */
    public static int defaultThreads() { return defaultThreads(Runtime.getRuntime().availableProcessors()); }

    /** {@link #defaultThreads()} on a machine of {@code cores}. */
    public static int defaultThreads(int cores) { return Math.min(2, cores); }

    /** Threads working a round: the caller and its helpers. */
    public int threads() { return helpers.length + 1; }

    /** The helper threads (for tests that measure what they allocate). */
    public Thread[] helpers() { return helpers.clone(); }

    /** Tasks the helpers ran, over the whole render (0 with one thread). */
    public long helperTasks() { return helperTasks.get(); }

    /** Rounds of more than one task run on the render thread alone because sharing did not pay (render thread). */
    public long soloRounds() { return soloRounds; }

    /**
     * Runs tasks {@code 0..n-1} of {@code t}, on this thread and the helpers, and returns when every one
     * is done (what they wrote is then visible here). One caller at a time: the render thread.
     */
    public void run(Task t, int n) {
        if (helpers.length == 0 || n <= 1 || soloLeft > 0) {
            if (n > 1 && soloLeft > 0) { soloLeft--; soloRounds++; }
            for (int i = 0; i < n; i++) t.run(i);
            return;
        }
        long start = judged ? System.nanoTime() : 0;
        int mine = 0;
        // A helper still looking at the last round must not claim a task while task/count are rewritten:
        // the ticket changes first, so its claim (a compare-and-set on what it read) fails.
        ticket.set(((long) round << 32) | Integer.MAX_VALUE);
        task = t;
        count = n;
        int r = round + 1;
        ticket.set((long) r << 32);
        round = r;
        if (sleeping.get() != 0) for (int h = 0; h < helpers.length; h++) if (parked[h]) LockSupport.unpark(helpers[h]);
        try {
            for (int i; (i = take(r)) >= 0; mine++) t.run(i);
        } catch (RuntimeException | Error e) {
            // The round ends here too: no helper starts another of its tasks, and the caller, which may close what
            // they use, gets control back only when none is still inside one. A helper's failure goes along with it.
            ticket.set(((long) r << 32) | Integer.MAX_VALUE);
            awaitHelpers();
            Throwable f = failure;
            failure = null;
            if (f != null && f != e) e.addSuppressed(f);
            throw e;
        }
        long own = judged ? System.nanoTime() : 0;
        awaitHelpers(); // they finish what they claimed (at most one task each)
        if (judged) judge(own - start, System.nanoTime() - own, mine, n - mine);
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    /** Until no helper is inside a task: a short spin, then yields (a helper that lost its core). */
    private void awaitHelpers() {
        if (busy.get() == 0) return;
        long until = System.nanoTime() + SPIN_NANOS;
        while (busy.get() != 0) if (System.nanoTime() < until) Thread.onSpinWait(); else Thread.yield();
    }

    /** Adds a shared round to the window; at its end, decides whether the next rounds share (see the class comment). */
    private void judge(long own, long waited, int mine, int theirs) {
        ownNanos += own;
        ownTasks += mine;
        helperTasksInWindow += theirs;
        waitNanos += waited;
        if (++windowRounds < WINDOW) return;
        // What the helpers' tasks would have cost here, at this thread's average per task (a window's tasks mix).
        double spared = ownTasks == 0 ? Double.MAX_VALUE : (double) ownNanos / ownTasks * helperTasksInWindow;
        if (helperTasksInWindow == 0) {
            // the helpers ran nothing: no evidence either way, the span alone stays as it was
        } else if (waitNanos > spared) {
            soloLeft = soloSpan;
            soloSpan = Math.min(2 * soloSpan, SOLO_MAX);
        } else {
            soloSpan = SOLO_MIN;
        }
        windowRounds = 0;
        ownNanos = ownTasks = helperTasksInWindow = waitNanos = 0;
    }

    /** The next task of round r, or -1 when that round has none left (or is over). */
    private int take(int r) {
        while (true) {
            long t = ticket.get();
            int i = (int) t;
            if ((int) (t >>> 32) != r || i >= count) return -1;
            if (ticket.compareAndSet(t, t + 1)) return i;
        }
    }

    private void help(int me) {
        int seen = 0;
        while (!closed) {
            if (round == seen && !await(me, seen)) continue;
            int r = round;
            seen = r;
            busy.incrementAndGet();
            try {
                long done = 0;
                for (int i; (i = take(r)) >= 0; done++) task.run(i); // task is read after the claim: this round's
                if (done > 0) helperTasks.addAndGet(done);
            } catch (Throwable e) {
                failure = e;
                while (take(r) >= 0) { } // nothing more of this round runs here; the caller fails it
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    /** Waits for a round after {@code seen}: spins a while, then parks. Returns whether one came (false: look again). */
    private boolean await(int me, int seen) {
        long until = System.nanoTime() + spinNanos;
        while (round == seen) {
            if (closed) return false;
            if (System.nanoTime() > until) {
                parked[me] = true;
                sleeping.incrementAndGet();
                // Re-checked after announcing: the caller sets round before it reads `sleeping`, so one of us sees the other.
                if (round == seen && !closed) LockSupport.park(this);
                sleeping.decrementAndGet();
                parked[me] = false;
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
            try { t.join(1000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
    }
}
