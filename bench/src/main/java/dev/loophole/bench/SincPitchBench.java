package dev.loophole.bench;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Issue 15: what one sinc64 voice costs at a pitch ratio, ns per voice-frame. A looping noise sample (mono or stereo)
 * transposed by its region's tune; {@code semitones} near 0 is the voice's root (0 itself reads exact frames, no
 * kernel). The goal: no ratio costs more than twice the root's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
@State(Scope.Thread)
public class SincPitchBench {
    static final int RATE = 48_000, BLOCK = 256, VOICES = 16;

    @Param({"-12", "-0.01", "0.01", "6", "11.99", "12", "24", "36", "48", "60"})
    public double semitones;

    @Param({"1", "2"})
    public int channels;

    @Param({"sinc64"})
    public String quality;

    Engine engine;
    final float[] l = new float[BLOCK], r = new float[BLOCK];
    final EventBuffer none = new EventBuffer(1);

    @Setup
    public void setUp() {
        Random rnd = new Random(1);
        float[][] noise = new float[channels][RATE * 2];
        for (float[] c : noise) for (int i = 0; i < c.length; i++) c[i] = (float) (rnd.nextGaussian() * 0.1);
        AudioData audio = new AudioData(noise, RATE, SampleFormat.FLOAT_32,
                new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(1000, RATE * 2 - 1000, 0))));
        SampleRegion.Builder b = SampleRegion.builder("r");
        b.samples.add(new SampleRef("noise"));
        b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
        b.tuning = new Tuning(60, 0, semitones * 100, 0, 0, 200, -200); // no key tracking: every key plays the ratio
        Program p = new Program("p", "bench", List.of(new SampleGroup("g", "g", List.of(b.build()))), null, Map.of(), Map.of(), List.of());
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(ref -> new SampleData("noise", audio), RATE).compile(p), RATE, 64, 1);
        inst.setQuality(Interpolation.byName(quality));
        engine = new Engine(RATE, BLOCK);
        engine.route(0, inst);
        for (int v = 0; v < VOICES; v++) engine.dispatch(0x90, 40 + v, 100);
        if (engine.activeVoices() != VOICES) throw new IllegalStateException(engine.activeVoices() + " voices");
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK * VOICES)
    public float voices() {
        engine.process(l, r, BLOCK, none);
        return l[17];
    }
}
