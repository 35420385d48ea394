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
 * Cost of sampler voices: one 256-frame block of N looping stereo-mixed voices at assorted pitches.
 * Figures are per voice-frame: divide the score by 256 × voices (done by OperationsPerInvocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@State(Scope.Thread)
public class VoiceBench {
    static final int RATE = 48_000, BLOCK = 256;

    @Param({"nearest", "linear", "cubic", "sinc8", "sinc16", "sinc32", "sinc64"})
    public String quality;

    Engine one, many;
    final float[] l = new float[BLOCK], r = new float[BLOCK];
    final EventBuffer none = new EventBuffer(1);

    @Setup
    public void setUp() {
        one = engine(1);
        many = engine(256);
    }

    private Engine engine(int voices) {
        return loopingNoise(voices, Interpolation.byName(quality), b -> { }, v -> 100);
    }

    /**
     * An engine holding {@code voices} notes of one looping noise region (set up further by {@code setup}),
     * on keys spread around the root so the pitch ratios are fractional; shared by the voice benchmarks.
     */
    static Engine loopingNoise(int voices, int quality, java.util.function.Consumer<SampleRegion.Builder> setup,
                               java.util.function.IntUnaryOperator velocity) {
        Random rnd = new Random(1);
        float[] noise = new float[RATE * 2];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (rnd.nextGaussian() * 0.1);
        AudioData audio = new AudioData(new float[][] {noise}, RATE, SampleFormat.FLOAT_32,
                new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(1000, noise.length - 1000, 0))));
        SampleRegion.Builder b = SampleRegion.builder("r");
        b.samples.add(new SampleRef("noise"));
        b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
        setup.accept(b);
        Program p = new Program("p", "bench", List.of(new SampleGroup("g", "g", List.of(b.build()))), null, Map.of(), Map.of(), List.of());
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(ref -> new SampleData("noise", audio), RATE).compile(p), RATE, 512, 1);
        inst.setQuality(quality);
        Engine e = new Engine(RATE, BLOCK);
        e.route(0, inst);
        e.route(1, inst);
        for (int v = 0; v < voices; v++) e.dispatch(0x90 | (v / 128), 20 + (v % 88) + (v / 88) % 2, velocity.applyAsInt(v));
        if (e.activeVoices() != voices) throw new IllegalStateException(e.activeVoices() + " voices, expected " + voices);
        return e;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public float oneVoice() {
        one.process(l, r, BLOCK, none);
        return l[17];
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK * 256)
    public float voices256() {
        many.process(l, r, BLOCK, none);
        return l[17];
    }
}
