package dev.loophole.signal.engine;

/**
 * The MIDI events of one block, each at a frame offset inside it, in time order. Preallocated
 * arrays: filling and reading it allocates nothing.
 */
public final class EventBuffer {
    private final int[] offset, status, data1, data2, port;
    private int size;

    public EventBuffer(int capacity) {
        offset = new int[capacity]; port = new int[capacity]; status = new int[capacity]; data1 = new int[capacity]; data2 = new int[capacity];
    }

    /** Adds an event on port 0; returns false (and drops it) when the block is full. Offsets must not decrease. */
    public boolean add(int frameOffset, int status, int data1, int data2) { return add(0, frameOffset, status, data1, data2); }

    /**
     * Adds an event for input port {@code port} (a lane of a node graph; 0 for a plain engine);
     * returns false (and drops it) when the block is full. Offsets must not decrease.
     */
    public boolean add(int port, int frameOffset, int status, int data1, int data2) {
        if (size == offset.length) return false;
        if (size > 0 && frameOffset < offset[size - 1]) throw new IllegalArgumentException("events out of order");
        this.port[size] = port;
        offset[size] = frameOffset; this.status[size] = status; this.data1[size] = data1; this.data2[size] = data2;
        size++;
        return true;
    }

    public void clear() { size = 0; }

    public int size() { return size; }

    public int capacity() { return offset.length; }

    public int offset(int i) { return offset[i]; }

    public int port(int i) { return port[i]; }

    public int status(int i) { return status[i]; }

    public int data1(int i) { return data1[i]; }

    public int data2(int i) { return data2[i]; }
}
