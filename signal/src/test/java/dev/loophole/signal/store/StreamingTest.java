package dev.loophole.signal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk streaming: the same render as whole samples in memory, a fraction of the memory, and safe failure. */
class StreamingTest {
    static final int RATE = 48_000;
    @TempDir Path dir;
    List<SampleRegion> regions = new ArrayList<>();

    @BeforeEach
    void samples() throws Exception {
        Random rnd = new Random(5);
        for (int n = 0; n < 3; n++) {
            int frames = RATE * 3;
            float[][] ch = new float[2][frames];
            for (int i = 0; i < frames; i++) {
                // 24-bit grid values so the file holds exactly what we made
                ch[0][i] = Math.round((float) (0.3 * Math.sin(i * 0.01 * (n + 1)) + rnd.nextGaussian() * 0.05) * 8_388_608f) / 8_388_608f;
                ch[1][i] = Math.round((float) (0.3 * Math.cos(i * 0.013 * (n + 1))) * 8_388_608f) / 8_388_608f;
            }
            Path f = dir.resolve("s" + n + ".wav");
            WavWriter.write(f, new AudioData(ch, RATE, SampleFormat.PCM_24, SampleMetadata.NONE));
            SampleRegion.Builder b = SampleRegion.builder("r" + n);
            b.samples.add(new SampleRef(f.toString()));
            b.keyRange = new dev.loophole.model.IntRange(40 + n * 10, 49 + n * 10);
            b.tuning = new Tuning(45 + n * 10, 0, 0, 100, 0, 200, -200);
            regions.add(b.build());
        }
    }

    private Program program() {
        return new Program("p", "stream", List.of(new SampleGroup("g", "g", regions)), null, Map.of(), Map.of(), List.of());
    }

    /** Notes at several pitches (up to +7 semitones: reads run ahead of real time) held past the heads. */
    private static MidiSong song() {
        List<MidiEvent> ev = new ArrayList<>();
        int[] keys = {45, 52, 55, 62, 65, 72, 41, 58};
        for (int i = 0; i < keys.length; i++) {
            ev.add(new MidiEvent(i * 4_000L, 0x90, keys[i], 100, 0, 2 * i));
            ev.add(new MidiEvent(i * 4_000L + 60_000, 0x80, keys[i], 0, 0, 2 * i + 1));
        }
        return new MidiSong("s", new TempoMap(24_000, List.of()), ev); // one tick per frame
    }

    private float[][] render(SampleStore store, Streamer streamer, boolean fill) {
        return render(new PatchCompiler(store, RATE), streamer, fill, song(), dev.loophole.signal.dsp.Interpolation.CUBIC);
    }

    private float[][] render(SampleStore store, Streamer streamer, boolean fill, int quality) {
        return render(new PatchCompiler(store, RATE), streamer, fill, song(), quality);
    }

    private float[][] render(PatchCompiler compiler, Streamer streamer, boolean fill, MidiSong song) {
        return render(compiler, streamer, fill, song, dev.loophole.signal.dsp.Interpolation.CUBIC);
    }

    private float[][] render(PatchCompiler compiler, Streamer streamer, boolean fill, MidiSong song, int quality) {
        return render(compiler, streamer, fill, song, quality, 64);
    }

    private float[][] render(PatchCompiler compiler, Streamer streamer, boolean fill, MidiSong song, int quality, int polyphony) {
        return render(compiler.compile(program()), streamer, fill, song, quality, polyphony);
    }

    private float[][] render(Patch patch, Streamer streamer, boolean fill, MidiSong song, int quality, int polyphony) {
        SamplerInstrument inst = new SamplerInstrument(patch, RATE, polyphony, 1, streamer);
        inst.setQuality(quality);
        Engine engine = new Engine(RATE, 256);
        engine.route(0, inst);
        int total = 100_000;
        float[][] out = new float[2][total];
        int[] pos = {0};
        OfflineRenderer r = new OfflineRenderer(engine, 256);
        if (fill) r.beforeEachBlock(streamer::fillAll);
        r.render(song, (total - 88_001) / (double) RATE, (l, rr, n) -> {
            int k = Math.min(n, total - pos[0]);
            System.arraycopy(l, 0, out[0], pos[0], k);
            System.arraycopy(rr, 0, out[1], pos[0], k);
            pos[0] += n;
        }, null);
        return out;
    }

