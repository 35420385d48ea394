package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Every task of every round runs exactly once, on whichever thread, and the round returns only when all are done. */
class RenderWorkersTest {
    @Test
    void eachTaskRunsOnceAndIsDoneWhenTheRoundReturns() {
        int rounds = 20_000, tasks = 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        int[] done = new int[tasks]; // plain ints: the round's return must make the helpers' writes visible
        boolean[] mainThread = new boolean[1];
        Thread me = Thread.currentThread();
        try (RenderWorkers w = new RenderWorkers(2)) {
            assertThat(w.threads()).isEqualTo(2);
            for (int r = 1; r <= rounds; r++) {
                w.run(i -> {
                    runs.incrementAndGet(i);
                    done[i]++;
                    if (Thread.currentThread() == me) mainThread[0] = true;
                    if (i == 0) busy(2_000); // a little work, so rounds overlap
                }, tasks);
                for (int i = 0; i < tasks; i++) assertThat(done[i]).as("task %d after round %d", i, r).isEqualTo(r);
            }
            assertThat(w.helperTasks()).as("the helper took some tasks").isPositive();
        }
        for (int i = 0; i < tasks; i++) assertThat(runs.get(i)).isEqualTo(rounds);
        assertThat(mainThread[0]).as("the caller works too").isTrue();
    }

    /** Spins for {@code nanos} (a loop summing into a dead variable may be compiled away: no work at all). */
    private static void busy(long nanos) {
        for (long end = System.nanoTime() + nanos; System.nanoTime() < end; ) Thread.onSpinWait();
    }

    @Test
    void aTaskThatFailsOnTheHelperFailsTheRound() {
        try (RenderWorkers w = new RenderWorkers(2)) {
            Thread me = Thread.currentThread();
            assertThatThrownBy(() -> {
                for (int r = 0; r < 10_000; r++) w.run(i -> {
                    if (Thread.currentThread() != me) throw new IllegalStateException("boom " + i);
                    busy(20_000);
                }, 8);
            }).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom");
        }
    }

    /**
     * A task that fails on the render thread ends the round there: the call returns only once the helper left the task
     * it was in, no task of that round starts later, the helper's own failure is attached to it, and the next round is clean.
     */
    @Test
    void aTaskThatFailsOnTheRenderThreadEndsTheRoundBeforeItReturns() {
        Thread me = Thread.currentThread();
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger(), started = new java.util.concurrent.atomic.AtomicInteger();
        try (RenderWorkers w = new RenderWorkers(2)) {
            Throwable thrown = null;
            for (int attempt = 0; attempt < 200 && thrown == null; attempt++) {
                started.set(0);
                try {
                    w.run(i -> {
                        started.incrementAndGet();
                        if (Thread.currentThread() == me) {
                            for (long until = System.nanoTime() + 2_000_000; System.nanoTime() < until; ) Thread.onSpinWait();
                            throw new IllegalStateException("render thread, task " + i);
                        }
                        inside.incrementAndGet();
                        LockSupport.parkNanos(20_000_000);
                        inside.decrementAndGet();
                        throw new IllegalArgumentException("helper, task " + i);
                    }, 50);
                } catch (IllegalStateException e) {
                    if (e.getSuppressed().length == 0) continue; // the helper took no task this time: try again
                    thrown = e;
                    assertThat(inside.get()).as("no helper still inside a task when the round returned").isZero();
                    assertThat(e.getSuppressed()).singleElement().isInstanceOf(IllegalArgumentException.class);
                }
            }
            assertThat(thrown).as("a round where both threads took a task").isNotNull();
            int before = started.get();
            LockSupport.parkNanos(30_000_000);
            assertThat(started.get()).as("no task of the failed round started afterwards").isEqualTo(before);
            int[] n = {0};
            w.run(i -> { synchronized (n) { n[0]++; } }, 4);
            assertThat(n[0]).as("the next round runs clean").isEqualTo(4);
        }
    }

    @Test
    void oneThreadRunsEverythingHere() {
        try (RenderWorkers w = new RenderWorkers(1)) {
            Thread me = Thread.currentThread();
            int[] n = {0};
            w.run(i -> { assertThat(Thread.currentThread()).isSameAs(me); n[0]++; }, 5);
            assertThat(n[0]).isEqualTo(5);
            assertThat(w.helpers()).isEmpty();
        }
        assertThatThrownBy(() -> new RenderWorkers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A helper that stalls in every task it takes (as one that lost its core): a render's workers stop sharing after
     * the first window and only try again after ever longer spans alone, so of 3,000 rounds most run alone (shared
     * windows: rounds 0–63, then one after 256, 512 and 1,024 rounds alone); every task still runs once.
     * Plain workers keep sharing with it.
     */
    @Test
    void aRendersWorkersStopSharingWithAHelperThatHoldsThemUp() throws Exception {
        int rounds = 3_000, tasks = 4;
        Thread me = Thread.currentThread();
        RenderWorkers.Task slowElsewhere = i -> { // 50 µs of work here (so the helper gets to claim), 1 ms there
            if (Thread.currentThread() != me) LockSupport.parkNanos(1_000_000);
            else for (long until = System.nanoTime() + 50_000; System.nanoTime() < until; ) Thread.onSpinWait();
        };
        try (RenderWorkers w = RenderWorkers.forRender(2)) {
            int[] done = new int[tasks];
            for (int r = 1; r <= rounds; r++) {
                w.run(i -> { slowElsewhere.run(i); done[i]++; }, tasks);
                for (int i = 0; i < tasks; i++) assertThat(done[i]).isEqualTo(r);
            }
            // Shared windows: 0–63 and one after each span alone (256, 512, 1,024); a window in which the parked helper
            // never got a task (a loaded machine) proves nothing and is followed by another, so allow two more (a span
            // that never doubled would leave ≈ 2,360 rounds alone and fail).
            assertThat(w.soloRounds()).as("rounds run alone").isBetween((long) rounds - 6 * RenderWorkers.WINDOW, (long) rounds - 4 * RenderWorkers.WINDOW);
            assertThat(w.helperTasks()).as("tasks the stalling helper took").isPositive()
                    .isLessThanOrEqualTo((rounds - w.soloRounds()) * (tasks - 1));
        }
        try (RenderWorkers plain = new RenderWorkers(2)) {
            for (int r = 0; r < 300; r++) plain.run(slowElsewhere, tasks);
            assertThat(plain.soloRounds()).isZero();
            assertThat(plain.helperTasks()).as("plain workers share whatever it costs").isGreaterThanOrEqualTo(100);
        }
    }
}
