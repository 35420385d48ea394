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
                    if (i == 0) for (long s = 0, x = 0; s < 200; s++) x += s; // a little work, so rounds overlap
                }, tasks);
                for (int i = 0; i < tasks; i++) assertThat(done[i]).as("task %d after round %d", i, r).isEqualTo(r);
            }
            assertThat(w.helperTasks()).as("the helper took some tasks").isPositive();
        }
        for (int i = 0; i < tasks; i++) assertThat(runs.get(i)).isEqualTo(rounds);
        assertThat(mainThread[0]).as("the caller works too").isTrue();
    }

    @Test
    void aTaskThatFailsOnTheHelperFailsTheRound() {
        try (RenderWorkers w = new RenderWorkers(2)) {
            Thread me = Thread.currentThread();
            assertThatThrownBy(() -> {
                for (int r = 0; r < 10_000; r++) w.run(i -> {
                    if (Thread.currentThread() != me) throw new IllegalStateException("boom " + i);
                    for (long s = 0, x = 0; s < 2_000; s++) x += s;
                }, 8);
            }).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom");
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
     * the first window and only try again after ever longer spans alone, so over 3,000 rounds the helper takes tasks
     * in at most four windows (rounds 0–63, then after 256, 512 and 1,024 rounds alone); every task still runs once.
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
            long windows = 4;
            assertThat(w.helperTasks()).as("tasks the stalling helper took").isPositive()
                    .isLessThanOrEqualTo(windows * RenderWorkers.WINDOW * (tasks - 1));
            assertThat(w.soloRounds()).isEqualTo(256 + 512 + 1024 + (rounds - 4 * RenderWorkers.WINDOW - 256 - 512 - 1024));
        }
        try (RenderWorkers plain = new RenderWorkers(2)) {
            for (int r = 0; r < 300; r++) plain.run(slowElsewhere, tasks);
            assertThat(plain.soloRounds()).isZero();
            assertThat(plain.helperTasks()).as("plain workers share whatever it costs").isGreaterThanOrEqualTo(100);
        }
    }
}
