package dev.loophole.signal.sampler;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.OfflineRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds programs over in-memory samples and renders event lists, for tests of the voice logic. */
final class Fixtures {
    static final int RATE = 48_000;

    final Map<String, AudioData> samples = new HashMap<>();
    final List<SampleRegion> regions = new ArrayList<>();
    final Map<Integer, dev.loophole.model.Curve> curves = new HashMap<>();

    Fixtures stereo(String name, float[] left, float[] right) {
        samples.put(name, new AudioData(new float[][] {left, right}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        return this;
    }

    Fixtures sample(String name, float[] mono) { return sample(name, mono, SampleMetadata.NONE); }

    Fixtures sample(String name, float[] mono, SampleMetadata meta) {
        samples.put(name, new AudioData(new float[][] {mono}, RATE, SampleFormat.FLOAT_32, meta));
        return this;
    }

    Fixtures region(String sample, Consumer<SampleRegion.Builder> setup) {
        SampleRegion.Builder b = SampleRegion.builder("r" + regions.size());
        b.samples.add(new SampleRef(sample));
        setup.accept(b);
        regions.add(b.build());
        return this;
    }

    Program program() {
        return new Program("p", "test", List.of(new SampleGroup("g", "g", regions)), null, Map.of(), Map.of(), List.of(), curves, List.of());
    }

    SampleProvider provider() {
        return ref -> {
            AudioData a = samples.get(ref.path());
            if (a == null) throw new IOException(ref.path() + ": no such sample");
            return new SampleData(ref.path(), a);
        };
    }

    SamplerInstrument instrument(long seed) {
        return instrument(seed, VoiceThread.AUDIO);
    }

    SamplerInstrument instrument(long seed, VoiceThread thread) {
        Patch patch = new PatchCompiler(provider(), RATE).compile(program());
        return new SamplerInstrument(patch, RATE, 64, seed, null, thread);
    }

    /** Renders events (tick = frame at 1 tick per frame through a 48 kHz tempo map) to stereo arrays. */
    float[][] render(SamplerInstrument inst, List<MidiEvent> events, int frames) {
        Engine engine = new Engine(RATE, 256);
        for (int c = 0; c < 16; c++) engine.route(c, inst);
        // ppq 24000 at 500000 µs per quarter = 48000 ticks per second: one tick per frame.
        MidiSong song = new MidiSong("t", new TempoMap(24_000, List.of()), events);
        float[][] out = new float[2][frames];
        int[] pos = {0};
        new OfflineRenderer(engine, 256).render(song, Math.max(0, frames - song.lastTick() - 1) / (double) RATE, (l, r, n) -> {
            int k = Math.min(n, frames - pos[0]);
            if (k > 0) { System.arraycopy(l, 0, out[0], pos[0], k); System.arraycopy(r, 0, out[1], pos[0], k); }
            pos[0] += n;
        }, null);
        return out;
    }

    static List<MidiEvent> events(long... tickStatusD1D2) {
        List<MidiEvent> out = new ArrayList<>();
        for (int i = 0; i < tickStatusD1D2.length; i += 4)
            out.add(new MidiEvent(tickStatusD1D2[i], (int) tickStatusD1D2[i + 1], (int) tickStatusD1D2[i + 2], (int) tickStatusD1D2[i + 3], 0, i));
        return out;
    }

    static float[] sine(double freq, int frames, double amp) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) s[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / RATE));
        return s;
    }

    static float[] constant(float v, int frames) {
        float[] s = new float[frames];
        java.util.Arrays.fill(s, v);
        return s;
    }

    static double measureFrequency(float[] x, int from, int to) {
        return dev.loophole.signal.testing.Pitch.zeroCrossingHz(x, from, to, RATE);
    }
}
