package dev.loophole.pulse.server;

import dev.loophole.ipc.Ack;
import dev.loophole.ipc.ProjectNotification.RenderOutcome;
import dev.loophole.ipc.ProjectNotification.RenderProgress;
import dev.loophole.ipc.ProjectNotification.Rendered;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RpcError;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.engine.ProjectEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code project.render} as a job: the request takes the project as it is (an immutable snapshot,
 * on the Pulse thread) and answers at once; the render runs on a thread of its own, one job at a
 * time, so edits and every other request keep being answered. The file is written next to its
 * target as a part file and moved onto it when complete: a cancelled or failed job leaves nothing.
 */
final class RenderJobs {
    /** Progress notifications are at most this often (a render can run hundreds of blocks a millisecond). */
    static final long PROGRESS_EVERY_NANOS = 250_000_000L;
    /** How long a stopping server waits for its render jobs to leave (a block takes milliseconds). */
    static final long STOP_WAIT_MILLIS = 1_000;
    /** Why a stopping server cancels its jobs and refuses new ones. */
    static final String STOPPING = "the server is stopping";

    private final Supplier<Workspace> workspace;
    private final Dispatcher out;
    private final UnaryOperator<Project> view;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "render");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1); // the Pulse thread answers first
        return t;
    });
    private int next;
    /** Threads a job renders on: {@link #threadsBeside}. */
    private final int threads;

    /**
     * A render job's threads: the command line's default ({@link dev.loophole.signal.engine.RenderWorkers#defaultThreads}),
     * but with live sound one core is left to the audio thread — a helper spinning for a render's next round must not
     * take the core a device's callback needs (on two cores: one thread).
     */
    static int threadsBeside(boolean liveSound, int cores) {
        int threads = dev.loophole.signal.engine.RenderWorkers.defaultThreads(cores);
        return liveSound ? Math.max(1, Math.min(threads, cores - 1)) : threads;
    }

    private static final class Job {
        final int n; // the n-th job this server started
        final String id;
        final Client from;
        final Path part;
        volatile boolean cancelled;
        /** Set once, by whoever ends the job: the job thread (done, failed, cancelled) or a stopping server. */
        private final AtomicBoolean ended = new AtomicBoolean();

        Job(int n, Client from, Path part) {
            this.n = n;
            this.id = "render-" + n;
            this.from = from;
            this.part = part;
        }

        /** Claims the job's end: true once (its one project.rendered is then the caller's to send). */
        boolean end() {
            return ended.compareAndSet(false, true);
        }

        /** @param why why the server cancelled it (it is stopping), or null (its client did) */
        Rendered cancelledNote(String why) {
            return new Rendered(id, RenderOutcome.CANCELLED, null, null, null, null, why);
        }
    }

    /** Thrown from the progress callback to stop the render loop at a block boundary. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** @param liveSound whether the server plays through a device: its audio thread keeps a core of its own */
    RenderJobs(Supplier<Workspace> workspace, Dispatcher out, UnaryOperator<Project> view, boolean liveSound) {
        this.threads = threadsBeside(liveSound, Runtime.getRuntime().availableProcessors());
        this.workspace = workspace;
        this.out = out;
        this.view = view;
    }

    void register(HandlerTable t) {
        t.on(ProjectRequest.Render.class, this::start);
        t.on(ProjectRequest.CancelRender.class, (p, c) -> {
            Job j = jobs.get(p.jobId());
            if (j == null) throw RpcError.notFound("no render job '" + p.jobId() + "' is running");
            j.cancelled = true;
            return new Ack(workspace.get().pulse().revision());
        });
    }

    /** Pulse thread: checks what can be checked now (nothing started on bad input), then queues the job. */
    private ProjectRequest.RenderStarted start(ProjectRequest.Render p, Client from) {
        if (runner.isShutdown()) throw RpcError.rejected(STOPPING); // shut down first thing by stop(): no job starts after it
        Project project = view.apply(workspace.get().pulse().snapshot().project());
        int rate = p.sampleRate() == null ? project.sampleRate() : p.sampleRate();
        Path file = Path.of(p.path()).toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw RpcError.rejected(file + ": its folder does not exist");
        if (Files.isDirectory(file)) throw RpcError.rejected(file + ": is a folder, not a file to write");
        int n = ++next;
        Job job = new Job(n, from, dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-render-" + n + ".part"));
        jobs.put(job.id, job);
        ProjectEngine.Settings settings = ProjectEngine.Settings.offline(rate, p.seed() == null ? ProjectEngine.Settings.DEFAULT_SEED : p.seed());
        try {
            runner.execute(() -> run(job, project, settings, p.seconds(), file));
        } catch (RejectedExecutionException e) { // a stop began since the check above: refused as after it
            jobs.remove(job.id);
            throw RpcError.rejected(STOPPING);
        }
        return new ProjectRequest.RenderStarted(job.id);
    }

    /** The job's thread: renders, then sends its one project.rendered unless a stopping server claimed its end. */
    private void run(Job job, Project project, ProjectEngine.Settings settings, Double seconds, Path file) {
        Client from = job.from;
        Rendered end;
        try {
            end = render(job, project, settings, seconds, file);
        } catch (Cancelled c) {
            end = job.end() ? job.cancelledNote(null) : null;
        } catch (RuntimeException | IOException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            end = job.end() ? new Rendered(job.id, RenderOutcome.FAILED, null, null, null, null, file + ": " + why) : null;
        } finally {
            jobs.remove(job.id);
        }
        if (end == null || end.outcome() != RenderOutcome.DONE) deleteQuietly(job.part);
        Rendered last = end;
        if (last != null) out.run(() -> from.notify(last)); // null: a stopping server has said it already
    }

    /**
     * The render itself, as {@code loophole render PROJECT} does it with its defaults (24-bit PCM, sinc64, seed 0,
     * sends on), so the two write the same bytes. {@code seconds} null: until every voice is silent after the last
     * event, as the command line; else exactly that long from the start.
     */
    private Rendered render(Job job, Project project, ProjectEngine.Settings settings, Double seconds, Path file) throws IOException {
        if (job.cancelled) throw new Cancelled(); // cancelled while queued behind another job
        Path part = job.part;
        Client from = job.from;
        int rate = settings.rate();
        long frames = seconds == null ? Long.MAX_VALUE : Math.round(seconds * rate);
        long[] written = {0};
        float[] peak = {0};
        long[] lastProgress = {System.nanoTime()};
        try (ProjectEngine engine = new ProjectEngine(project, settings, w -> { })) {
            engine.threads(threads); // any number gives the same bytes
            if (job.cancelled) throw new Cancelled(); // while the instruments loaded (a stop cannot reach into that): nothing written
            // A fixed length needs the render to reach it whatever the last event: its tail covers the whole length.
            double tail = seconds == null ? -1 : seconds;
            long expected = seconds == null ? -1 : frames;
            try (WavWriter wav = WavWriter.open(part, SampleFormat.PCM_24, 2, rate, SampleMetadata.NONE)) {
                engine.render(false, tail, (pairs, n) -> {
                    int take = (int) Math.min(n, frames - written[0]);
                    if (take <= 0) return;
                    try {
                        wav.write(pairs, 0, take);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    for (float[] ch : pairs) for (int i = 0; i < take; i++) peak[0] = Math.max(peak[0], Math.abs(ch[i]));
                    written[0] += take;
                }, (done, total) -> {
                    if (job.cancelled) throw new Cancelled();
                    if (written[0] >= frames) throw new Done();
                    long now = System.nanoTime();
                    if (now - lastProgress[0] < PROGRESS_EVERY_NANOS) return;
                    lastProgress[0] = now;
                    RenderProgress pr = new RenderProgress(job.id, Math.min(done, frames), expected >= 0 ? expected : total);
                    out.run(() -> from.notify(pr));
                });
            } catch (Done d) {
                // The fixed length is written: the rest of the tail is not needed.
            }
        }
        if (job.cancelled || !job.end()) throw new Cancelled(); // the end claimed first: a stop racing it finds it done
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Rendered(job.id, RenderOutcome.DONE, file.toString(), written[0], rate,
                peak[0] > 0 ? Math.max(-1000, 20 * Math.log10(peak[0])) : -1000, null);
    }

    /** Thrown from the progress callback once a fixed-length render has all its frames. */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The folder went away or turned read-only: nothing more to do.
        }
    }

    /** Jobs running or queued (for tests and close). */
    int running() {
        return jobs.size();
    }

    /**
     * The server is stopping: no job starts from now on ({@link #STOPPING}); every job is cancelled and its client
     * told so at once ({@code project.rendered}, cancelled, with {@link #STOPPING}), while the sockets are still open;
     * then the jobs get up to {@link #STOP_WAIT_MILLIS} to leave. A render stops at its next block, in milliseconds. One still
     * loading its instruments cannot be stopped inside that load: it is left to the end of the process (a daemon
     * thread that writes nothing once cancelled), and the part file of every job this stop ended is removed here, so no
     * half-written file stays behind. A job that ended itself first (done and moving its file onto the target, or
     * already cancelled by its client) is its own thread's to finish and report.
     *
     * @return the ids of the jobs this stop ended, in start order
     */
    List<String> stop() throws InterruptedException {
        runner.shutdown(); // nothing is queued from here on: a start racing this is refused
        List<Job> ended = new ArrayList<>();
        for (Job j : jobs.values()) {
            boolean byClient = j.cancelled;
            j.cancelled = true;
            if (byClient || !j.end()) continue; // its thread claimed the end (or will, for its client's cancel)
            ended.add(j);
            Rendered note = j.cancelledNote(STOPPING);
            out.run(() -> j.from.notify(note));
        }
        if (!runner.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            for (Job j : ended) deleteQuietly(j.part);
            for (Job j : jobs.values()) { // cancelled by its client but stuck in a load: told now, as its thread would
                if (!j.end()) continue;
                deleteQuietly(j.part);
                Rendered note = j.cancelledNote(null);
                out.run(() -> j.from.notify(note));
            }
        }
        ended.sort(java.util.Comparator.comparingInt(j -> j.n));
        return ended.stream().map(j -> j.id).toList();
    }
}
