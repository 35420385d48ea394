package dev.loophole.bench;

import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Voice cost with a filter: one cubic voice through each filter type (cutoff static, and moving under a
 * filter envelope), and the reference load — 256 voices of a piano-like program: cubic
 * interpolation, a 2-pole low-pass opened by a filter envelope and velocity, an amp envelope. Scores are
 * ns per voice-frame; the 2,000-voice aim at 48 kHz on one core needs ≤ 10.4 ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@State(Scope.Thread)
public class FilterVoiceBench {
    static final int RATE = 48_000, BLOCK = 256;

    @Param({"lpf_1p", "lpf_2p", "lpf_4p", "lpf_6p", "lpf_2p_sv", "bpf_2p", "peq"})
    public String filter;

    @Param({"static", "fileg"})
    public String cutoff;

    Engine one, piano;
    final float[] l = new float[BLOCK], r = new float[BLOCK];
    final EventBuffer none = new EventBuffer(1);

    @Setup
    public void setUp() {
        one = engine(1, filter, cutoff.equals("fileg"));
        piano = engine(256, "lpf_2p", true);
    }

    static Engine engine(int voices, String type, boolean envelope) {
        return VoiceBench.loopingNoise(voices, Interpolation.CUBIC, b -> {
            b.filters.add(new Filter(type, 1200, 3, 20, 60, 2400, 3));
            // a long filter envelope, so the cutoff moves for the whole measurement
            Envelope fil = envelope ? new Envelope(0, 0, 0.005, 0, 60, 0.3, 0.5, 3600, 0, 0, 0, 0, 0, 0, 0) : Envelope.MOD_DEFAULT;
            Envelope amp = new Envelope(0, 0, 0.002, 0, 60, 0.5, 0.4, 0, 0, 0, 0, 0, 0, 0, 0);
            b.envelopes = new Envelopes(amp, fil, Envelope.MOD_DEFAULT);
        }, v -> 40 + v % 80);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public float oneFilteredVoice() {
        one.process(l, r, BLOCK, none);
        return l[17];
    }

    /** The reference load; independent of the parameters (run it with -p filter=lpf_2p -p cutoff=fileg). */
    @Benchmark
    @OperationsPerInvocation(BLOCK * 256)
    public float pianoVoices256() {
        piano.process(l, r, BLOCK, none);
        return l[17];
    }
}
