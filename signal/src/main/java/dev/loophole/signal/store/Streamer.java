package dev.loophole.signal.store;

import dev.loophole.media.AudioFiles;
import dev.loophole.media.MediaException;
import dev.loophole.signal.engine.RenderWorkers;
import dev.loophole.signal.sampler.SampleData;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills voices' {@link StreamSlot}s from disk. Live, a loader thread polls the slots and keeps
 * each ring ahead of its voice; offline, the renderer calls {@link #fillAll()} before each block and
 * waits for it (freewheel), so a render is the same with streaming as without.
 */
public final class Streamer implements AutoCloseable {
    /** A helper fill thread only pays on a second core; asked once, not in every block. */
    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    static final int CHUNK = 4096;

    private final CopyOnWriteArrayList<StreamSlot> slots = new CopyOnWriteArrayList<>();
    private final SampleStore store;
    private final float[][] scratch = {new float[CHUNK], new float[CHUNK]}; // for fillAll (offline, one thread)
    private final AtomicLong failures = new AtomicLong();
    private volatile Thread[] loaders;
    private volatile boolean running;
    private final AtomicReference<StreamSlot> started = new AtomicReference<>(); // enrolled, not yet on filling
    private StreamSlot filling; // fillAll's list of enrolled slots (guarded by this)
    private final OfflineHelper helper = new OfflineHelper();

    public Streamer(SampleStore store) { this.store = store; }

    /** Control side: a slot for one voice. */
    public StreamSlot newSlot() {
        StreamSlot s = new StreamSlot(this);
        slots.add(s);
        return s;
    }

    /** Starts background loaders for live playback, one per core: decoding FLAC for hundreds of voices needs them all. */
    public synchronized void startLoader() {
        startLoaders(Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@code n} loader threads; slot i belongs to thread i mod n, so no slot ever has two writers. */
    public synchronized void startLoaders(int n) {
        if (loaders != null) return;
        running = true;
        Thread[] ts = new Thread[Math.max(1, n)];
        for (int t = 0; t < ts.length; t++) {
            int me = t, of = ts.length;
            float[][] own = {new float[CHUNK], new float[CHUNK]};
            ts[t] = Thread.ofPlatform().daemon().name("loophole-streamer-" + t).priority(Thread.MAX_PRIORITY - 1).start(() -> {
                while (running) {
                    boolean did = false;
                    for (int i = me; i < slots.size(); i += of) did |= fill(slots.get(i), own);
                    if (!did) java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
            });
        }
        loaders = ts;
    }

    /**
     * Fills every active slot as far as its ring allows (offline: called before each block). Only
     * enrolled slots are walked, not every voice's slot: a GM bank makes thousands and streams few.
     */
    public synchronized void fillAll() {
        for (StreamSlot s = started.getAndSet(null), next; s != null; s = next) {
            next = s.nextStarted;
            s.nextStarted = null;
            s.nextFilled = filling;
            filling = s;
        }
        helper.fill(filling);
        StreamSlot prev = null;
        for (StreamSlot s = filling, next; s != null; s = next) {
            next = s.nextFilled;
            if (staysEnrolled(s)) { prev = s; continue; }
            if (prev == null) filling = next; else prev.nextFilled = next;
            s.nextFilled = null;
        }
    }

    /**
     * Offline, the enrolled slots are filled by the render thread and one helper thread together ({@link RenderWorkers}):
     * each slot goes whole to whichever takes it first, so no slot has two writers, and fillAll returns only when every
     * slot is full. What lands in a ring is the file's frames whoever decodes them: renders stay identical. The render
     * thread never waits for a slot the helper has not taken; a late or busy helper just leaves it more to do.
     */
    private final class OfflineHelper {
        private StreamSlot[] work = new StreamSlot[16];
        private final float[][] own = {new float[CHUNK], new float[CHUNK]}; // the helper's; the render thread uses `scratch`
        private RenderWorkers workers;     // made at the first round with two slots, on a second core
        private Thread caller;
        private final RenderWorkers.Task task = i -> fillSlot(work[i], Thread.currentThread() == caller ? scratch : own);

        void fill(StreamSlot list) {
            int n = 0;
            for (StreamSlot s = list; s != null; s = s.nextFilled) {
                if (n == work.length) work = java.util.Arrays.copyOf(work, n * 2);
                work[n++] = s;
            }
            if (n == 0) return;
            if (n > 1 && workers == null && MULTICORE) workers = new RenderWorkers(2, "loophole-stream-fill", 0); // parks at once, as a block's fills are short
            caller = Thread.currentThread();
            if (workers != null) workers.run(task, n);
            else for (int i = 0; i < n; i++) task.run(i);
            java.util.Arrays.fill(work, 0, n, null);
        }

        long filled() { return workers == null ? 0 : workers.helperTasks(); }

        void close() { if (workers != null) workers.close(); }
    }

    private void fillSlot(StreamSlot s, float[][] buffer) {
        while (fill(s, buffer)) { /* until full or at the end */ }
    }

    /**
     * An inactive slot leaves the list. Cleared first, then re-checked: a voice starting it meanwhile
     * either sees the flag clear and enrols it again, or loses the race to us and we keep it.
     */
    private static boolean staysEnrolled(StreamSlot s) {
        if (s.active()) return true;
        s.enrolled.set(false);
        return s.active() && s.enrolled.compareAndSet(false, true);
    }

    /** Audio thread, from {@link StreamSlot#start}: lock-free push; the slot is the node. */
    void enrol(StreamSlot s) {
        StreamSlot head;
        do {
            head = started.get();
            s.nextStarted = head;
        } while (!started.compareAndSet(head, s));
    }

    /** One chunk into one slot; true when it wrote something. */
    private boolean fill(StreamSlot slot, float[][] scratch) {
        if (!slot.active()) return false;
        long seen = slot.generationState();
        SampleData s = slot.sample();
        if (s == null || slot.failed()) return false;
        long w = seen & ((1L << 40) - 1);
        long limit = Math.min(slot.need() - StreamSlot.HISTORY + StreamSlot.RING, s.frames());
        int n = (int) Math.min(CHUNK, limit - w);
        if (n <= 0) return false;
        try {
            if (slot.readerSample != s) {
                if (slot.reader != null) slot.reader.close();
                slot.reader = AudioFiles.open(s.file());
                slot.reader.reportTo(store::report);
                slot.readerSample = s;
            }
            int channels = Math.min(2, s.channelCount());
            int got = slot.reader.read(w, scratch, 0, n);
            if (got <= 0) throw new MediaException(s.file(), "ended at frame " + w + " of " + s.frames());
            if ((slot.generationState()) != seen) return false; // the voice moved on while we read
            float[][] rings = slot.ring();
            for (int c = 0; c < 2; c++) {
                float[] src = scratch[Math.min(c, channels - 1)], ring = rings[c];
                for (int i = 0; i < got; i++) ring[(int) ((w + i) & StreamSlot.MASK)] = src[i];
            }
            return slot.publish(seen, w + got);
        } catch (MediaException | RuntimeException e) {
            store.markOffline(s.file());
            failures.incrementAndGet();
            slot.fail(seen);
            return false;
        }
    }

    /** Slots made (one per voice of a streaming instrument). */
    public int slotCount() { return slots.size(); }

    /** Slots holding a ring: those whose voices have read past their sample's head at least once. */
    public int ringsMade() {
        int n = 0;
        for (StreamSlot s : slots) if (s.hasRing()) n++;
        return n;
    }

    /** Streaming reads that failed (file gone, changed or corrupt). */
    public long failures() { return failures.get(); }

    /**
     * Slot fills the offline helper thread ("loophole-stream-fill-1") did in {@link #fillAll} rounds, the render thread
     * doing the rest: 0 on one core, where there is no helper.
     */
    public long helperFills() { return helper.filled(); }

    /** Underruns counted by all voices (a voice needed frames the loader had not delivered). */
    public long underruns() {
        long n = 0;
        for (StreamSlot s : slots) n += s.underruns();
        return n;
    }

    @Override
    public void close() {
        running = false;
        helper.close();
        Thread[] ts = loaders;
        if (ts != null) for (Thread t : ts) {
            t.interrupt();
            try { t.join(1000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        for (StreamSlot s : slots) if (s.reader != null) { s.reader.close(); s.reader = null; s.readerSample = null; }
    }
}
