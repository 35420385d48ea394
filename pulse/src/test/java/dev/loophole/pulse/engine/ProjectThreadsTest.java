package dev.loophole.pulse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.sampler.VoiceThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project render's instrument nodes on one, two and four threads ({@link ProjectEngine#threads}): three tracks of
 * real SFZ samplers give the same stems, bit for bit, as one another and as live play's straight render (each track
 * has its own pair: nothing is summed in another order); the helper rendered nodes; each track's volume, automated,
 * turns down at its own frame on every thread count (its gain stage and channel strip run as one chain of the
 * effects' round); a live engine refuses threads.
 */
class ProjectThreadsTest {
    @TempDir Path dir;

    private static final int[] KEYS = {57, 64, 76};

    private Project project() throws Exception { return project(false); }

    /** Track t's volume steps to −12 dB at this tick, in its second note (beats 1.5–2.75): 37 ticks past beat 1.6 + 0.3 t. */
    private static long automationTick(int t) { return Math.round((1.6 + 0.3 * t) * Sounds.PPQ) + 37; }

    private Project project(boolean automated) throws Exception {
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < KEYS.length; t++) {
            String id = "t" + t;
            var node = Sounds.sampler(id, Sounds.sineInstrument(dir, id, -6 * t));
            int k = KEYS[t];
            var clip = Sounds.clip(id + "-clip", 0, 8, ClipTarget.LANE, new int[] {k, k + 2, k, k + 5, k}, new double[] {0, 1.5, 3, 4.25, 6}, 1.25);
            if (automated)
                clip = clip.withAutomation(List.of(new AutomationCurve(AutomationTarget.parameter(id, SamplerParameters.VOLUME),
                        List.of(Breakpoint.step(0, 0), Breakpoint.step(automationTick(t), -12)))));
            Lane lane = Lane.midi(id + "-lane", id, List.of(LaneTarget.all(id))).withClips(List.of(clip));
            tracks.add(new Track(id, id, NodeGraph.single(node), List.of(lane), null, ChannelStrip.DEFAULT));
        }
        return new Project("three", Sounds.PPQ, Sounds.RATE, TempoTrack.DEFAULT, tracks);
    }

    private static ProjectEngine.Settings settings(VoiceThread voices) {
        return new ProjectEngine.Settings(Sounds.RATE, 256, 64, 1, Interpolation.SINC_64, 1 << 20, false, 1L << 28, voices);
    }

    /** Stems of the whole project (0.3 s tail); {@code helperTasks[0]} gets what the helpers rendered. */
    private static float[][] stems(Project p, VoiceThread voices, int threads, long[] helperTasks) {
        long frames = Math.round((p.lengthSeconds() + 0.3) * Sounds.RATE) + 1024;
        float[][] all = new float[2 * p.tracks().size()][(int) frames];
        int[] at = {0};
        try (ProjectEngine e = new ProjectEngine(p, settings(voices), w -> { throw new AssertionError("warning: " + w); })) {
            if (threads > 0) e.threads(threads);
            e.render(true, 0.3, (out, n) -> {
                for (int c = 0; c < all.length; c++) System.arraycopy(out[c], 0, all[c], at[0], n);
                at[0] += n;
            }, null);
            helperTasks[0] = e.helperTasks();
        }
        return all;
    }

    @Test
    void oneTwoAndFourThreadsRenderTheSameStemsAsLivePlay() throws Exception {
        Project p = project();
        long[] tasks = new long[1];
        float[][] live = stems(p, VoiceThread.AUDIO, 0, tasks), one = stems(p, VoiceThread.OFFLINE, 1, tasks);
        assertThat(tasks[0]).as("one thread: no helper").isZero();
        float[][] two = stems(p, VoiceThread.OFFLINE, 2, tasks);
        long twoTasks = tasks[0];
        float[][] four = stems(p, VoiceThread.OFFLINE, 4, tasks);
        double first = Sounds.levelDb(one[0], 0.1, 0.6, Sounds.hz(KEYS[0]));
        for (int t = 0; t < KEYS.length; t++) {
            double level = Sounds.levelDb(one[2 * t], 0.1, 0.6, Sounds.hz(KEYS[t]));
            assertThat(level).as("track %d's tone is heard", t).isGreaterThan(-40);
            // each track's instrument is 6 dB below the one before (sineInstrument's volume): its own stem, no other track's
            assertThat(level - first).as("track %d's level against track 0's, dB", t).isCloseTo(-6.0 * t, org.assertj.core.data.Offset.offset(0.1));
        }
        assertThat(one).as("one thread against live play").isDeepEqualTo(live);
        assertThat(two).as("two threads against one").isDeepEqualTo(one);
        assertThat(four).as("four threads against one").isDeepEqualTo(one);
        assertThat(twoTasks).as("nodes the helper rendered on two threads").isPositive();
    }

    @Test
    void automatedVolumeOnEveryTrackTurnsDownAtItsFrameOnOneTwoAndFourThreads() throws Exception {
        long[] tasks = new long[1];
        float[][] still = stems(project(false), VoiceThread.OFFLINE, 1, tasks);
        Project p = project(true);
        float[][] one = stems(p, VoiceThread.OFFLINE, 1, tasks), two = stems(p, VoiceThread.OFFLINE, 2, tasks);
        long twoTasks = tasks[0];
        float[][] four = stems(p, VoiceThread.OFFLINE, 4, tasks);
        for (int t = 0; t < KEYS.length; t++) {
            int at = Math.toIntExact(Math.round(automationTick(t) * 0.5 / Sounds.PPQ * Sounds.RATE)); // 120 bpm: a beat is 0.5 s
            float[] a = still[2 * t], b = one[2 * t];
            int first = 0;
            while (first < a.length && a[first] == b[first]) first++;
            assertThat(first).as("track %d: bit for bit before its automation's frame %d, changing right after it", t, at).isBetween(at, at + 2);
            int peak = at + Sounds.RATE / 50 + 1; // past the 20 ms glide: the loudest frame of the next 0.1 s
            for (int i = peak; i < peak + Sounds.RATE / 10; i++) if (Math.abs(a[i]) > Math.abs(a[peak])) peak = i;
            assertThat(Math.abs(a[peak])).as("track %d is heard there", t).isGreaterThan(0.01f);
            assertThat((double) b[peak] / a[peak]).as("track %d: 12 dB down once settled", t).isCloseTo(Math.pow(10, -12 / 20.0), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(two).as("two threads against one").isDeepEqualTo(one);
        assertThat(four).as("four threads against one").isDeepEqualTo(one);
        assertThat(twoTasks).as("tasks the helper ran on two threads").isPositive();
    }

    @Test
    void aLiveEngineRendersOnItsOneThread() throws Exception {
        try (ProjectEngine e = new ProjectEngine(project(), settings(VoiceThread.AUDIO), w -> { })) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.threads(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("offline");
        }
    }
}
