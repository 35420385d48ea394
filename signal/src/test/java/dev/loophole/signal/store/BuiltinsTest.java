package dev.loophole.signal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SFZ's built-in samples play at the key's pitch like any sample. */
class BuiltinsTest {
    static final int RATE = 48_000;

    static float[] play(String builtin, int key, int frames) {
        SampleRegion.Builder b = SampleRegion.builder("r");
        b.samples.add(new SampleRef(builtin));
        Program p = new Program("p", "b", List.of(new SampleGroup("g", "g", List.of(b.build()))), null, Map.of(), Map.of(), List.of());
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(new SampleStore(1 << 20, true), RATE).compile(p), RATE, 8, 1);
        inst.setQuality(Interpolation.SINC_64);
        Engine e = new Engine(RATE, 256);
        e.route(0, inst);
        e.dispatch(0x90, key, 127);
        float[] out = new float[frames], l = new float[256], r = new float[256];
        for (int i = 0; i < frames; i += 256) {
            e.process(l, r, 256, new EventBuffer(1));
            System.arraycopy(l, 0, out, i, Math.min(256, frames - i));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"*sine, 60", "*sine, 69", "*saw, 45", "*square, 81", "*triangle, 72"})
    void periodicBuiltinsSoundAtTheKeysPitch(String builtin, int key) {
        float[] out = play(builtin, key, 48_000);
        double expected = 440 * Math.pow(2, (key - 69) / 12.0);
        double f = dev.loophole.signal.testing.Pitch.regressionHz(out, 2_000, 46_000, RATE);
        assertThat(1200 * Math.log(f / expected) / Math.log(2)).isCloseTo(0, within(0.05));
    }

    @ParameterizedTest
    @CsvSource({"*silence", "*noise"})
    void silenceIsSilentAndNoiseIsNot(String builtin) {
        float[] out = play(builtin, 60, 9_600);
        double sum = 0;
        for (float v : out) sum += v * v;
        if (builtin.equals("*silence")) assertThat(sum).isZero();
        else assertThat(Math.sqrt(sum / out.length)).isBetween(0.3, 0.8); // uniform ±1: RMS 0.577
    }
}
