package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Clips.PPQ;
import static dev.loophole.pulse.engine.Clips.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.SampleFormat;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.signal.engine.EventBuffer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Audio clips on an audio lane, rendered offline from real files: placement, trim, gain, fades, rate conversion, locate. */
class AudioLaneTest {
    @TempDir Path dir;

    /** 120 BPM for one bar, then 90 BPM (666,667 µs a quarter). */
    static final TempoTrack TEMPO = new TempoTrack(List.of(new TempoMap.Change(0, 500_000), new TempoMap.Change(3840, 666_667)),
            List.of(TimeSignature.FOUR_FOUR));

    /** Seconds at {@code tick} under {@link #TEMPO}, worked out here rather than by the tempo map. */
    static long frameAt(long tick) {
        double s = tick <= 3840 ? tick * 0.5 / PPQ : 3840 * 0.5 / PPQ + (tick - 3840) * 0.666667 / PPQ;
        return Math.round(s * RATE);
    }

    @Test
    void theClipsFirstFrameLandsWhereTheTempoMapPutsItsStartAndTheTrimIsExact() throws IOException {
        Path wav = dir.resolve("noise.wav");
        float[] x = Clips.noise(wav, 10 * RATE, 7);
        long start = 3 * 4 * PPQ + PPQ + 7, length = 2 * PPQ + 300, offset = 123_457; // bar 4, beat 2, tick 7; far past the head: streams
        float[][] out = Clips.render(Clips.project(TEMPO, Clips.clip("c1", start, length, wav, offset, 0)));
        int first = (int) frameAt(start), end = (int) frameAt(start + length);
        for (int i = 0; i < first; i++) assertThat(out[0][i]).as("before the clip, frame %d", i).isZero();
        for (int i = first; i < end; i++) {
            float want = x[(int) (offset + i - first)];
            if (out[0][i] != want || out[1][i] != want)
                throw new AssertionError("frame " + i + " (clip frame " + (i - first) + "): " + out[0][i] + "/" + out[1][i] + ", expected " + want);
        }
        for (int i = end; i < out[0].length; i++) assertThat(out[0][i]).as("after the clip, frame %d", i).isZero();
    }

    @Test
    void gainInDecibelsAndLinearFadesAreMeasuredOnTheOutput() throws IOException {
        Path wav = dir.resolve("half.wav");
        float[] x = new float[3 * RATE];
        java.util.Arrays.fill(x, 0.5f); // exact in 24-bit
        Clips.write(wav, RATE, SampleFormat.PCM_24, x);
        AudioClip c = Clips.clip("c1", PPQ, 4 * PPQ, wav, 0, -6.0).withFades(4800, 9600); // 1 beat in, 2 s long at 120 BPM
        float[][] out = Clips.render(Clips.project(TempoTrack.DEFAULT, c));
        int first = RATE / 2, end = first + 2 * RATE;
        double level = 20 * Math.log10(out[0][first + RATE] / 0.5);
        assertThat(level).isCloseTo(-6.0, within(1e-4));
        double g = out[0][first + RATE];
        for (int k = 0; k < 4800; k++) assertThat(out[0][first + k] / g).as("fade in at %d", k).isCloseTo(k / 4800.0, within(1e-5));
        for (int k = 0; k < 9600; k++) assertThat(out[1][end - 1 - k] / g).as("fade out %d before the end", k).isCloseTo((k + 1) / 9600.0, within(1e-5));
        assertThat(out[0][first - 1]).isZero();
        assertThat(out[0][end]).isZero();
    }

