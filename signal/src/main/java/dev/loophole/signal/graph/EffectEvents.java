package dev.loophole.signal.graph;

/**
 * One block's parameter changes for effect units, in offset order: which unit (its index in the
 * running graph), which parameter, the frame, the value, and whether it jumps (a transport's
 * chase) or glides. Preallocated; the audio thread fills and reads it without allocating.
 */
final class EffectEvents {
    final int[] effect, index, offset;
    final double[] value;
    final boolean[] jump;
    int size;

    EffectEvents(int capacity) {
        effect = new int[capacity]; index = new int[capacity]; offset = new int[capacity];
        value = new double[capacity]; jump = new boolean[capacity];
    }

    void clear() { size = 0; }

    /** Returns false (and drops it) when the block is full. */
    boolean add(int effect, int index, int offset, double value, boolean jump) {
        if (size == this.effect.length) return false;
        this.effect[size] = effect; this.index[size] = index; this.offset[size] = offset; this.value[size] = value; this.jump[size] = jump;
        size++;
        return true;
    }
}