    /** A render from whole samples in memory and one from heads and the stream, at {@code quality}: the stores and the whole one's output. */
    private record Streamed(SampleStore whole, SampleStore heads, float[][] out) { }

    /** {@link #render} twice (whole samples; heads and a streamer), asserting the same bits in both channels and no underrun. */
    private Streamed streamedAsWhole(int quality) {
        SampleStore whole = new SampleStore(Long.MAX_VALUE, false), heads = new SampleStore(Long.MAX_VALUE, true);
        float[][] a = render(whole, null, false, quality);
        try (Streamer streamer = new Streamer(heads)) {
            float[][] b = render(heads, streamer, true, quality);
            assertThat(streamer.underruns()).as("underruns").isZero();
            assertThat(java.util.Arrays.mismatch(b[0], a[0])).as("first differing frame, left").isEqualTo(-1);
            assertThat(java.util.Arrays.mismatch(b[1], a[1])).as("first differing frame, right").isEqualTo(-1);
        }
        return new Streamed(whole, heads, a);
    }

    @Test
    void streamedRenderIsBitIdenticalToWholeSamplesInMemory() {
        Streamed r = streamedAsWhole(dev.loophole.signal.dsp.Interpolation.CUBIC);
        SampleStore whole = r.whole(), heads = r.heads();
        float[][] a = r.out();
        // Heads only: 3 samples × 2 channels × 8192 frames × 4 bytes, against 3 s each in full.
        assertThat(heads.memoryBytes()).isEqualTo(3L * 2 * PatchCompiler.PRELOAD_FRAMES * 4);
        assertThat(whole.memoryBytes()).isEqualTo(3L * 2 * RATE * 3 * 4);
        double peak = 0;
        for (float v : a[0]) peak = Math.max(peak, Math.abs(v));
        assertThat(peak).as("the render is not silence").isGreaterThan(0.3);
    }

    /**
     * Offline, fillAll shares the enrolled slots with a helper thread (each slot whole to one of them): up to eight
     * voices stream at once here, and five renders in a row must each equal the render from memory, bit for bit.
     */
    @Test
    void slotsFilledByTwoThreadsGiveTheSameRenderEveryTime() {
        float[][] a = render(new SampleStore(Long.MAX_VALUE, false), null, false);
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        long helped = 0;
        for (int run = 0; run < 5; run++) {
            try (Streamer streamer = new Streamer(heads)) {
                float[][] b = render(heads, streamer, true);
                assertThat(b[0]).as("run %d", run).containsExactly(a[0]);
                assertThat(b[1]).as("run %d", run).containsExactly(a[1]);
                assertThat(streamer.underruns()).isZero();
                helped += streamer.helperFills();
            }
        }
        System.out.println("slot fills by the helper thread over five renders: " + helped);
        // The helper takes slots when it wakes in time; over five renders of thousands of rounds it has, on two cores.
        if (Runtime.getRuntime().availableProcessors() > 1) assertThat(helped).as("slots the helper thread filled").isPositive();
        else assertThat(helped).isZero();
    }

