package dev.loophole.pulse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.ChannelStrip;
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
 * has its own pair: nothing is summed in another order); the helper rendered nodes; a live engine refuses threads.
 */
class ProjectThreadsTest {
    @TempDir Path dir;

    private static final int[] KEYS = {57, 64, 76};

    private Project project() throws Exception {
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < KEYS.length; t++) {
            String id = "t" + t;
            var node = Sounds.sampler(id, Sounds.sineInstrument(dir, id, -6 * t));
            int k = KEYS[t];
            var clip = Sounds.clip(id + "-clip", 0, 8, ClipTarget.LANE, new int[] {k, k + 2, k, k + 5, k}, new double[] {0, 1.5, 3, 4.25, 6}, 1.25);
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
        for (int t = 0; t < KEYS.length; t++) {
            double level = Sounds.levelDb(one[2 * t], 0.1, 0.6, Sounds.hz(KEYS[t])), expected = Sounds.levelDb(live[2 * t], 0.1, 0.6, Sounds.hz(KEYS[t]));
            assertThat(level).as("track %d's tone is heard", t).isGreaterThan(-40);
            assertThat(level - expected).as("track %d's level against live play, dB", t).isBetween(-0.001, 0.001);
        }
        assertThat(one).as("one thread against live play").isDeepEqualTo(live);
        assertThat(two).as("two threads against one").isDeepEqualTo(one);
        assertThat(four).as("four threads against one").isDeepEqualTo(one);
        assertThat(twoTasks).as("nodes the helper rendered on two threads").isPositive();
    }

    @Test
    void aLiveEngineRendersOnItsOneThread() throws Exception {
        try (ProjectEngine e = new ProjectEngine(project(), settings(VoiceThread.AUDIO), w -> { })) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.threads(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("offline");
        }
    }
}
