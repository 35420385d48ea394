package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.midi.MidiEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFZ modulation opcodes from text to sound: the importer's names and the engine's must meet, and
 * none of these opcodes may be reported as not played.
 */
class SfzModulationPlaybackTest {
    @TempDir static Path dir;

    @BeforeAll
    static void samples() throws Exception {
        SfzPlayer.write(dir, "dc.wav", Fixtures.constant(0.5f, 96_000));
        SfzPlayer.write(dir, "sine.wav", Fixtures.sine(440, 96_000, 0.5));
        SfzPlayer.write(dir, "stereo.wav", Fixtures.constant(0.8f, 48_000), Fixtures.constant(0f, 48_000));
    }

    private static float[][] play(String sfz, List<MidiEvent> ev, int frames) throws Exception {
        return SfzPlayer.play(dir, sfz, ev, frames);
    }

    static double db(double x) { return 20 * Math.log10(x); }

    private static double cents(double hz) { return 1200 * Math.log(hz / 440) / Math.log(2); }

    @Test
    void controllerRoutingsWithCurvesAndAVelocityCurve() throws Exception {
        String sfz = """
                <curve> curve_index=7 v000=0 v127=1 v064=0.1
                <region> sample=dc.wav amp_veltrack=0 volume_oncc1=-20 volume_curvecc1=7 pan_oncc2=100
                """;
        float[][] out = play(sfz, events(0, 0xB0, 1, 64, 0, 0xB0, 2, 127, 0, 0x90, 60, 100), 4_000);
        // curve 7 gives 0.1 at 64: −2 dB; pan +100 on the MMA law: all on the right, 3 dB up
        assertThat(out[0][2_000]).isCloseTo(0f, within(1e-6f));
        assertThat(db(out[1][2_000] / (0.5 * Math.sqrt(2)))).isCloseTo(-2, within(0.01));
        float[][] v = play("<region> sample=dc.wav amp_velcurve_64=0.25 amp_velcurve_127=1\n", events(0, 0x90, 60, 64), 4_000);
        assertThat(v[0][2_000]).isCloseTo(0.125f, within(1e-6f));
    }

    @Test
    void anLfoWhoseDepthIsOnAController() throws Exception {
        String sfz = """
                <region> sample=sine.wav pitch_keytrack=0 lfo1_freq=1 lfo1_wave=3 lfo1_pitch=0 lfo1_pitch_oncc1=100
                """;
        float[][] out = play(sfz, events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 48_000);
        assertThat(cents(Fixtures.measureFrequency(out[0], 4_800, 19_200))).isCloseTo(100, within(0.05));
        assertThat(cents(Fixtures.measureFrequency(out[0], 28_800, 43_200))).isCloseTo(-100, within(0.05));
    }

    @Test
    void envelopeDepthOnAController() throws Exception {
        // pitcheg holds at full level (sustain 100 %): its depth, set by cc1, is the transposition
        String sfz = "<region> sample=sine.wav pitch_keytrack=0 pitcheg_sustain=100 pitcheg_depthcc1=1200\n";
        float[][] full = play(sfz, events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 30_000);
        assertThat(cents(Fixtures.measureFrequency(full[0], 2_000, 28_000))).isCloseTo(1200, within(0.05));
        float[][] half = play(sfz, events(0, 0xB0, 1, 64, 0, 0x90, 60, 100), 30_000);
        assertThat(cents(Fixtures.measureFrequency(half[0], 2_000, 28_000))).isCloseTo(1200 * 64 / 127.0, within(0.05));
    }

    @Test
    void aFlexEnvelopeAsTheAmplitudeEnvelope() throws Exception {
        String sfz = """
                <region> sample=dc.wav amp_veltrack=0 eg1_ampeg=1
                  eg1_time0=0 eg1_level0=0 eg1_time1=0.1 eg1_level1=1 eg1_time2=0.2 eg1_level2=0.5 eg1_sustain=2
                  eg1_time3=0.3 eg1_level3=0
                """;
        float[][] out = play(sfz, events(0, 0x90, 60, 100, 24_000, 0x80, 60, 0), 48_000);
        assertThat(out[0][2_400]).isCloseTo(0.25f, within(1e-5f));
        assertThat(out[0][20_000]).isCloseTo(0.25f, within(1e-6f));
        assertThat(out[0][24_000 + 7_200]).isCloseTo(0.125f, within(1e-5f));
        assertThat(out[0][47_000]).isEqualTo(0f);
    }

    @Test
    void widthAndPositionOfAStereoSample() throws Exception {
        float[][] out = play("<region> sample=stereo.wav width=0\n", events(0, 0x90, 60, 127), 4_000);
        assertThat(out[0][2_000]).isCloseTo(0.4f, within(1e-6f));
        assertThat(out[1][2_000]).isCloseTo(0.4f, within(1e-6f));
        float[][] swapped = play("<region> sample=stereo.wav width=-100\n", events(0, 0x90, 60, 127), 4_000);
        assertThat(swapped[0][2_000]).isCloseTo(0f, within(1e-6f));
        assertThat(swapped[1][2_000]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void filterTwoAndAnEqBandFromOpcodes() throws Exception {
        String dry = "<region> sample=sine.wav pitch_keytrack=0\n";
        String wet = "<region> sample=sine.wav pitch_keytrack=0 cutoff=4000 fil_type=lpf_2p cutoff2=220 fil2_type=hpf_2p eq1_freq=440 eq1_gain=6 eq1_bw=1\n";
        float[][] d = play(dry, events(0, 0x90, 60, 127), 30_000), w = play(wet, events(0, 0x90, 60, 127), 30_000);
        double measured = db(VoiceModulationTest.rms(w[0], 10_000, 30_000) / VoiceModulationTest.rms(d[0], 10_000, 30_000));
        double expected = dev.loophole.signal.dsp.CookbookResponse.db(dev.loophole.signal.dsp.FilterType.LPF_2P, 4000, 0, 0, 440, Fixtures.RATE)
                + dev.loophole.signal.dsp.CookbookResponse.db(dev.loophole.signal.dsp.FilterType.HPF_2P, 220, 0, 0, 440, Fixtures.RATE)
                + 6;
        assertThat(measured).isCloseTo(expected, within(0.1));
    }

    @Test
    void noteStartTargetsFromControllers() throws Exception {
        // ampeg_attack_oncc1=1: a full controller makes the attack 1 s long; offset_oncc2 moves the start
        float[][] out = play("<region> sample=dc.wav amp_veltrack=0 ampeg_attack_oncc1=1\n", events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 30_000);
        assertThat(out[0][24_000]).isCloseTo(0.25f, within(1e-4f));
        float[] r = new float[48_000];
        for (int i = 0; i < r.length; i++) r[i] = i / 65_536f;
        SfzPlayer.write(dir, "ramp.wav", r);
        float[][] o = play("<region> sample=ramp.wav amp_veltrack=0 pitch_keytrack=0 offset_oncc2=12700\n", events(0, 0xB0, 2, 64, 0, 0x90, 60, 100), 2_000);
        assertThat(o[0][0] * 65_536f).isCloseTo(6_400f, within(0.5f));
    }
}
