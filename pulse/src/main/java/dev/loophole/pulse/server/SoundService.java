package dev.loophole.pulse.server;

import dev.loophole.ipc.Ack;
import dev.loophole.ipc.AuditionRequest;
import dev.loophole.ipc.ProjectNotification.TransportState;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SignalNotification;
import dev.loophole.ipc.TransportRequest;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.RecompileListener;
import dev.loophole.pulse.command.ProjectCommand;
import dev.loophole.pulse.engine.Ports;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.MidiRing;
import dev.loophole.signal.engine.EventBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sound: the live engine (Pulse's {@link ProjectEngine}, following every change through its
 * recompile listener) behind the audio driver, the transport and auditions. Without a device the
 * transport keeps its state; auditions are refused (offline render is {@link RenderJobs}).
 */
final class SoundService implements AutoCloseable {
    private final Supplier<Workspace> workspace;
    private final Dispatcher out;
    private final AudioDriver driver;
    /** The project as the engine plays it: library samples where they are now, unplayable regions left out. */
    private final UnaryOperator<Project> view;
    private final int rate;
    private final MidiRing ring;
    private volatile ProjectEngine live;
    private final Callback callback = new Callback();
    private volatile float peakLeft, peakRight;
    /** Blocks rendered so far, and each recent block's peak (a ring written by the audio thread): how fast an edit is heard. */
    private volatile long blocks;
    private final float[] blockPeaks = new float[1 << 14];
    private Pulse followed;
    private RecompileListener follow;
    private boolean playing;
    private final Map<String, int[]> held = new HashMap<>();
    private int auditions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audition-timer");
        t.setDaemon(true);
        return t;
    });

    /** What the driver runs: the live engine of the open project (swapped when another opens). */
    private final class Callback implements dev.loophole.signal.driver.AudioCallback {
        @Override
        public void process(float[][] o, int frames, EventBuffer events) {
            ProjectEngine e = live;
            if (e != null) e.callback().process(o, frames, events);
            else for (float[] ch : o) java.util.Arrays.fill(ch, 0, frames, 0f);
            // Peaks for the level summaries: plain float fields, no allocation on the audio thread.
            float l = peakLeft, r = peakRight;
            for (int i = 0; i < frames; i++) {
                l = Math.max(l, Math.abs(o[0][i]));
                if (o.length > 1) r = Math.max(r, Math.abs(o[1][i]));
            }
            peakLeft = l;
            peakRight = o.length > 1 ? r : l;
            float block = 0;
            for (float[] ch : o) for (int i = 0; i < frames; i++) block = Math.max(block, Math.abs(ch[i]));
            long b = blocks;
            blockPeaks[(int) (b & (blockPeaks.length - 1))] = block;
            blocks = b + 1;
        }

        @Override
        public int activeVoices() {
            ProjectEngine e = live;
            return e == null ? 0 : e.callback().activeVoices();
        }
    }

    SoundService(Supplier<Workspace> workspace, Dispatcher out, AudioDriver driver, UnaryOperator<Project> view) {
        this.view = view;
        this.workspace = workspace;
        this.out = out;
        this.driver = driver;
        this.rate = driver == null ? Project.DEFAULT_SAMPLE_RATE : driver.sampleRate();
        this.ring = driver == null ? null : driver.addMidiSource(4096);
        if (driver != null) driver.start(callback);
    }

    /** Follows the open project (called at start and whenever another project opens). */
    void follow(Pulse pulse) {
        if (followed != null) followed.removeRecompileListener(follow);
        followed = pulse;
        playing = false;
        held.clear();
        if (driver == null) return;
        ProjectEngine old = live;
        ProjectEngine next = new ProjectEngine(view.apply(pulse.project()), ProjectEngine.Settings.live(rate), w -> { });
        follow = (p, affected) -> next.update(view.apply(p), affected);
        pulse.addRecompileListener(follow);
        live = next;
        if (old != null) old.close();
    }

    /** The settings the live engine was built with (null without a device): {@code loophole play PROJECT}'s defaults too. */
    ProjectEngine.Settings liveSettings() {
        ProjectEngine e = live;
        return e == null ? null : e.settings();
    }

    void register(HandlerTable t) {
        t.on(TransportRequest.Play.class, (p, c) -> {
            if (p.fromBeat() != null) locate(p.fromBeat());
            playing = true;
            if (live != null) live.transport().play();
            return state();
        });
        t.on(TransportRequest.Stop.class, (p, c) -> {
            playing = false;
            if (live != null) live.transport().stop();
            return state();
        });
        t.on(TransportRequest.Locate.class, (p, c) -> {
            locate(p.beat());
            return state();
        });
        t.on(TransportRequest.SetTempo.class, (p, c) -> {
            workspace.get().apply(new ProjectCommand.SetTempo(TempoTrack.constant(p.bpm())));
            TransportState s = state();
            out.broadcast(s);
            return s;
        });
        t.on(AuditionRequest.Note.class, (p, c) -> start(p.programId(), p.key(), p.velocity() == null ? 100 : p.velocity(), p.durationMs()));
        t.on(AuditionRequest.Region.class, (p, c) -> {
            Workspace.Located at = workspace.get().program(p.programId());
            for (SampleGroup g : at.program().groups())
                for (SampleRegion r : g.regions())
                    if (r.regionId().equals(p.regionId())) {
                        int key = Math.clamp(r.tuning().pitchKeycenter(), r.keyRange().lo(), r.keyRange().hi());
                        int vel = Math.clamp(p.velocity() == null ? 100 : p.velocity(), Math.max(1, r.velocityRange().lo()), r.velocityRange().hi());
                        return start(p.programId(), key, vel, p.durationMs() == null ? 1000 : p.durationMs());
                    }
            throw RpcError.notFound("program '" + p.programId() + "' has no region '" + p.regionId() + "'");
        });
        t.on(AuditionRequest.Stop.class, (p, c) -> {
            if (p.auditionId() != null && !held.containsKey(p.auditionId())) throw RpcError.notFound("no audition '" + p.auditionId() + "' is sounding");
            for (String id : p.auditionId() == null ? java.util.List.copyOf(held.keySet()) : java.util.List.of(p.auditionId())) release(id);
            return new Ack(workspace.get().pulse().revision());
        });
    }

    private void locate(double beat) {
        if (live != null) live.transport().locate(Math.round(seconds(beat) * rate));
    }

    private double bpm() {
        Project p = workspace.get().project();
        return p.tempo().toTempoMap(p.ticksPerQuarter()).bpmAt(0);
    }

    private double seconds(double beat) {
        Project p = workspace.get().project();
        return p.tempo().toTempoMap(p.ticksPerQuarter()).seconds(p.ticksOfBeats(beat));
    }

    TransportState state() {
        double beat = live == null ? 0 : live.transport().position() / (double) rate * bpm() / 60;
        return new TransportState(playing, beat, bpm());
    }

    private AuditionRequest.Started start(String programId, int key, int velocity, Integer durationMs) {
        Workspace.Located at = workspace.get().program(programId);
        if (driver == null || live == null) throw RpcError.rejected("no audio device (the server runs without one): nothing to audition on");
        Ports.Port port = portOf(workspace.get().project(), at.nodeId());
        if (port == null) throw RpcError.rejected("program '" + programId + "' has no lane routed to it to play through");
        String id = "a" + (++auditions);
        if (!ring.offer(port.port(), MidiRing.NOW, 0x90 | port.channel(), key, velocity)) throw RpcError.rejected("the audio engine is not keeping up: try again");
        held.put(id, new int[] {port.port(), port.channel(), key});
        if (durationMs != null) timer.schedule(() -> out.run(() -> release(id)), durationMs, TimeUnit.MILLISECONDS);
        return new AuditionRequest.Started(id);
    }

    private void release(String id) {
        int[] h = held.remove(id);
        if (h != null) ring.offer(h[0], MidiRing.NOW, 0x80 | h[1], h[2], 0);
    }

    private Ports.Port portOf(Project p, String nodeId) {
        Ports ports = live.ports();
        for (Track t : p.tracks())
            for (Lane l : t.lanes())
                if (l.targets().stream().anyMatch(x -> x.nodeId().equals(nodeId))) return ports.lane(l.laneId());
        return null;
    }

    /** A loaded program's samples went or came back: the live engine plays what is there now, without a reload. Pulse thread. */
    void samplesChanged() {
        ProjectEngine e = live;
        if (e != null) e.update(view.apply(workspace.get().project()), null);
    }

    /** Blocks the driver has rendered so far. */
    long blocksRendered() {
        return blocks;
    }

    /** The peak of block {@code b} (one of the last 16,384). */
    float blockPeak(long b) {
        return blockPeaks[(int) (b & (blockPeaks.length - 1))];
    }

    /** Voices and peak levels since the last call, for {@code signal.voices}/{@code signal.levels}; null without a device. */
    Meters.Source meters() {
        if (driver == null) return null;
        return new Meters.Source() {
            public SignalNotification.Voices voices() {
                ProjectEngine e = live;
                Map<String, Integer> byNode = e == null ? Map.of() : e.instruments().voicesByNode();
                java.util.List<SignalNotification.ProgramVoices> programs = new java.util.ArrayList<>();
                for (InstrumentNode n : workspace.get().project().instruments())
                    if (n.program() != null)
                        programs.add(new SignalNotification.ProgramVoices(n.program().programId(), n.nodeId(), byNode.getOrDefault(n.nodeId(), 0)));
                return new SignalNotification.Voices(Math.max(0, callback.activeVoices()), programs);
            }

            public dev.loophole.ipc.SignalNotification.Levels levels() {
                float l = peakLeft, r = peakRight;
                peakLeft = 0;
                peakRight = 0;
                return new dev.loophole.ipc.SignalNotification.Levels(java.util.List.of(db(l), db(r)));
            }
        };
    }

    private static double db(float peak) {
        return peak > 0 ? Math.max(-1000, Math.round(200 * Math.log10(peak)) / 10.0) : -1000;
    }

    /** Closes the audio driver: no callback runs after this (closing it twice costs nothing). */
    void closeOutput() {
        if (driver != null) driver.close();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        closeOutput(); // before the engine its callback renders
        if (live != null) live.close();
    }
}