    @Test
    void aFileAt44100HzKeepsItsPitchAndLengthInA48kHzProject() throws Exception {
        Path wav = dir.resolve("tone44.wav"), flac = dir.resolve("tone44.flac");
        float[] x = new float[3 * 44_100];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44_100.0));
        Clips.write(wav, 44_100, SampleFormat.PCM_16, x);
        Process p = new ProcessBuilder("flac", "-s", "-f", "-o", flac.toString(), wav.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("flac encodes the test file").isTrue();
        Files.delete(wav);
        float[][] out = Clips.render(Clips.project(TempoTrack.DEFAULT, Clips.clip("c1", 0, 8 * PPQ, flac, 0, 0))); // 4 s of timeline
        double hz = Clips.frequency(out[0], RATE / 2, RATE * 5 / 2, RATE);
        assertThat(hz).as("measured pitch (played at the file's rate it would be 1088.4 Hz)").isCloseTo(1000, within(0.05));
        assertThat(Sounds.levelDb(out[0], 0.5, 2.5, 1000)).isCloseTo(20 * Math.log10(0.5), within(0.05));
        // The file's 3 s last 3 s: sound up to 3.0 s, silence after (the kernel's reach aside).
        double tail = 0;
        for (int i = 3 * RATE + 200; i < 4 * RATE; i++) tail = Math.max(tail, Math.abs(out[0][i]));
        assertThat(tail).isZero();
        assertThat(Math.abs(out[0][3 * RATE - 20])).isGreaterThan(0f);
    }

    /**
     * A manual print, the ground freeze stands on: a track's MIDI lane rendered to a float WAV, then laid on an
     * audio lane of the same track. The audio lane alone (MIDI lane muted) renders bit for bit what the MIDI lane
     * did; both together render exactly twice it (the two play in sync, through the same channel).
     */
    @Test
    void aTracksPrintOnItsOwnAudioLaneNullsAgainstTheOriginal() throws IOException {
        var sine = Sounds.sampler("keys", Sounds.sineInstrument(dir, "keys", -3));
        var notes = Sounds.clip("notes", 0, 8, ClipTarget.LANE, new int[] {60, 64, 67, 72, 57}, new double[] {0, 1, 2.5, 3, 5.25}, 0.9);
        Lane midi = Lane.midi("lane-midi", "Keys", List.of(LaneTarget.all("keys"))).withClips(List.of(notes));
        Track track = new Track("track-keys", "Keys", NodeGraph.single(sine), List.of(midi), null, ChannelStrip.DEFAULT);
        Project original = new Project("Print", PPQ, RATE, TEMPO, List.of(track));
        float[][] a = Clips.render(original);
        float peak = 0;
        for (float v : a[0]) peak = Math.max(peak, Math.abs(v));
        assertThat(peak).as("the original sounds").isGreaterThan(0.1f);

        Path print = dir.resolve("print.wav");
        Clips.write(print, RATE, SampleFormat.FLOAT_32, a[0], a[1]);
        AudioClip printed = Clips.clip("print", 0, 20 * PPQ, print, 0, 0);
        Lane audio = Lane.audio("lane-print", "Print").withAudioClips(List.of(printed));
        float[][] alone = Clips.render(original.replacing(track.withLanes(List.of(midi.withMuted(true), audio))));
        float[][] both = Clips.render(original.replacing(track.withLanes(List.of(midi, audio))));
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < a[c].length; i++) {
                if (alone[c][i] != a[c][i]) throw new AssertionError("print alone, channel " + c + " frame " + i + ": " + alone[c][i] + " vs " + a[c][i]);
                if (both[c][i] != 2 * a[c][i]) throw new AssertionError("print + MIDI, channel " + c + " frame " + i + ": " + both[c][i] + " vs 2 × " + a[c][i]);
            }
        for (int i = a[0].length; i < alone[0].length; i++) assertThat(alone[0][i]).isZero();
    }

    @Test
    void locatingIntoTheMiddleOfAClipStartsAtTheRightFrame() throws IOException {
        Path wav = dir.resolve("noise.wav");
        float[] x = Clips.noise(wav, 6 * RATE, 11);
        long offset = 1000;
        var project = Clips.project(TEMPO, Clips.clip("c1", 4 * PPQ, 8 * PPQ, wav, offset, 0));
        long first = frameAt(4 * PPQ), to = first + 77_777; // 1.6 s into the clip: well past the 4,096-frame head
        try (ProjectEngine e = Clips.engine(project)) {
            Transport t = e.transport();
            t.locate(to);
            t.play();
            e.audioLanes().cue(to);
            float[][] out = new float[2][256];
            EventBuffer none = new EventBuffer(1);
            for (int b = 0; b < 20; b++) {
                e.streamer().fillAll();
                t.process(out, 256, none);
                for (int i = 0; i < 256; i++) {
                    float want = x[(int) (offset + to - first + b * 256L + i)];
                    if (out[0][i] != want) throw new AssertionError("block " + b + " frame " + i + ": " + out[0][i] + ", expected " + want);
                }
            }
            assertThat(e.audioLanes().underruns()).isZero();
        }
    }

    /**
     * Live, a locate backwards inside a streamed clip: the ring holds only frames near where it was, so the reader
     * restarts its stream (a short silence while the disk catches up, counted) and then plays the right frames —
     * never what the ring held for another place.
     */
    @Test
    void locatingBackInsideAStreamedClipPlaysTheRightFramesAgain() throws IOException {
        Path wav = dir.resolve("noise.wav");
        float[] x = Clips.noise(wav, 6 * RATE, 13);
        var project = Clips.project(TempoTrack.DEFAULT, Clips.clip("c1", 0, 10 * PPQ, wav, 0, 0));
        try (ProjectEngine e = Clips.engine(project)) {
            Transport t = e.transport();
            float[][] out = new float[2][256];
            EventBuffer none = new EventBuffer(1);
            t.play();
            for (int b = 0; b < 400; b++) { e.streamer().fillAll(); t.process(out, 256, none); } // 2.1 s in
            long back = 400 * 256 - 30_000; // 0.6 s back: past the head, behind the ring
            t.locate(back);
            for (int b = 0; b < 40; b++) {
                e.streamer().fillAll();
                t.process(out, 256, none);
                if (b < 2) continue; // the restarted stream fills during these
                for (int i = 0; i < 256; i++) {
                    float want = x[(int) (back + b * 256L + i)];
                    if (out[0][i] != want) throw new AssertionError("block " + b + " after the locate, frame " + i + ": " + out[0][i] + ", expected " + want);
                }
            }
            assertThat(e.audioLanes().underruns()).as("frames of the restart's silence, counted").isBetween(1L, 512L);
        }
    }

    /**
     * Looping inside a streamed clip, a loop longer than the stream's ring and one much shorter: every frame is the
     * file's frame for where the loop puts the timeline, and the jump back never waits for the disk (the clip's
     * frames at the loop's start are read ahead of the wrap).
     */
    @ParameterizedTest
    @CsvSource({"100000, 150000", "200000, 204000"})
    void aLoopInsideAStreamedClipPlaysEveryFrameWithoutUnderruns(long a, long b) throws IOException {
        Path wav = dir.resolve("noise.wav");
        float[] x = Clips.noise(wav, 6 * RATE, 17);
        var project = Clips.project(TempoTrack.DEFAULT, Clips.clip("c1", 0, 10 * PPQ, wav, 0, 0));
        try (ProjectEngine e = Clips.engine(project)) {
            Transport t = e.transport();
            long from = a - 20_000;
            t.locate(from);
            t.loop(a, b);
            t.play();
            e.audioLanes().cue(from);
            float[][] out = new float[2][256];
            EventBuffer none = new EventBuffer(1);
            long f = from;
            int wraps = 0;
            for (int blk = 0; blk < 1200; blk++) {
                e.streamer().fillAll();
                t.process(out, 256, none);
                for (int i = 0; i < 256; i++, f++) {
                    if (f == b) { f = a; wraps++; }
                    if (out[0][i] != x[(int) f]) throw new AssertionError("block " + blk + " frame " + i + " (timeline " + f + "): " + out[0][i] + ", expected " + x[(int) f]);
                }
            }
            assertThat(wraps).isGreaterThanOrEqualTo(5);
            assertThat(e.audioLanes().underruns()).isZero();
        }
    }

    @Test
    void playingStreamedAndResampledClipsAllocatesNothingPerBlock() throws IOException {
        Path noise = dir.resolve("noise.wav"), tone = dir.resolve("tone44.wav");
        Clips.noise(noise, 20 * RATE, 3);
        float[] y = new float[20 * 44_100];
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.sin(i * 0.05);
        Clips.write(tone, 44_100, SampleFormat.FLOAT_32, y, y);
        var project = Clips.project(TempoTrack.DEFAULT, Clips.clip("a", 0, 32 * PPQ, noise, 0, -3),
                Clips.clip("b", PPQ, 30 * PPQ, tone, 500, 0).withFades(1000, 1000));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ProjectEngine e = Clips.engine(project)) {
            Transport t = e.transport();
            t.play();
            float[][] out = new float[2][256];
            EventBuffer none = new EventBuffer(1);
            // Five passes warm the JIT up; then four measured passes. A late compile or deoptimisation on a loaded
            // machine may allocate once on this thread; an allocation of the audio path would show in every pass.
            long[] allocated = new long[4];
            for (int pass = 0; pass < 5 + allocated.length; pass++) {
                t.locate(0);
                for (int b = 0; b < 2000; b++) { // 10.7 s: both clips stream well past their heads
                    e.streamer().fillAll();
                    long before = mx.getCurrentThreadAllocatedBytes();
                    t.process(out, 256, none);
                    long d = mx.getCurrentThreadAllocatedBytes() - before;
                    if (pass >= 5) allocated[pass - 5] += d;
                }
            }
            assertThat(java.util.Arrays.stream(allocated).filter(x -> x > 0).count())
                    .as("passes of 2,000 blocks that allocated: %s bytes", java.util.Arrays.toString(allocated)).isLessThanOrEqualTo(1);
            assertThat(e.audioLanes().underruns()).isZero();
            assertThat(e.streamer().ringsMade()).isEqualTo(2);
        }
    }
}
