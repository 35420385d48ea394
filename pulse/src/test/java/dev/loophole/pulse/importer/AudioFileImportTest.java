package dev.loophole.pulse.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.pulse.Pulse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An audio file onto a new lane: bars through time signatures, its length in ticks through tempo changes, one undo step. */
class AudioFileImportTest {
    @TempDir Path dir;

    @Test
    void barsWalkTheSignaturesAndTheClipCoversTheFileThroughTempoChanges() throws Exception {
        // 4/4 for two bars (7,680 ticks), then 7/8; 120 BPM, then 60 BPM from tick 3,840.
        TempoTrack tempo = new TempoTrack(List.of(new TempoMap.Change(0, 500_000), new TempoMap.Change(3840, 1_000_000)),
                List.of(TimeSignature.FOUR_FOUR, new TimeSignature(7680, 7, 8)));
        Project p = new Project("p", 960, 48_000, tempo, List.of());
        assertThat(AudioFileImport.tickOfBar(p, 1, 0)).isZero();
        assertThat(AudioFileImport.tickOfBar(p, 2, 1.5)).isEqualTo(3840 + 1440);
        assertThat(AudioFileImport.tickOfBar(p, 3, 0)).isEqualTo(7680);
        assertThat(AudioFileImport.tickOfBar(p, 5, 1)).isEqualTo(7680 + 2 * 3360 + 480); // 7/8 bars of 3,360 ticks; an eighth is 480

        Path wav = dir.resolve("three.wav"); // 3 s at 44.1 kHz
        WavWriter.write(wav, new AudioData(new float[][] {new float[3 * 44_100]}, 44_100, SampleFormat.PCM_16, SampleMetadata.NONE));
        var placed = AudioFileImport.onNewLane(p, null, wav, 1920); // from 1 s: 1 s at 120 BPM, then 2 s at 60 BPM
        assertThat(placed.clip().length()).isEqualTo(1920 + 2 * 960);
        Pulse pulse = new Pulse(p);
        pulse.apply(placed.command());
        assertThat(pulse.project().tracks()).hasSize(1);
        assertThat(pulse.project().audioClip(placed.clip().clipId())).isPresent();
        pulse.undo();
        assertThat(pulse.project()).isEqualTo(p);
    }
}
