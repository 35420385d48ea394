package dev.loophole.signal.engine;

/**
 * One routing's renderers that defer their blocks ({@link DeferredRender}), as one round of tasks per block: every
 * part of every renderer that has a block to render, handed to {@link RenderWorkers} costliest first. A
 * {@link ProgramBank}'s programs are parts beside the other renderers', so nothing shares inside a shared task.
 * Made on the control side with its routing; a round allocates nothing.
 */
final class PartRound {
    private final DeferredRender[] owner;  // per slot: the renderer it is a part of
    private final int[] part;              // per slot: which part
    private final int[] tasks;             // this round's slots, in the order they are handed out
    private final boolean[] taken;         // per slot: its renderer handed its parts over this block
    private final CostOrder order;
    private final RenderWorkers.Task render = this::renderSlot, task = this::task;

    PartRound(Instrument[] renderers) {
        int slots = 0;
        for (Instrument i : renderers) if (i instanceof DeferredRender d) slots += d.parts();
        owner = new DeferredRender[slots];
        part = new int[slots];
        tasks = new int[slots];
        taken = new boolean[slots];
        order = new CostOrder(slots);
        int s = 0;
        for (Instrument i : renderers)
            if (i instanceof DeferredRender d)
                for (int p = 0; p < d.parts(); p++) { owner[s] = d; part[s++] = p; }
    }

    /** Render thread, after the block's last render and before the renderers' endBlock: every part taken, rendered on {@code workers}. */
    void run(RenderWorkers workers) {
        if (owner.length == 0) return;
        for (int s = 0; s < owner.length; ) {
            boolean take = owner[s].takeParts();
            for (int p = owner[s].parts(); p > 0; p--) taken[s++] = take;
        }
        order.sort();
        int n = 0;
        for (int i = 0; i < owner.length; i++) {
            int s = order.at(i);
            if (taken[s]) tasks[n++] = s;
        }
        workers.run(task, n);
    }

    private void task(int i) { order.timed(tasks[i], render); }

    private void renderSlot(int s) { owner[s].renderPart(part[s]); }
}
