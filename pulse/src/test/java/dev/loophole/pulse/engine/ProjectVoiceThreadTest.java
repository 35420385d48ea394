package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Sounds.PPQ;
import static dev.loophole.pulse.engine.Sounds.RATE;
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
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceThread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project render builds its samplers for a render thread ({@link VoiceThread#OFFLINE}: tables and warm-ups at first
 * use), live play for an audio thread ({@link VoiceThread#AUDIO}: everything up front); both render the same bits.
 */
class ProjectVoiceThreadTest {
    @TempDir Path dir;

    @Test
    void offlineSettingsBuildOfflineSamplersAndLiveSettingsLiveOnes() throws IOException {
        assertThat(ProjectEngine.Settings.offline(RATE, 0).voices()).isEqualTo(VoiceThread.OFFLINE);
        assertThat(ProjectEngine.Settings.live(RATE).voices()).as("what the server's live engine uses").isEqualTo(VoiceThread.AUDIO);
        for (VoiceThread t : VoiceThread.values())
            try (ProjectEngine e = new ProjectEngine(project(), settings(Interpolation.SINC_64, t), w -> { throw new AssertionError(w); })) {
                List<VoiceThread> made = new ArrayList<>();
                for (Instrument i : e.instruments().all()) made.add(((SamplerInstrument) i).voiceThread());
                assertThat(made).containsExactly(t);
            }
    }

    /**
     * Notes below, at, between and beyond octaves of the sample's key (69), through the project's wiring on either
     * thread. (The shared stretch tables may already exist in this JVM; VoiceThreadTest checks them made mid-render.)
     */
    @Test
    void anOfflineProjectRenderIsBitIdenticalToALiveOne() throws IOException {
        for (int quality : new int[] {Interpolation.CUBIC, Interpolation.SINC_64}) {
            float[][] offline = render(settings(quality, VoiceThread.OFFLINE)), live = render(settings(quality, VoiceThread.AUDIO));
            for (int c = 0; c < 2; c++) {
                float peak = 0;
                for (float v : live[c]) peak = Math.max(peak, Math.abs(v));
                assertThat(peak).as("the render sounds").isGreaterThan(0.1f);
                assertThat(offline[c].length).isEqualTo(live[c].length);
                assertThat(Arrays.mismatch(offline[c], live[c])).as("quality %d, channel %d: first frame that differs", quality, c).isEqualTo(-1);
            }
        }
    }

    private Project project() throws IOException {
        var sine = Sounds.sampler("keys", Sounds.sineInstrument(dir, "keys", -3));
        var notes = Sounds.clip("notes", 0, 8, ClipTarget.LANE, new int[] {57, 69, 74, 83, 93}, new double[] {0, 1, 2, 3, 4.5}, 0.9);
        Lane midi = Lane.midi("lane-midi", "Keys", List.of(LaneTarget.all("keys"))).withClips(List.of(notes));
        Track track = new Track("track-keys", "Keys", NodeGraph.single(sine), List.of(midi), null, ChannelStrip.DEFAULT);
        return new Project("Voices", PPQ, RATE, TempoTrack.constant(120), List.of(track));
    }

    private static ProjectEngine.Settings settings(int quality, VoiceThread voices) {
        return new ProjectEngine.Settings(RATE, 256, 64, 1, quality, 1 << 20, false, 1L << 28, voices);
    }

    private float[][] render(ProjectEngine.Settings s) throws IOException {
        try (ProjectEngine e = new ProjectEngine(project(), s, w -> { throw new AssertionError("warning: " + w); })) {
            return Clips.render(e, false);
        }
    }
}
