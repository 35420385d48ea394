package dev.loophole.signal.engine;

/**
 * The order a round's tasks are handed out in: the costliest first by what each took last time, so the heavy
 * ones start first and the light ones fill in (the threads finish closer together). Only the load balance
 * depends on the clock; what a task writes does not. Preallocated; render thread for {@link #sort}, any
 * thread for {@link #timed} (each task writes its own slot).
 */
public final class CostOrder {
    private final int[] order;
    private final long[] cost;

    public CostOrder(int tasks) {
        order = new int[tasks];
        cost = new long[tasks];
        for (int i = 0; i < tasks; i++) order[i] = i;
    }

    /** Insertion sort by cost, descending: nearly sorted already from round to round. */
    public void sort() {
        for (int i = 1; i < order.length; i++) {
            int p = order[i], j = i - 1;
            while (j >= 0 && cost[order[j]] < cost[p]) { order[j + 1] = order[j]; j--; }
            order[j + 1] = p;
        }
    }

    /** The task that goes {@code i}-th. */
    public int at(int i) { return order[i]; }

    /** Runs task {@code t} through {@code run} and keeps how long it took. */
    public void timed(int t, RenderWorkers.Task run) {
        long t0 = System.nanoTime();
        run.run(t);
        cost[t] = System.nanoTime() - t0;
    }
}
