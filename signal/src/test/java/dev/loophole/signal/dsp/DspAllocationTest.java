package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The real-time rule for the voice DSP units, measured: steady-state processing allocates 0 bytes. */
class DspAllocationTest {

    @Test
    void filterLfoAndInterpolatorAllocateNothingPerBlock() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        VoiceFilter[] filters = new VoiceFilter[FilterType.values().length];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = new VoiceFilter(48_000);
            filters[i].setType(FilterType.values()[i]);
        }
        Rng rng = new Rng(9);
        Lfo lfo = new Lfo(48_000, rng), sh = new Lfo(48_000, rng);
        lfo.setSteps(new double[] {10, -20, 30});
        lfo.setSmooth(0.001);
        lfo.setFrequency(7);
        sh.setWave(Lfo.SAMPLE_AND_HOLD);
        sh.setFrequency(30);
        lfo.trigger();
        sh.trigger();
        SincInterpolator si = new SincInterpolator(64).prepareStretches();
        float[] src = new float[4096];
        for (int i = 0; i < src.length; i++) src[i] = (float) Math.sin(i * 0.05);
        float[] window = new float[1024];
        float[] l = new float[256], r = new float[256], mod = new float[256];
        long before = 0;
        for (int b = 0; b < 3000; b++) {
            if (b == 1000) before = mx.getCurrentThreadAllocatedBytes();
            lfo.process(mod, 0, 256);
            sh.process(mod, 0, 256);
            double ratio = 0.5 + (b % 7) * 0.3;
            int reach = si.reach(ratio);
            SincInterpolator.gather(src, 100, 3000, b % 2 == 0, 2900 + b % 50, window, (int) Math.ceil(256 * ratio) + 2 * reach + 2);
            si.process(window, reach, ratio, l, 0, 256);
            System.arraycopy(l, 0, r, 0, 256);
            for (VoiceFilter f : filters) {
                for (int s = 0; s < 256; s += 16) { // per sub-block modulation, as a voice does it
                    f.setParameters(200 + 5000 * (1 + mod[s]), 6 + 6 * mod[s], 6, 1);
                    f.process(l, r, s, s + 16);
                }
            }
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated over 2,000 blocks").isZero();
    }
}
