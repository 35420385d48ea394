package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Conversions against values worked out by hand from the SoundFont 2.01 specification. */
class Sf2UnitsTest {
    @Test
    void timecents() {
        assertThat(Sf2Units.timecentsToSeconds(-12000)).isEqualTo(0.0009765625); // 2^-10
        assertThat(Sf2Units.timecentsToSeconds(0)).isEqualTo(1.0);
        assertThat(Sf2Units.timecentsToSeconds(1200)).isEqualTo(2.0);
        assertThat(Sf2Units.timecentsToSeconds(-1200)).isEqualTo(0.5);
        assertThat(Sf2Units.timecentsToSeconds(8000)).isCloseTo(101.593667, within(1e-6)); // 2^(20/3)
        assertThat(Sf2Units.timecentsToSeconds(-32768)).isZero();
    }

    @Test
    void absoluteCents() {
        assertThat(Sf2Units.absoluteCentsToHz(0)).isEqualTo(8.176);
        assertThat(Sf2Units.absoluteCentsToHz(6000)).isCloseTo(8.176 * 32, within(1e-12)); // 5 octaves up
        assertThat(Sf2Units.absoluteCentsToHz(13500)).isCloseTo(8.176 * Math.pow(2, 11.25), within(1e-9));
        assertThat(Sf2Units.absoluteCentsToHz(13500)).isCloseTo(19912.62, within(0.01)); // 8.176 × 2435.496
        assertThat(Sf2Units.absoluteCentsToHz(1500)).isCloseTo(19.4459, within(1e-4)); // 8.176 × 2^1.25
    }

    @Test
    void attenuationAndSustain() {
        assertThat(Sf2Units.attenuationToDb(960, 1.0)).isEqualTo(-96.0);
        assertThat(Sf2Units.attenuationToDb(960, 0.4)).isCloseTo(-38.4, within(1e-12));
        assertThat(Sf2Units.attenuationToDb(0, 0.4)).isEqualTo(-0.0);
        assertThat(Sf2Units.volEnvSustainToLevel(0)).isEqualTo(1.0);
        assertThat(Sf2Units.volEnvSustainToLevel(200)).isCloseTo(0.1, within(1e-15)); // 20 dB
        assertThat(Sf2Units.volEnvSustainToLevel(60)).isCloseTo(0.501187, within(1e-6)); // 6 dB
        assertThat(Sf2Units.modEnvSustainToLevel(0)).isEqualTo(1.0);
        assertThat(Sf2Units.modEnvSustainToLevel(250)).isEqualTo(0.75);
        assertThat(Sf2Units.modEnvSustainToLevel(1000)).isZero();
    }

    @Test
    void panQAndKeyScaling() {
        assertThat(Sf2Units.panToModel(-500)).isEqualTo(-100.0);
        assertThat(Sf2Units.panToModel(250)).isEqualTo(50.0);
        assertThat(Sf2Units.filterQToDb(960)).isEqualTo(96.0);
        // keynumToVolEnvDecay 100 tc/key: key 48 is 12 keys below 60 → +1200 tc → twice as long
        assertThat(Sf2Units.keyScaledSeconds(0, 100, 48)).isEqualTo(2.0);
        assertThat(Sf2Units.keyScaledSeconds(0, 100, 72)).isEqualTo(0.5);
        assertThat(Sf2Units.keyScaledSeconds(0, 100, 60)).isEqualTo(1.0);
    }

    @Test
    void concaveVelocityCurveIsVelocitySquaredAtFullScale() {
        assertThat(Sf2Units.concaveNegative(127)).isZero();
        assertThat(Sf2Units.concaveNegative(0)).isEqualTo(1.0);
        for (int v = 1; v <= 127; v++) {
            double gain = Math.pow(10, -960 * Sf2Units.concaveNegative(v) / 200.0);
            double expected = (v / 127.0) * (v / 127.0);
            assertThat(gain).as("velocity %d", v).isCloseTo(expected, within(1e-12));
        }
    }
}
