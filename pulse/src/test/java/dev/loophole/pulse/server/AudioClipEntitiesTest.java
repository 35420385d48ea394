package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.SampleRef;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.ClipCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** project.changed names audio clip edits: entity "audioClip", its id, and the clip as it now is (absent once removed). */
class AudioClipEntitiesTest {
    @Test
    void audioClipEditsCarryTheClip() {
        Track t = new Track("t", "T", null, List.of(Lane.audio("l", "L")), null, null);
        Pulse pulse = new Pulse(Project.empty("p").withTracks(List.of(t)));
        var add = new ClipCommand.AddAudioClip("l", -1, new AudioClip("a", "A", 0, 960, new SampleRef("/x.wav"), 0, 0));
        pulse.apply(add);
        var trim = new ClipCommand.TrimAudioClip("a", 480, 480, 12_000);
        pulse.apply(trim);
        Entities.Changed c = Entities.of(trim, pulse.project());
        assertThat(c.entity()).isEqualTo("audioClip");
        assertThat(c.id()).isEqualTo("a");
        assertThat(c.value().get("start").asLong()).isEqualTo(480);
        assertThat(c.value().get("offsetFrames").asLong()).isEqualTo(12_000);
        var remove = new ClipCommand.RemoveAudioClip("a");
        pulse.apply(remove);
        assertThat(Entities.of(remove, pulse.project()).value()).isNull();
    }
}
