package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aCallThatAllocatesNothingSettlesAfterTwoCleanRounds() {
        int[] calls = {0};
        assertThat(WarmUp.settle(() -> calls[0]++)).isTrue();
        // two clean rounds of 64 calls end it (a third when the first call's linkage allocated)
        assertThat(calls[0]).isIn(2 * 64, 3 * 64);
    }

    @Test
    void aCallThatAllocatesIsRetriedUntilItStopsAllocating() {
        // not run to the 5-s limit: the call stops allocating after 40 rounds' worth, so settle sees it change
        int[] calls = {0};
        Object[] sink = new Object[1];
        boolean settled = WarmUp.settle(() -> { if (calls[0]++ < 40 * 64) sink[0] = new byte[64]; });
        assertThat(settled).isTrue();
        assertThat(calls[0]).isGreaterThanOrEqualTo(42 * 64); // the 40 allocating rounds, then two clean ones
    }

    @Test
    void compileRunsItsTriggerRoundsThenStopsAtTwoCleanRounds() {
        int[] calls = {0};
        assertThat(WarmUp.compile(() -> calls[0]++)).isTrue();
        assertThat(calls[0]).isIn(16 + 2, 16 + 3); // (a third when the first polled call's linkage allocated)
    }

    @Test
    void compileWaitsForTheKernelInsteadOfCallingItAllTheWhile() {
        // a "kernel" that allocates (boxed) until 150 ms have passed: a millisecond's pause between polled rounds makes at
        // most one round a millisecond, where a busy loop would make thousands
        long until = System.nanoTime() + 150_000_000L;
        int[] calls = {0};
        Object[] sink = new Object[1];
        long start = System.nanoTime();
        boolean compiled = WarmUp.compile(() -> { calls[0]++; if (System.nanoTime() < until) sink[0] = new byte[64]; });
        long took = System.nanoTime() - start;
        assertThat(compiled).isTrue();
        assertThat(took).as("returned once the calls stopped allocating").isGreaterThanOrEqualTo(150_000_000L);
        assertThat(calls[0]).as("calls: 16 straight, then at most one per millisecond waited").isBetween(16 + 2, 16 + 2 + (int) (took / 1_000_000L));
    }

    @Test
    void compileGivesUpAfterTwoSecondsOfAllocatingCalls() {
        Object[] sink = new Object[1];
        long start = System.nanoTime();
        assertThat(WarmUp.compile(() -> sink[0] = new byte[64])).isFalse();
        assertThat(System.nanoTime() - start).isBetween(2_000_000_000L, 5_000_000_000L);
    }

    @Test
    void withoutAllocationCountingItStillCallsAFixedNumberOfTimes() {
        boolean was = THREADS.isThreadAllocatedMemoryEnabled();
        THREADS.setThreadAllocatedMemoryEnabled(false);
        try {
            int[] calls = {0};
            assertThat(WarmUp.settle(() -> calls[0]++)).as("done: nothing more to try").isTrue();
            assertThat(calls[0]).isEqualTo(3_000);
            assertThat(WarmUp.compile(() -> calls[0]++)).isTrue();
            assertThat(calls[0]).isEqualTo(6_000);
        } finally {
            THREADS.setThreadAllocatedMemoryEnabled(was);
        }
    }

    @Test
    void onceCompilesOnceAndStopsTryingAfterTwoFailures() {
        int[] made = {0};
        WarmUp.Once clean = new WarmUp.Once();
        assertThat(clean.ensure(() -> { made[0]++; return () -> { }; })).isTrue();
        assertThat(clean.ensure(() -> { made[0]++; return () -> { }; })).as("done: not made again").isTrue();
        assertThat(made[0]).isOne();
        assertThat(clean.compiled()).isTrue();

        WarmUp.Once broken = new WarmUp.Once();
        broken.failed();
        assertThat(broken.compiled()).isFalse();
        assertThat(broken.ensure(() -> { made[0]++; return () -> { }; })).as("one failure: tried again").isTrue();
        WarmUp.Once givenUp = new WarmUp.Once();
        givenUp.failed();
        givenUp.failed();
        assertThat(givenUp.ensure(() -> { made[0]++; return () -> { }; })).as("two failures: not tried").isFalse();
        assertThat(made[0]).isEqualTo(2);
    }
}
