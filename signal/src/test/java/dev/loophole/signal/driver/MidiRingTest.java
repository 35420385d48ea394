package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MidiRingTest {

    @Test
    void messagesComeOutInTheOrderTheyWentIn() {
        MidiRing r = new MidiRing(8);
        for (int i = 0; i < 5; i++) assertThat(r.offer(100 + i, 0x90, 60 + i, 100 - i)).isTrue();
        assertThat(r.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(r.peekDue()).isEqualTo(100 + i);
            int m = r.peekMessage();
            assertThat(new int[] {MidiRing.status(m), MidiRing.data1(m), MidiRing.data2(m)}).containsExactly(0x90, 60 + i, 100 - i);
            r.advance();
        }
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void aFullRingRefusesAndAnEmptyOneSaysSo() {
        MidiRing r = new MidiRing(5);
        assertThat(r.capacity()).isEqualTo(8); // rounded up to a power of two
        assertThat(r.peekDue()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(r::advance).isInstanceOf(IllegalStateException.class);
        for (int i = 0; i < 8; i++) assertThat(r.offer(i, 0x80, i, 0)).isTrue();
        assertThat(r.offer(99, 0x80, 1, 0)).as("full").isFalse();
        r.advance();
        assertThat(r.offer(8, 0x80, 8, 0)).as("room again after one was taken").isTrue();
        for (int i = 1; i <= 8; i++) { assertThat(r.peekDue()).isEqualTo(i); r.advance(); }
        assertThat(r.peekDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void packingKeepsSevenBitDataAndTheWholeStatus() {
        int m = MidiRing.pack(0xEF, 127, 0);
        assertThat(MidiRing.status(m)).isEqualTo(0xEF);
        assertThat(MidiRing.data1(m)).isEqualTo(127);
        assertThat(MidiRing.data2(m)).isZero();
    }

    /** A seeded producer and a consumer on two threads: every message arrives once, in order, intact. */
    @Test
    void twoThreadStressLosesAndReordersNothing() throws Exception {
        MidiRing r = new MidiRing(64); // small, so both the full and the empty paths are hammered
        int total = 500_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            Random rnd = new Random(42);
            for (int i = 0; i < total; ) {
                int status = 0x80 + rnd.nextInt(0x70), d1 = rnd.nextInt(128), d2 = rnd.nextInt(128);
                while (!r.offer(i, status, d1, d2)) Thread.onSpinWait();
                i++;
            }
        });
        producer.start();
        Random expect = new Random(42);
        try {
            for (int i = 0; i < total; i++) {
                long d;
                while ((d = r.peekDue()) == Long.MAX_VALUE) Thread.onSpinWait();
                int m = r.peekMessage();
                int status = 0x80 + expect.nextInt(0x70), d1 = expect.nextInt(128), d2 = expect.nextInt(128);
                if (d != i || m != MidiRing.pack(status, d1, d2)) throw new AssertionError("message " + i + " arrived as due " + d + ", " + Integer.toHexString(m));
                r.advance();
            }
        } catch (Throwable t) {
            failure.set(t);
        }
        producer.join(10_000);
        assertThat(failure.get()).isNull();
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void offerAndPollAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MidiRing r = new MidiRing(256);
        long sum = 0;
        for (int i = 0; i < 50; i++) sum += churn(r, 20_000); // warm-up: JIT-compiled as a method, not on-stack-replaced
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) sum += churn(r, 20_000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 400,000 offers and polls").isZero();
        assertThat(sum).isNotZero();
    }

    /** Producer and consumer on one thread: offers, and drains every fourth message. */
    private static long churn(MidiRing r, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            r.offer(i, 0x90, i & 0x7F, 64);
            if ((i & 3) == 3) {
                while (r.peekDue() != Long.MAX_VALUE) { sum += r.peekMessage(); r.advance(); }
            }
        }
        return sum;
    }
}
