package dev.loophole.pulse.engine;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.Affected;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.engine.RenderWorkers;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.store.Streamer;
import dev.loophole.signal.timeline.Playhead;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A project made audible: its graph compiled for Signal ({@link ProjectGraph}), its clips scheduled
 * ({@link Schedule}) and played by a {@link Transport} — one object for live play (hand
 * {@link #callback()} to a driver) and offline render ({@link #render}). Attached to a {@link Pulse},
 * each change recompiles only what it touched: a node's patch when its state changed, the graph on
 * graph, lane and parameter changes, the schedule on clip and tempo changes.
 */
public final class ProjectEngine implements AutoCloseable {
    /**
     * @param sends         feed samplers' effect sends (SFZ effect1/2, SoundFont CC91/93) to a reverb and a chorus per track
     * @param preloadFrames sample frames decoded up front; the rest streams
     * @param voices        what runs the samplers' voices: {@link VoiceThread#AUDIO} for live play (everything a note may
     *                      need made before the first block), {@link VoiceThread#OFFLINE} for a render (made at first use)
     */
    public record Settings(int rate, int maxBlock, int polyphony, long seed, int quality, int preloadFrames, boolean sends, long memoryBudget,
                           VoiceThread voices) {
        /** Voices per instrument and the seed when the user names none: a render's, live play's and the server's. */
        public static final int DEFAULT_POLYPHONY = 256;
        public static final long DEFAULT_SEED = 0;
        /** Decoded sample bytes a project's store keeps before forgetting the least recently used. */
        public static final long MEMORY_BUDGET = 1L << 30;

        /** The block an offline render runs: its output depends on it (−120 dB RMS between 256 and 1,024 frames). */
        public static final int RENDER_BLOCK = 256;

        /** An offline render with the defaults (the server's render jobs): the default voices, sinc64, the usual preload. */
        public static Settings offline(int rate, long seed) {
            return offline(rate, DEFAULT_POLYPHONY, seed, Interpolation.SINC_64, PatchCompiler.PRELOAD_FRAMES);
        }

        /**
         * An offline render of a project — the one place that decides it, for {@code loophole render PROJECT} and the
         * server's render jobs: {@link #RENDER_BLOCK}, sends on, voices on a render thread (made at first use).
         */
        public static Settings offline(int rate, int polyphony, long seed, int quality, int preloadFrames) {
            return new Settings(rate, RENDER_BLOCK, polyphony, seed, quality, preloadFrames, true, MEMORY_BUDGET, VoiceThread.OFFLINE);
        }

        /** Live play of a project as the server plays it: the default voices and seed ({@link #live(int, int, long)}). */
        public static Settings live(int rate) {
            return live(rate, DEFAULT_POLYPHONY, DEFAULT_SEED);
        }

        /**
         * Live play of a project through a driver at {@code rate} — the one place that decides it, for the server's
         * live engine and {@code loophole play PROJECT}: the largest block a driver hands over, cubic, sends on, voices
         * on an audio thread (everything a note may need made before the first block).
         */
        public static Settings live(int rate, int polyphony, long seed) {
            return new Settings(rate, AudioConfig.MAX_BLOCK, polyphony, seed, Interpolation.CUBIC, PatchCompiler.PRELOAD_FRAMES, true,
                    MEMORY_BUDGET, VoiceThread.AUDIO);
        }
    }

    private final Settings settings;
    private final Streamer streamer;
    private final SampleStore store;
    private final NodeInstruments instruments;
    private final ProjectGraph graph;
    private final GraphRuntime runtime;
    private final Transport transport;
    private final AudioLanes audioLanes;
    private final Consumer<String> warn;
    private volatile Ports ports;
    private volatile NodeParameters parameters = NodeParameters.NONE;
    private Project project;
    private RenderWorkers workers;
    private boolean tapping;
    private List<ProjectGraph.Tap> taps = List.of();

    public ProjectEngine(Project project, Settings settings, Consumer<String> warn) {
        this.settings = settings;
        this.warn = warn;
        this.store = new SampleStore(settings.memoryBudget(), true);
        this.streamer = new Streamer(store);
        Samples samples = new Samples(store);
        PatchCompiler compiler = new PatchCompiler(samples, settings.rate(), settings.preloadFrames());
        this.instruments = new NodeInstruments(compiler,
                new NodeInstruments.Settings(settings.rate(), settings.polyphony(), settings.seed(), settings.quality(), settings.voices()), streamer);
        Playhead playhead = new Playhead();
        this.audioLanes = new AudioLanes(samples, streamer, playhead,
                new AudioLanes.Settings(settings.rate(), settings.quality(), settings.preloadFrames()));
        this.graph = new ProjectGraph(instruments, audioLanes, settings.sends());
        this.runtime = new GraphRuntime(settings.rate(), settings.maxBlock());
        // A render's instrument nodes render their blocks apart and are summed in node order, so that any number of
        // threads (see threads) gives the same bits; live play renders straight into the graph on its one thread.
        if (settings.voices() == VoiceThread.OFFLINE) runtime.offline(null);
        this.transport = new Transport(runtime, playhead);
        update(project, null);
    }

    /**
     * Control side, before {@link #render}: threads that render the instrument nodes of a block side by side, this one
     * included (1: this thread alone). The output is the same bits for any number. Offline engines only
     * ({@link VoiceThread#OFFLINE}); a live engine's audio thread renders alone.
     */
    public ProjectEngine threads(int threads) {
        if (settings.voices() != VoiceThread.OFFLINE) throw new IllegalStateException("threads are for an offline render; live play renders on its audio thread");
        if (threads < 1) throw new IllegalArgumentException("threads " + threads + ": expected 1 or more");
        if (workers != null) workers.close();
        workers = threads > 1 ? RenderWorkers.forRender(threads) : null;
        runtime.offline(workers);
        return this;
    }

    /** Tasks the helper threads rendered so far (0 on one thread). */
    public long helperTasks() { return workers == null ? 0 : workers.helperTasks(); }

    /** What this engine was built with. */
    public Settings settings() { return settings; }

    /** The instruments behind the nodes (for an ad-hoc project's overrides, set them before the first {@link #update}). */
    public NodeInstruments instruments() { return instruments; }

    public Transport transport() { return transport; }

    /** What a live driver runs: the transport in front of the graph. */
    public Transport callback() { return transport; }

    public GraphRuntime runtime() { return runtime; }

    public Streamer streamer() { return streamer; }

    /** The lanes' input ports: where live MIDI or an audition enters ({@link Ports#lane}, {@link Ports#direct}). */
    public Ports ports() { return ports; }

    public Project project() { return project; }

    /** Follows every change {@code pulse} makes from now on. */
    public void attach(Pulse pulse) { pulse.addRecompileListener(this::update); }

    /**
     * Control side: brings the engine to {@code p}. {@code affected} null means "everything" (the
     * first compile, a reload). Parameter-only and graph changes republish the graph (kept nodes
     * keep their state); clip and tempo changes rebuild the schedule.
     */
    public synchronized void update(Project p, Affected affected) {
        this.project = p;
        boolean graphToo = affected == null || affected.scopes().stream().anyMatch(s -> s != Affected.Scope.CLIPS && s != Affected.Scope.TEMPO
                && s != Affected.Scope.PROJECT);
        boolean clips = affected == null || graphToo || affected.has(Affected.Scope.CLIPS) || affected.has(Affected.Scope.TEMPO);
        if (graphToo) {
            ProjectGraph.Compiled c = graph.compile(p, tapping);
            c.warnings().forEach(warn);
            runtime.publish(c.spec());
            // A value edit that moves no port and no parameter's place keeps the schedule: its notes play on.
            if (affected != null && affected.scopes().equals(Set.of(Affected.Scope.PARAMETER))
                    && c.ports().equals(ports) && c.parameters().equals(parameters)) clips = false;
            ports = c.ports();
            parameters = c.parameters();
            taps = c.taps();
        }
        if (clips) {
            audioLanes.update(p, warn);
            transport.schedule(Schedule.of(p, ports, parameters, settings.rate()));
        }
    }

    /**
     * Control side: with {@code on}, every instrument node's every output also comes out alone on a stereo pair of
     * its own, after the tracks' pairs (a render then gives one pair per track, then one per tap) — how a user
     * checks a multi-out kit's outputs. The mix stays as it was. Returns the taps in pair order.
     */
    public synchronized List<ProjectGraph.Tap> tapOutputs(boolean on) {
        if (on != tapping) {
            tapping = on;
            update(project, null);
        }
        return taps;
    }

    /** Stereo pairs a render gives: one per track then one per tap while tapping, one per track with stems, else one. */
    public int renderPairs(boolean stems) {
        int tracks = Math.max(1, project.tracks().size());
        return tapping ? tracks + taps.size() : stems ? tracks : 1;
    }
    /** The players of the project's audio lanes. */
    public AudioLanes audioLanes() { return audioLanes; }

    /** What an offline render did. */
    public record Result(long frames, float peak, int maxVoices, double wallSeconds, long dropped) {
        public double peakDbfs() { return peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY; }
    }

    /** Receives rendered blocks: {@link #renderPairs} stereo pairs, {@code frames} long. */
    public interface Sink { void write(float[][] pairs, int frames); }

    /**
     * Renders the project from its start, as fast as it can, waiting for disk streaming before each
     * block (so the result is the same as with every sample in memory). {@code stems}: one stereo
     * pair per track instead of the mix (and the taps after them, see {@link #tapOutputs}). {@code tailSeconds} ≥ 0 renders that long after the last
     * event; negative renders until every voice is silent (at most {@link OfflineRenderer#MAX_AUTO_TAIL_SECONDS}).
     */
    public Result render(boolean stems, double tailSeconds, Sink sink, OfflineRenderer.Progress progress) {
        return render(0, stems, tailSeconds, sink, progress);
    }

    /**
     * As {@link #render(boolean, double, Sink, OfflineRenderer.Progress)}, from frame {@code fromFrame}:
     * the transport locates there and chases every controller and automated parameter to its value
     * at that point before the first block, so the stretch after it sounds as in a render from the
     * start (once notes that began earlier have ended).
     */
    public Result render(long fromFrame, boolean stems, double tailSeconds, Sink sink, OfflineRenderer.Progress progress) {
        int block = settings.maxBlock();
        int pairs = renderPairs(stems);
        EventBuffer none = new EventBuffer(1);
        runtime.silence(); // what an earlier render left sounding (it may end, without a tail, mid-note) must not play into this one
        transport.locate(fromFrame);
        transport.play();
        audioLanes.cue(fromFrame); // this thread runs the blocks: give the first clips their streams before the first fill
        var r = OfflineRenderer.loop(new float[2 * pairs][block], block, settings.rate(), Math.max(0, scheduleEnd() - fromFrame), tailSeconds, runtime::activeVoices,
                (pos, out, n) -> {
                    streamer.fillAll();
                    transport.process(out, n, none);
                }, sink::write, progress);
        transport.stop();
        return new Result(r.frames(), r.peak(), r.maxVoices(), r.wallSeconds(), transport.dropped());
    }

    private long scheduleEnd() { return Math.max(Schedule.of(project, ports, parameters, settings.rate()).endFrame(), audioLanes.endFrame()); }

    /** Frame one past the project's last event, at the engine's rate. */
    public long endFrame() { return scheduleEnd(); }

    @Override
    public void close() {
        streamer.close();
        if (workers != null) workers.close();
    }

    /** Names of the tracks, in output order (stems are written in this order). */
    public List<String> trackNames() { return project.tracks().stream().map(t -> t.name().isEmpty() ? t.trackId() : t.name()).toList(); }

    /** Damaged audio the project's samples showed so far (cut short, not audio, unusable), by file: for a render to report. */
    public List<dev.loophole.media.AudioProblem> damage() { return store.problems(); }
}
