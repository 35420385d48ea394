package dev.loophole.signal.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free single-producer/single-consumer ring of channel MIDI messages, each with the stream
 * frame it is due on. One control thread offers, the audio thread peeks and takes. Everything is
 * preallocated: messages are packed ints, not objects, so neither side allocates.
 *
 * <p>Ordering is the producer's: the consumer only looks at the head, so a producer that wants
 * sample-accurate timing offers in non-decreasing due order (a live input uses due 0: "now").
 */
public final class MidiRing {
    /** Due frame meaning "as soon as possible": lands at offset 0 of the next block. */
    public static final long NOW = 0;

    private static final VarHandle HEAD, TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(MidiRing.class, "head", long.class);
            TAIL = l.findVarHandle(MidiRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] due;
    private final int[] message;
    private final int mask;

    // head: next slot to read (written by the consumer); tail: next slot to write (by the producer).
    // Padding keeps them off one cache line so the two threads do not fight over it.
    @SuppressWarnings("unused") private long p0, p1, p2, p3, p4, p5, p6;
    private volatile long head;
    @SuppressWarnings("unused") private long q0, q1, q2, q3, q4, q5, q6;
    private volatile long tail;
    @SuppressWarnings("unused") private long r0, r1, r2, r3, r4, r5, r6;

    // Each side's cached view of the other's index: re-read only when the cache says full/empty.
    private long producerHeadCache;
    private long consumerTailCache;

    /** {@code capacity} is rounded up to a power of two. */
    public MidiRing(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) throw new IllegalArgumentException("capacity " + capacity + " is outside 1..2^24");
        int n = Integer.highestOneBit(capacity);
        if (n < capacity) n <<= 1;
        due = new long[n];
        message = new int[n];
        mask = n - 1;
    }

    public int capacity() { return mask + 1; }

    /** Messages waiting; exact only when neither side is moving. */
    public int size() { return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this)); }

    public boolean isEmpty() { return size() == 0; }

    /** Producer: appends a message for port 0; false (nothing written) when the ring is full. */
    public boolean offer(long dueFrame, int status, int data1, int data2) { return offer(0, dueFrame, status, data1, data2); }

    /** Producer: appends a message for input port {@code port} (0..255, a graph's lane); false when the ring is full. */
    public boolean offer(int port, long dueFrame, int status, int data1, int data2) {
        long t = (long) TAIL.getOpaque(this);
        if (t - producerHeadCache > mask) {
            producerHeadCache = (long) HEAD.getAcquire(this);
            if (t - producerHeadCache > mask) return false;
        }
        int i = (int) t & mask;
        due[i] = dueFrame;
        message[i] = pack(status, data1, data2) | (port & 0xFF) << 24;
        TAIL.setRelease(this, t + 1); // publishes the slot's contents
        return true;
    }

    /** Consumer: the due frame of the oldest message, or {@link Long#MAX_VALUE} when empty. */
    public long peekDue() {
        long h = (long) HEAD.getOpaque(this);
        if (h == consumerTailCache) {
            consumerTailCache = (long) TAIL.getAcquire(this);
            if (h == consumerTailCache) return Long.MAX_VALUE;
        }
        return due[(int) h & mask];
    }

    /** Consumer: the oldest message packed as status | data1 << 8 | data2 << 16 | port << 24; call after {@link #peekDue} saw one. */
    public int peekMessage() {
        return message[(int) (long) HEAD.getOpaque(this) & mask];
    }

    /** Consumer: drops the oldest message (after a {@link #peekDue} that saw one). */
    public void advance() {
        long h = (long) HEAD.getOpaque(this);
        if (h == consumerTailCache && h == (consumerTailCache = (long) TAIL.getAcquire(this)))
            throw new IllegalStateException("advance on an empty ring");
        HEAD.setRelease(this, h + 1); // frees the slot for the producer
    }

    public static int pack(int status, int data1, int data2) {
        return (status & 0xFF) | (data1 & 0x7F) << 8 | (data2 & 0x7F) << 16;
    }

    public static int status(int packed) { return packed & 0xFF; }

    public static int data1(int packed) { return packed >>> 8 & 0x7F; }

    public static int data2(int packed) { return packed >>> 16 & 0x7F; }

    public static int port(int packed) { return packed >>> 24; }
}
