package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Offline voices make the stretch tables when first needed, live ones before; both give the same bits. */
class VoiceThreadTest {
    /** A stretch s ∈ (1, 2] reads table j = ⌈32·log2 s⌉ (the smallest 2^(j/32) at or above it). */
    private static int table(double s) { return (int) Math.ceil(32 * Math.log(s) / Math.log(2) - 1e-12); }

    @Test
    void anOfflineReadBetweenOctavesMakesTheStretchTablesAndOnlyThen() {
        SincInterpolator sinc = new SincInterpolator(32); // its own, not the voices' shared one: nothing prepared yet
        assertThat(SincReader.kernel(false, sinc, 1.5)).as("live, unprepared: the stretched kernel").isEqualTo(-1);
        assertThat(SincReader.kernel(true, sinc, 0.7)).as("pitched down: the designed kernel").isZero();
        assertThat(SincReader.kernel(true, sinc, 3.0)).as("beyond two: no table serves it").isEqualTo(-1);
        assertThat(sinc.kernel(1.5)).as("a stretch beyond two made no tables").isEqualTo(-1);
        assertThat(SincReader.kernel(true, sinc, 1.5)).isEqualTo(table(1.5)).isEqualTo(19);
        assertThat(sinc.kernel(1.25)).as("made once, for every stretch").isEqualTo(table(1.25));
        assertThat(SincReader.kernel(false, sinc, 1.9)).as("and then live voices read them too").isEqualTo(table(1.9));
    }

    /** Notes below, at, between and beyond octaves of the root (60): the same frames from an offline instrument (scalar cubic at first) as from a live one. */
    @ParameterizedTest
    @ValueSource(ints = {Interpolation.CUBIC, Interpolation.SINC_32, Interpolation.SINC_64})
    void offlineAndLiveInstrumentsRenderTheSameBits(int quality) {
        var offline = render(VoiceThread.OFFLINE, quality); // first: in a JVM of its own the tables are made mid-render
        var live = render(VoiceThread.AUDIO, quality);
        for (int c = 0; c < 2; c++) {
            assertThat(peak(live[c])).as("the render is not silence").isGreaterThan(0.1f);
            assertThat(offline[c].length).isEqualTo(live[c].length);
            assertThat(java.util.Arrays.mismatch(offline[c], live[c])).as("first frame that differs, channel " + c).isEqualTo(-1);
        }
    }

    private static float[][] render(VoiceThread thread, int quality) {
        Fixtures fx = new Fixtures().sample("s", Fixtures.sine(441, 48_000, 0.25)).region("s", b -> {});
        SamplerInstrument inst = fx.instrument(7, thread);
        inst.setQuality(quality);
        return fx.render(inst, events(0, 0x90, 53, 100, 0, 0x90, 60, 100, 0, 0x90, 65, 100, 0, 0x90, 79, 100, 0, 0x90, 91, 100), 24_000);
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }
}
