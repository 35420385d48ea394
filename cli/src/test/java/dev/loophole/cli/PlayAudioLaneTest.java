package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.SampleRef;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.store.ProjectStore;
import dev.loophole.signal.driver.JackServer;
import dev.loophole.signal.testing.Pitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loophole play song.loophole} on a real JACK server (dummy backend): an audio lane's clip (a 44.1 kHz file of
 * 1 kHz) and then a MIDI lane's note (A5 on a sampler) arrive on loophole's output ports, read back by a second JACK
 * client and measured.
 */
class PlayAudioLaneTest {
    static final int RATE = JackServer.RATE;
    @TempDir Path dir;

    @Test
    void anAudioLaneAndAMidiLaneArriveOnTheJackPorts() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK test needs it");
        // Track 1: an audio lane, 1 kHz at 44.1 kHz for 2 s, from 0.5 s. Track 2: A5 (880 Hz) from 2.75 s to 3.25 s.
        float[] tone = new float[2 * 44_100];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44_100.0));
        Path wav = dir.resolve("tone44.wav");
        WavWriter.write(wav, new AudioData(new float[][] {tone}, 44_100, SampleFormat.PCM_24, SampleMetadata.NONE));
        float[] a440 = new float[RATE];
        for (int i = 0; i < a440.length; i++) a440[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
        WavWriter.write(dir.resolve("a440.wav"), new AudioData(new float[][] {a440}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        Files.writeString(dir.resolve("keys.sfz"), "<region> sample=a440.wav pitch_keycenter=69 amp_veltrack=0 ampeg_release=0.01\n");
        InstrumentNode keys = InstrumentNode.sampler("keys", "keys", SfzImporter.load(dir.resolve("keys.sfz")));
        Clip notes = new Clip("notes", "notes", 5 * 960 + 480, 960, ClipTarget.LANE, List.of(Note.of(1, 81, 100, 0, 960)), List.of());
        Track midi = new Track("t-midi", "Keys", NodeGraph.single(keys),
                List.of(Lane.midi("l-midi", "Keys", List.of(LaneTarget.all("keys"))).withClips(List.of(notes))), null, ChannelStrip.DEFAULT);
        AudioClip clip = new AudioClip("a1", "tone", 960, 8 * 960, new SampleRef(wav.toString()), 0, 0);
        Track audio = new Track("t-audio", "Audio", NodeGraph.EMPTY, List.of(Lane.audio("l-audio", "Audio").withAudioClips(List.of(clip))),
                null, ChannelStrip.DEFAULT);
        Path song = dir.resolve("song.loophole");
        ProjectStore.save(new Project("live", 960, RATE, TempoTrack.DEFAULT, List.of(audio, midi)), song);

        try (JackServer server = JackServer.start(); PortCapture capture = PortCapture.open(server.name, 2, 12 * RATE)) {
            var result = CliRun.start(new java.io.StringWriter(), "play", song.toString(), "--jack-server", server.name);
            capture.connectWhenThere("loophole:out_L", 0);
            capture.connectWhenThere("loophole:out_R", 1);
            CliRun run = result.get(60, TimeUnit.SECONDS);
            assertThat(run.status()).as(run.err()).isZero();
            System.out.println(run.out().strip());
            float[] left = capture.stop()[0];
            int first = -1;
            for (int i = 0; i < left.length; i++) if (Math.abs(left[i]) > 1e-3) { first = i; break; }
            assertThat(first).as("the audio lane sounds").isNotNegative();
            // The clip: 1 kHz (played at the file's own rate it would be 1088 Hz), at its level (−6 dB).
            assertThat(medianHz(left, first + RATE / 10, first + RATE * 3 / 2)).isCloseTo(1000, within(2.0));
            assertThat(peakDb(left, first + RATE / 10, first + RATE * 3 / 2)).isCloseTo(-6.02, within(0.5));
            // The note, 2.25 s after the clip began (less whatever periods a loaded dummy server dropped): 880 Hz.
            int note = -1;
            for (int i = first + 2 * RATE; i < left.length && note < 0; i++) if (Math.abs(left[i]) > 1e-3) note = i;
            assertThat(note).as("the MIDI lane's note sounds after the clip").isPositive();
            assertThat((note - first) / (double) RATE).isBetween(2.0, 2.3);
            assertThat(medianHz(left, note + RATE / 20, note + RATE * 9 / 20)).isCloseTo(880, within(2.0));
        }
    }

    /** The median of five windows' zero-crossing pitch: a dropped capture period spoils one window, not the median. */
    private static double medianHz(float[] x, int from, int to) {
        int w = (to - from) / 5;
        double[] hz = new double[5];
        for (int k = 0; k < 5; k++) hz[k] = Pitch.zeroCrossingHz(x, from + k * w, from + (k + 1) * w, RATE);
        Arrays.sort(hz);
        return hz[2];
    }

    private static double peakDb(float[] x, int from, int to) {
        float p = 0;
        for (int i = from; i < to; i++) p = Math.max(p, Math.abs(x[i]));
        return 20 * Math.log10(p);
    }
}