    /**
     * The windowed sinc reads a window around the position, up to `reach` frames behind it: pitched up, a
     * streamed voice must still let the ring move on (it once stopped at the first ring's end and faded out),
     * and what it reads from the ring must be the file's frames, bit for bit as from memory.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {dev.loophole.signal.dsp.Interpolation.SINC_8, dev.loophole.signal.dsp.Interpolation.SINC_64})
    void sincStreamedRenderIsBitIdenticalToWholeSamplesInMemory(int quality) {
        float[][] a = streamedAsWhole(quality).out();
        // Key 72 (+7 semitones on r2, 1.5x) is well past its 8192-frame head by frame 80,000: still sounding.
        assertThat(rms(a[0], 80_000, 88_000)).as("late in the render, from the stream").isGreaterThan(0.05);
    }

    @Test
    void samplesThatOnlyUnplayedKeysReachAreOpenedForTheirHeaderAndNeverDecoded() throws Exception {
        // Keys 45 and 52 reach r0 (40..49) and r1 (50..59); nothing reaches r2 (60..69).
        List<MidiEvent> ev = new ArrayList<>();
        int[] keys = {45, 52, 41, 58};
        for (int i = 0; i < keys.length; i++) {
            ev.add(new MidiEvent(i * 4_000L, 0x90, keys[i], 100, 0, 2 * i));
            ev.add(new MidiEvent(i * 4_000L + 60_000, 0x80, keys[i], 0, 0, 2 * i + 1));
        }
        MidiSong twoSamples = new MidiSong("s", new TempoMap(24_000, List.of()), ev);
        java.util.BitSet played = new java.util.BitSet();
        for (int k : keys) played.set(k);
        float[][] a = render(new PatchCompiler(new SampleStore(Long.MAX_VALUE, false), RATE), null, false, twoSamples);
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        var patch = new PatchCompiler(heads, RATE).compile(program(), new PatchCompiler.Played(played, false));
        assertThat(patch.regionCount()).as("the unreachable region still compiles").isEqualTo(3);
        assertThat(heads.size()).as("decoded samples held").isEqualTo(2);
        assertThat(heads.memoryBytes()).isEqualTo(2L * 2 * PatchCompiler.PRELOAD_FRAMES * 4);
        SampleData third = heads.header(new SampleRef(dir.resolve("s2.wav").toString()));
        assertThat(third.headFrames()).isZero();
        assertThat(third.frames()).as("the length comes from the header").isEqualTo(RATE * 3);
        assertThat(third.channelCount()).isEqualTo(2);
        try (Streamer streamer = new Streamer(heads)) {
            float[][] b = render(new PatchCompiler(heads, RATE).compile(program(), new PatchCompiler.Played(played, false)), streamer, true, twoSamples,
                    dev.loophole.signal.dsp.Interpolation.CUBIC, 64);
            assertThat(b[0]).containsExactly(a[0]);
            assertThat(b[1]).containsExactly(a[1]);
            assertThat(streamer.underruns()).isZero();
        }
    }

    /**
     * fillAll walks only slots whose voices started streaming and drops a slot once its voice is done: one
     * voice playing three notes in turn (each past its head, with silence between) is dropped and enrolled
     * again twice, and every note must still stream bit for bit as from memory.
     */
    @Test
    void aSlotDroppedWhenItsVoiceEndedIsFilledAgainWhenTheVoiceStreamsAgain() {
        List<MidiEvent> ev = new ArrayList<>();
        int[] keys = {45, 55, 62};
        for (int i = 0; i < keys.length; i++) {
            ev.add(new MidiEvent(i * 30_000L, 0x90, keys[i], 100, 0, 2 * i));
            ev.add(new MidiEvent(i * 30_000L + 15_000, 0x80, keys[i], 0, 0, 2 * i + 1));
        }
        MidiSong song = new MidiSong("seq", new TempoMap(24_000, List.of()), ev);
        SampleStore whole = new SampleStore(Long.MAX_VALUE, false);
        float[][] a = render(new PatchCompiler(whole, RATE), null, false, song, dev.loophole.signal.dsp.Interpolation.CUBIC, 1);
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            float[][] b = render(new PatchCompiler(heads, RATE), streamer, true, song, dev.loophole.signal.dsp.Interpolation.CUBIC, 1);
            assertThat(b[0]).containsExactly(a[0]);
            assertThat(b[1]).containsExactly(a[1]);
            assertThat(streamer.underruns()).isZero();
            assertThat(streamer.ringsMade()).as("one voice, one ring, reused by each note").isEqualTo(1);
        }
        for (int i = 0; i < keys.length; i++) { // each note sounds (the comparison is not of silences)
            double peak = 0;
            for (int f = i * 30_000 + 10_000; f < i * 30_000 + 15_000; f++) peak = Math.max(peak, Math.abs(a[0][f]));
            assertThat(peak).as("note %d past its head", i).isGreaterThan(0.05);
        }
    }

    @Test
    void onlyVoicesThatReadPastTheirHeadHoldAStreamRing() {
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            // 64 voices; the song's notes that find a region (keys 40..69) are held 60,000 frames, past their
            // 8,192-frame heads, and overlap: one ring each, not one per voice.
            render(heads, streamer, true);
            long sounding = java.util.stream.IntStream.of(45, 52, 55, 62, 65, 72, 41, 58).filter(k -> k >= 40 && k <= 69).count();
            assertThat(streamer.slotCount()).as("a slot per voice, fade reserve included").isGreaterThanOrEqualTo(64);
            assertThat(streamer.ringsMade()).isEqualTo(sounding);
        }
        SampleStore whole = new SampleStore(Long.MAX_VALUE, false);
        try (Streamer streamer = new Streamer(whole)) {
            render(whole, streamer, true);
            assertThat(streamer.ringsMade()).as("whole samples never stream").isZero();
        }
    }

    @Test
    void loopsOfEveryTypePlayFromMemoryAndTheRestStreamsOnceLetGo() {
        // r0 alternate, r1 backward, r2 forward with a 50 ms crossfade, each loop_sustain over 20000..30000 with a
        // 1 s release: held, the voices loop inside the in-memory head; let go at +60000, they run on past the loop
        // end through the stream ring, and the render is the one with whole samples in memory, bit for bit.
        dev.loophole.model.LoopType[] types = {dev.loophole.model.LoopType.ALTERNATE, dev.loophole.model.LoopType.BACKWARD, dev.loophole.model.LoopType.FORWARD};
        var env = new dev.loophole.model.Envelopes(dev.loophole.model.Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 1.0),
                dev.loophole.model.Envelope.MOD_DEFAULT, dev.loophole.model.Envelope.MOD_DEFAULT);
        for (int n = 0; n < 3; n++) {
            SampleRegion.Builder b = regions.get(n).toBuilder();
            b.loop = new dev.loophole.model.Loop(dev.loophole.model.LoopMode.LOOP_SUSTAIN, types[n], 20_000, 30_000, n == 2 ? 0.05 : 0, 0);
            b.envelopes = env;
            regions.set(n, b.build());
        }
        Streamed r = streamedAsWhole(dev.loophole.signal.dsp.Interpolation.CUBIC);
        float[][] a = r.out();
        SampleStore heads = r.heads();
        assertThat(heads.memoryBytes()).as("heads end just past the loops").isEqualTo(3L * 2 * 30_004 * 4);
        assertThat(rms(a[0], 70_000, 90_000)).as("after the loop end, well into the stream").isGreaterThan(0.05);
    }

    @Test
    void aLoopModeWithoutALoopEndLoopsTheFilesLoopOrTheWholeSampleFromMemory() throws Exception {
        // r0: loop_continuous on a file without loop points, so the loop is the whole 3-s sample, read whole; r1: count=2
        // with a loop end of its own (count replays the whole sample, whatever the loop says), read whole; r2:
        // loop_sustain on a file whose own loop is 20000..30000, so only a head through that loop is in memory and
        // the release streams. Held for 4.4 s, the render is the one from memory, bit for bit, with no underrun.
        Path looped = dir.resolve("looped.wav");
        float[][] ch = new float[2][RATE * 3];
        for (int i = 0; i < ch[0].length; i++) // 24-bit grid values, as the other samples
            ch[0][i] = ch[1][i] = Math.round((float) (0.3 * Math.sin(i * 0.03)) * 8_388_608f) / 8_388_608f;
        WavWriter.write(looped, new AudioData(ch, RATE, SampleFormat.PCM_24,
                new SampleMetadata(-1, 0, List.of(new SampleMetadata.SampleLoop(20_000, 30_000, 0)))));
        var releaseLong = new dev.loophole.model.Envelopes(dev.loophole.model.Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 1.0),
                dev.loophole.model.Envelope.MOD_DEFAULT, dev.loophole.model.Envelope.MOD_DEFAULT);
        for (int n = 0; n < 3; n++) {
            SampleRegion.Builder b = regions.get(n).toBuilder();
            if (n == 0) b.loop = new dev.loophole.model.Loop(dev.loophole.model.LoopMode.LOOP_CONTINUOUS, dev.loophole.model.LoopType.FORWARD, -1, -1, 0, 0);
            if (n == 1) {
                b.loop = new dev.loophole.model.Loop(null, dev.loophole.model.LoopType.FORWARD, -1, 10_000, 0, 0);
                var p = b.playback;
                b.playback = new dev.loophole.model.Playback(p.offset(), p.offsetRandom(), p.end(), 2, p.delay(), p.delayRandom(), p.reverse());
            }
            if (n == 2) {
                b.samples.clear();
                b.samples.add(new SampleRef(looped.toString()));
                b.loop = new dev.loophole.model.Loop(dev.loophole.model.LoopMode.LOOP_SUSTAIN, dev.loophole.model.LoopType.FORWARD, -1, -1, 0, 0);
                b.envelopes = releaseLong;
            }
            regions.set(n, b.build());
        }
        List<MidiEvent> ev = List.of(new MidiEvent(0, 0x90, 45, 100, 0, 0), new MidiEvent(0, 0x90, 55, 100, 0, 1),
                new MidiEvent(0, 0x90, 65, 100, 0, 2), new MidiEvent(212_000, 0x80, 45, 0, 0, 3),
                new MidiEvent(212_000, 0x80, 55, 0, 0, 4), new MidiEvent(150_000, 0x80, 65, 0, 0, 5));
        MidiSong held = new MidiSong("held", new TempoMap(24_000, List.of()), ev);
        float[] a = renderOne(new SampleStore(Long.MAX_VALUE, false), null, held, 256, null, 220_000);
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            float[] b = renderOne(heads, streamer, held, 256, null, 220_000, true);
            assertThat(b).containsExactly(a);
            assertThat(streamer.underruns()).isZero();
        }
        assertThat(heads.memoryBytes()).as("s0 and s1 whole, looped.wav through its loop")
                .isEqualTo(2L * 2 * RATE * 3 * 4 + 2L * 30_004 * 4);
        // r0 and r1 alone (r2 released at 150,000 fades under them): their second pass at their first's level
        MidiSong two = new MidiSong("two", new TempoMap(24_000, List.of()), List.of(ev.get(0), ev.get(1), ev.get(3), ev.get(4)));
        float[] t;
        SampleStore heads2 = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads2)) {
            t = renderOne(heads2, streamer, two, 256, null, 220_000, true);
        }
        double early = rms(t, 10_000, 40_000), late = rms(t, 170_000, 200_000);
        assertThat(early).isGreaterThan(0.05);
        assertThat(20 * Math.log10(late / early)).as("r0 and r1 in their second pass against the first, dB").isBetween(-0.5, 0.5);
    }

    @Test
    void whenTheDiskDoesNotKeepUpVoicesGoSilentFadeAndAreCounted() {
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            float[][] out = render(heads, streamer, false); // nobody fills the rings
            assertThat(streamer.underruns()).as("once per voice: 7 of the 8 keys have a region").isEqualTo(7);
            assertThat(rms(out[0], 1_000, 4_000)).isGreaterThan(0.05);
            assertThat(rms(out[0], 60_000, 100_000)).isZero();
            for (float v : out[0]) assertThat(v).isFinite();
        }
    }

    /**
     * One note at the sample's own pitch, linear interpolation (frame p reads p and p + 1), 16-frame blocks, the disk
     * never delivering: the voice plays its in-memory head exactly as a whole-sample render does until the block that
     * reaches for frame 8192; from that block's start it fades linearly over 5 ms (240 frames, measured as the ratio to
     * the whole-sample render), is silent from the first missing frame on, and ends when the fade does — measured on
     * the voice count block by block — counted as one underrun.
     */
    @Test
    void anUnderrunSilencesTheVoiceAtTheMissingFrameAndItsFadeEndsItFiveMillisecondsLater() {
        int head = PatchCompiler.PRELOAD_FRAMES, fade = (int) Math.round(0.005 * RATE), block = 16;
        MidiSong one = new MidiSong("one", new TempoMap(24_000, List.of()), List.of(
                new MidiEvent(0, 0x90, 45, 100, 0, 0), new MidiEvent(60_000, 0x80, 45, 0, 0, 1)));
        float[] memory = renderOne(new SampleStore(Long.MAX_VALUE, false), null, one, block, null);
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            int[] voicesGoneAt = {-1};
            float[] out = renderOne(heads, streamer, one, block, voicesGoneAt);
            int fadeStart = 0;
            while (out[fadeStart] == memory[fadeStart]) fadeStart++;
            fadeStart--; // the ramp's first frame has gain 240/240: the same as the whole-sample render
            assertThat(fadeStart).as("the fade starts with the block that reaches frame %d", head).isEqualTo(head - block);
            for (int i = fadeStart; i < head; i++)
                if (Math.abs(memory[i]) > 1e-3)
                    assertThat(out[i] / (double) memory[i]).as("fade gain at frame %d", i).isCloseTo(1 - (i - fadeStart) / (double) fade, within(1e-4));
            assertThat(rms(memory, head, head + 4_800)).as("the whole sample goes on there").isGreaterThan(0.1);
            for (int i = head; i < out.length; i++) assertThat(out[i]).as("frame %d, past the head", i).isZero();
            assertThat(voicesGoneAt[0] - fadeStart).as("frames from the fade's start to the voice's end").isBetween(fade, fade + block);
            assertThat(streamer.underruns()).isEqualTo(1);
        }
    }

    /** Renders {@code song} through region r0 alone in {@code block}-frame blocks; {@code goneAt[0]} gets the first frame after which no voice sounds. */
    private float[] renderOne(SampleStore store, Streamer streamer, MidiSong song, int block, int[] goneAt) {
        return renderOne(store, streamer, song, block, goneAt, 20_000);
    }

    private float[] renderOne(SampleStore store, Streamer streamer, MidiSong song, int block, int[] goneAt, int frames) {
        return renderOne(store, streamer, song, block, goneAt, frames, false);
    }

    /** {@code fill}: the streamer's rings are filled before each block, as an offline render does. */
    private float[] renderOne(SampleStore store, Streamer streamer, MidiSong song, int block, int[] goneAt, int frames, boolean fill) {
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(store, RATE).compile(program()), RATE, 64, 1, streamer);
        inst.setQuality(dev.loophole.signal.dsp.Interpolation.LINEAR);
        Engine engine = new Engine(RATE, block);
        engine.route(0, inst);
        float[] out = new float[frames];
        int[] pos = {0};
        OfflineRenderer renderer = new OfflineRenderer(engine, block);
        if (fill) renderer.beforeEachBlock(streamer::fillAll);
        renderer.render(song, 0, (l, r, n) -> {
            int k = Math.min(n, out.length - pos[0]);
            if (k > 0) System.arraycopy(l, 0, out, pos[0], k);
            pos[0] += n;
            if (goneAt != null && goneAt[0] < 0 && inst.activeVoices() == 0) goneAt[0] = pos[0];
        }, null);
        return out;
    }

    @Test
    void aFileDeletedUnderUsGoesOfflineAndEverythingElsePlays() throws Exception {
        SampleStore heads = new SampleStore(Long.MAX_VALUE, true);
        try (Streamer streamer = new Streamer(heads)) {
            SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(heads, RATE).compile(program()), RATE, 64, 1, streamer);
            Path gone = dir.resolve("s0.wav");
            Files.delete(gone);
            Engine engine = new Engine(RATE, 256);
            engine.route(0, inst);
            engine.dispatch(0x90, 45, 100); // s0, streamed from a file that is no longer there
            engine.dispatch(0x90, 55, 100); // s1, fine
            float[] l = new float[256], r = new float[256];
            double late = 0;
            for (int b = 0; b < 200; b++) {
                streamer.fillAll();
                engine.process(l, r, 256, new dev.loophole.signal.engine.EventBuffer(1));
                if (b > 100) late += rms(l, 0, 256);
            }
            assertThat(heads.status(gone)).isEqualTo(SampleStatus.OFFLINE);
            assertThat(streamer.failures()).isGreaterThanOrEqualTo(1);
            assertThat(inst.activeVoices()).as("the s1 voice plays on").isEqualTo(1);
            assertThat(late).isGreaterThan(0);
        }
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    @Test
    void prefetchLoadsOnlyTheHeadsTheComingNotesNeedAndIsFreeWhenWarm() throws Exception {
        SampleStore store = new SampleStore(Long.MAX_VALUE, true);
        assertThat(store.prefetch(program(), List.of(45, 46))).as("key 45 and 46: region r0 only").isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.prefetch(program(), List.of(45, 55, 65))).as("r0 is warm; r1 and r2 load").isEqualTo(2);
        assertThat(store.prefetch(program(), List.of(45, 55, 65))).isZero();
        assertThat(store.memoryBytes()).isEqualTo(3L * 2 * PatchCompiler.PRELOAD_FRAMES * 4);
    }

    @Test
    void theBudgetEvictsTheLeastRecentlyUsedHeads() throws Exception {
        long oneHead = 2L * PatchCompiler.PRELOAD_FRAMES * 4;
        SampleStore store = new SampleStore(2 * oneHead, true);
        store.prefetch(program(), List.of(45));
        store.prefetch(program(), List.of(55));
        store.prefetch(program(), List.of(45)); // touch s0: s1 is now the least recently used
        store.prefetch(program(), List.of(65));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.memoryBytes()).isEqualTo(2 * oneHead);
        assertThat(store.prefetch(program(), List.of(45))).as("s0 survived").isZero();
        assertThat(store.prefetch(program(), List.of(55))).as("s1 was evicted").isEqualTo(1);
    }
}
