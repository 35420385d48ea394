package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Clips.PPQ;
import static dev.loophole.pulse.engine.Clips.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.store.ProjectJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio clips edited through Pulse while an engine follows: trim, move, gain and fades heard in the render, undone exactly. */
class AudioClipEditTest {
    @TempDir Path dir;

    @Test
    void trimMoveAndGainEditsAreHeardAndUndoneExactly() throws IOException {
        Path wav = dir.resolve("noise.wav");
        float[] x = Clips.noise(wav, 4 * RATE, 5);
        Project p = Clips.project(TempoTrack.DEFAULT, Clips.clip("c1", PPQ, 4 * PPQ, wav, 0, 0)); // 0.5 s in, 2 s long
        Lane other = Lane.audio("lane-b", "B");
        p = p.withTracks(List.of(p.tracks().getFirst(), new Track("track-b", "B", NodeGraph.EMPTY, List.of(other), null, ChannelStrip.DEFAULT)));
        Pulse pulse = new Pulse(p);
        try (ProjectEngine e = Clips.engine(p)) {
            e.attach(pulse);
            float[][] before = Clips.render(e, false);

            // Trim the left edge by 240 ticks (0.125 s = 6,000 frames at 120 BPM): start and offset move together.
            pulse.apply(new ClipCommand.TrimAudioClip("c1", PPQ + 240, 4 * PPQ - 240, 6000));
            float[][] trimmed = Clips.render(e, false);
            int first = RATE / 2 + 6000;
            assertThat(trimmed[0][first - 1]).isZero();
            for (int i = first; i < RATE / 2 + 2 * RATE; i++) assertThat(trimmed[0][i]).isEqualTo(x[i - RATE / 2]);

            pulse.apply(new ClipCommand.UpdateAudioClip("c1", "quiet", -12, 0, 0));
            float[][] quiet = Clips.render(e, false);
            assertThat(20 * Math.log10(Math.abs(quiet[0][first + 100] / x[6100]))).isCloseTo(-12, within(1e-4));

            pulse.apply(new ClipCommand.MoveAudioClip("c1", "lane-b", -1, 0));
            float[][] stems = Clips.render(e, true);
            assertThat(stems).hasNumberOfRows(4);
            float g = (float) Math.pow(10, -12 / 20.0);
            for (int i = 0; i < 1000; i++) {
                assertThat(stems[0][i]).as("track A is silent now").isZero();
                assertThat(stems[2][i]).as("track B plays the clip from its start").isEqualTo(g * x[6000 + i]);
            }

            assertThat(pulse.undo() && pulse.undo() && pulse.undo()).isTrue();
            assertThat(pulse.project()).isEqualTo(p);
            float[][] again = Clips.render(e, false);
            assertThat(again[0]).isEqualTo(before[0]);
        }
    }

    @Test
    void audioClipsWithFadesRoundTripThroughJsonAndBadEditsChangeNothing() throws IOException {
        Path wav = dir.resolve("n.wav");
        Clips.noise(wav, RATE, 1);
        Project p = Clips.project(TempoTrack.DEFAULT, Clips.clip("c1", 0, PPQ, wav, 10, -3.5).withFades(100, 2000));
        assertThat(ProjectJson.read(ProjectJson.write(p), "test")).isEqualTo(p);
        // A file written before clips had fades reads with none.
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ProjectJson.mapper().readTree(ProjectJson.write(p));
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/project/tracks/0/lanes/0/audioClips/0");
        json.remove(List.of("fadeInFrames", "fadeOutFrames"));
        Project old = ProjectJson.read(ProjectJson.mapper().writeValueAsString(tree), "old");
        assertThat(old.tracks().getFirst().lanes().getFirst().audioClips().getFirst()).isEqualTo(p.tracks().getFirst().lanes().getFirst()
                .audioClips().getFirst().withFades(0, 0));
        Pulse pulse = new Pulse(p);
        assertThatThrownBy(() -> pulse.apply(new ClipCommand.TrimAudioClip("c1", 0, 0, 0))).isInstanceOf(CommandException.class)
                .hasMessageContaining("length 0");
        assertThatThrownBy(() -> pulse.apply(new ClipCommand.UpdateAudioClip("nope", "", 0, 0, 0))).isInstanceOf(CommandException.class)
                .hasMessageContaining("no audio clip 'nope'");
        assertThat(pulse.project()).isEqualTo(p);
        assertThat(pulse.canUndo()).isFalse();
    }
}
