package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Program;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.signal.engine.EventBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chase: a render from beat 3, a second pass round a loop and a relocate after playing all sound as
 * the full render does there, sample for sample — CC7 (volume), CC74 (a low-pass cutoff on the
 * instrument), pitch bend and the node's automated volume are all set before beat 3, and the note
 * that sounded earlier has ended. Each comparison is checked to matter: without those values the
 * same stretch sounds different.
 */
class ChaseTest {
    @TempDir static Path dir;
    static Program program;
    static final long BEAT = PPQ;
    static final int BEAT_FRAMES = RATE / 2, FROM = 3 * BEAT_FRAMES;

    @BeforeAll
    static void instrument() throws IOException { program = program(dir); }

    /** A sine through a 2-pole low-pass whose cutoff CC74 opens (300 Hz at 0, 4.8 kHz at 127), written into {@code dir}. */
    static Program program(Path dir) throws IOException {
        sineInstrument(dir, "unused", 0);
        Path sfz = dir.resolve("chase.sfz");
        Files.writeString(sfz, "<region> sample=sine.wav pitch_keycenter=69 ampeg_release=0.005 amp_veltrack=0 fil_type=lpf_2p cutoff=300 cutoff_oncc74=4800\n");
        return SfzImporter.load(sfz);
    }

    static Project project(boolean automated, boolean inLoop) { return project(program, automated, inLoop); }

    /** Key 69 on beat 0 and beat 4, a beat each; automation before beat 3 (and, with {@code inLoop}, CC7 moving during the second note). */
    static Project project(Program program, boolean automated, boolean inLoop) {
        List<AutomationCurve> a = new ArrayList<>();
        if (automated) {
            List<Breakpoint> volume = new ArrayList<>(List.of(Breakpoint.step(BEAT / 2, 90)));
            if (inLoop) volume.add(Breakpoint.step(9 * BEAT / 2, 60));
            a.add(new AutomationCurve(AutomationTarget.cc(7), volume));
            a.add(new AutomationCurve(AutomationTarget.cc(74), List.of(Breakpoint.linear(BEAT / 4, 0), Breakpoint.linear(2 * BEAT, 100))));
            a.add(new AutomationCurve(AutomationTarget.of(AutomationTarget.Kind.PITCH_BEND), List.of(Breakpoint.step(3 * BEAT / 2, 0.5))));
            a.add(new AutomationCurve(AutomationTarget.parameter("A", SamplerParameters.VOLUME), List.of(Breakpoint.step(6 * BEAT / 5, -6))));
        }
        Clip c = new Clip("c", "c", 0, 6 * BEAT, ClipTarget.LANE, List.of(Note.of(1, 69, 100, 0, BEAT), Note.of(2, 69, 100, 4 * BEAT, BEAT)), a);
        Lane lane = Lane.midi("lane", "lane", List.of(LaneTarget.all("A"))).withClips(List.of(c));
        NodeGraph g = NodeGraph.single(sampler("A", program));
        return new Project("p", PPQ, RATE, TempoTrack.DEFAULT, List.of(new Track("t", "t", g, List.of(lane), null, ChannelStrip.DEFAULT)));
    }

    static ProjectEngine engine(Project p) {
        return new ProjectEngine(p, NodeParameterSoundTest.settings(), w -> { throw new AssertionError(w); });
    }

    /** The left channel of a render from {@code from}, 0.3 s past the last event. */
    static float[] render(ProjectEngine e, long from) {
        List<float[]> blocks = new ArrayList<>();
        e.render(from, false, 0.3, (out, n) -> blocks.add(Arrays.copyOf(out[0], n)), null);
        int len = blocks.stream().mapToInt(b -> b.length).sum(), at = 0;
        float[] all = new float[len];
        for (float[] b : blocks) { System.arraycopy(b, 0, all, at, b.length); at += b.length; }
        return all;
    }

    /** Largest |a[from + i] − b[i]| over the overlap; also checks the stretch has sound. */
    static double maxDiff(float[] a, int from, float[] b) {
        int n = Math.min(a.length - from, b.length);
        assertThat(n).isGreaterThan(2 * BEAT_FRAMES);
        double m = 0, peak = 0;
        for (int i = 0; i < n; i++) { m = Math.max(m, Math.abs(a[from + i] - b[i])); peak = Math.max(peak, Math.abs(b[i])); }
        assertThat(peak).as("the stretch sounds").isGreaterThan(0.01);
        return m;
    }

    @Test
    void aRenderFromBeat3SoundsAsTheFullRenderDoesThere() {
        float[] full, part, bare;
        try (ProjectEngine e = engine(project(true, false))) { full = render(e, 0); }
        try (ProjectEngine e = engine(project(true, false))) { part = render(e, FROM); }
        try (ProjectEngine e = engine(project(false, false))) { bare = render(e, FROM); }
        assertThat(maxDiff(full, FROM, part)).as("bit for bit").isZero();
        assertThat(maxDiff(full, FROM, bare)).as("the chased values matter").isGreaterThan(0.05);
    }

    @Test
    void locatingBackAfterPlayingPutsEveryControllerAtItsValueThere() {
        float[] full, again;
        try (ProjectEngine e = engine(project(true, true))) {
            full = render(e, 0);     // ends with CC7 at 60, bend up, the cutoff open, the volume at −6 dB
            again = render(e, FROM); // the transport locates to beat 3: CC7 back to 90
        }
        assertThat(maxDiff(full, FROM, again)).isZero();
    }

    @Test
    void eachPassRoundALoopSoundsTheSame() {
        int loop = 3 * BEAT_FRAMES, block = 256;
        float[] out = playLoop(project(true, true), FROM, loop, 2 * loop, block);
        float[] full;
        try (ProjectEngine e = engine(project(true, true))) { full = render(e, 0); }
        float[] first = Arrays.copyOfRange(out, 0, loop), second = Arrays.copyOfRange(out, loop, 2 * loop);
        assertThat(maxDiff(full, FROM, first)).as("the first pass is the full render's stretch").isZero();
        assertThat(maxDiff(first, 0, second)).as("the second pass: CC7 chased back from 60 to 90").isZero();
    }

    @Test
    void aLoopFromTheStartPutsWhatItMovedBackAtRest() {
        // Nothing sets the controllers before beat 0: at each wrap they go back to where the instrument started
        // (CC7 127, CC74 0, bend centre, the node's own volume), so the second pass is the first again.
        int loop = 3 * BEAT_FRAMES;
        float[] out = playLoop(project(true, false), 0, loop, 2 * loop, 256);
        assertThat(maxDiff(out, 0, Arrays.copyOfRange(out, loop, 2 * loop))).isZero();
    }

    /** Plays {@code frames} from {@code from} looping [from, from + loop) in blocks, as a live driver would. */
    static float[] playLoop(Project p, int from, int loop, int frames, int block) {
        float[] out = new float[frames];
        try (ProjectEngine e = engine(p)) {
            e.transport().loop(from, from + loop);
            e.transport().locate(from);
            e.transport().play();
            float[][] buf = new float[2][block];
            EventBuffer none = new EventBuffer(1);
            for (int pos = 0; pos < frames; pos += block) {
                int n = Math.min(block, frames - pos);
                e.streamer().fillAll();
                e.transport().process(buf, n, none);
                System.arraycopy(buf[0], 0, out, pos, n);
            }
        }
        return out;
    }
}
