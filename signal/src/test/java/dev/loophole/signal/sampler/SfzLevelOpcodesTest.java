package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static dev.loophole.signal.sampler.SfzPlayer.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ARIA level and tuning opcodes real libraries use (global_, master_, group_ volume, amplitude and tune;
 * amp_veltrack_onccN with its curve; modulation depths past the documented ±100), measured on rendered audio
 * against what their SFZ definitions say. The sample is a constant 0.5, so every frame is the level itself.
 */
class SfzLevelOpcodesTest {
    @TempDir static Path dir;
    static final double DC = 0.5;

    @BeforeAll
    static void samples() throws Exception {
        SfzPlayer.write(dir, "dc.wav", Fixtures.constant((float) DC, 48_000));
        SfzPlayer.write(dir, "sine.wav", Fixtures.sine(440, 48_000, 0.5));
        SfzPlayer.write(dir, "sine2k.wav", Fixtures.sine(2000, 48_000, 0.5));
    }

    /** The level of key {@code key} at velocity {@code vel}, after {@code ccs} (pairs of controller, value), in dB of the sample. */
    private static double levelDb(String sfz, int key, int vel, int... ccs) throws Exception {
        long[] ev = new long[ccs.length * 2 + 4];
        for (int i = 0; i < ccs.length; i += 2) { ev[i * 2 + 1] = 0xB0; ev[i * 2 + 2] = ccs[i]; ev[i * 2 + 3] = ccs[i + 1]; }
        ev[ccs.length * 2 + 1] = 0x90;
        ev[ccs.length * 2 + 2] = key;
        ev[ccs.length * 2 + 3] = vel;
        float[][] out = SfzPlayer.play(dir, sfz, events(ev), 4_000);
        return db(out[0][2_000] / DC); // centred on the MMA law: each side at the voice's level
    }

    @Test
    void globalMasterAndGroupVolumesAddToTheRegionsVolume() throws Exception {
        String sfz = """
                <global> global_volume=-6 amp_veltrack=0 sample=dc.wav
                <master> master_volume=-3
                <group> group_volume=-2 volume=-1
                <region> key=60 volume=-4
                <region> key=61
                <group>
                <region> key=62
                """;
        // The region's volume replaces the group's volume (SFZ inheritance); the level volumes add to it.
        assertThat(levelDb(sfz, 60, 100)).isCloseTo(-6 - 3 - 2 - 4, within(0.001));
        assertThat(levelDb(sfz, 61, 100)).isCloseTo(-6 - 3 - 2 - 1, within(0.001));
        // A new <group> clears group_volume; global and master stay.
        assertThat(levelDb(sfz, 62, 100)).isCloseTo(-6 - 3, within(0.001));
    }

    @Test
    void globalMasterAndGroupAmplitudesMultiply() throws Exception {
        String sfz = """
                <global> global_amplitude=50 amp_veltrack=0 sample=dc.wav
                <master> master_amplitude=80
                <group> group_amplitude=25
                <region> key=60 amplitude=50
                """;
        assertThat(levelDb(sfz, 60, 100)).isCloseTo(db(0.5 * 0.8 * 0.25 * 0.5), within(0.001));
    }

    @Test
    void anAmplitudeControllerStillAddsToTheRegionsOwnAmplitudeUnderAGroupAmplitude() throws Exception {
        String sfz = "<group> group_amplitude=50 <region> sample=dc.wav amp_veltrack=0 amplitude=40 amplitude_oncc1=60\n";
        // (40 % + 60 % of cc1 at 127) × 50 %
        assertThat(levelDb(sfz, 60, 100, 1, 127)).isCloseTo(db(1.0 * 0.5), within(0.001));
    }

    @Test
    void globalMasterAndGroupTunesAddToTheRegionsTune() throws Exception {
        String sfz = """
                <global> global_tune=100 sample=sine.wav pitch_keytrack=0
                <master> master_tune=200
                <group> group_tune=-50
                <region> tune=10
                """;
        float[][] out = SfzPlayer.play(dir, sfz, events(0, 0x90, 60, 100), 24_000);
        assertThat(Fixtures.measureFrequency(out[0], 2_400, 21_600)).isCloseTo(440 * Math.pow(2, 260 / 1200.0), within(0.05));
    }

    @Test
    void ampVeltrackOnAControllerThroughItsCurve() throws Exception {
        String straight = "<region> sample=dc.wav amp_veltrack=0 amp_veltrack_oncc99=100\n";
        double v = 64 / 127.0;
        // cc99 at 0: no velocity tracking; at 127: full tracking, the standard curve's (vel/127)²
        assertThat(levelDb(straight, 60, 64, 99, 0)).isCloseTo(0, within(0.001));
        assertThat(levelDb(straight, 60, 64, 99, 127)).isCloseTo(db(v * v), within(0.001));
        // Through curve 4 (x²): cc99 at 64 gives (64/127)² of 100 %; the gain is 1 + t × ((vel/127)² − 1)
        String curved = "<region> sample=dc.wav amp_veltrack=0 amp_veltrack_oncc99=100 amp_veltrack_curvecc99=4\n";
        double t = v * v;
        assertThat(levelDb(curved, 60, 64, 99, 64)).isCloseTo(db(1 + t * (v * v - 1)), within(0.001));
        // Added to amp_veltrack and held to ±100 %: 100 + 100 tracks as 100 does
        String both = "<region> sample=dc.wav amp_veltrack=100 amp_veltrack_oncc99=100\n";
        assertThat(levelDb(both, 60, 64, 99, 127)).isCloseTo(db(v * v), within(0.001));
    }

    @Test
    void amplitudeDepthsBeyondAHundredPercentPlayAsWritten() throws Exception {
        // amplitude_oncc70=200 (a public piano library's setting): cc70 at 127 makes 100 % + 200 % = 300 %
        String sfz = "<region> sample=dc.wav amp_veltrack=0 amplitude_oncc70=200\n";
        assertThat(levelDb(sfz, 60, 100, 70, 127)).isCloseTo(db(3), within(0.001));
        assertThat(levelDb(sfz, 60, 100, 70, 0)).isCloseTo(0, within(0.001));
        // a pitch controller's depth goes to ±12000 cents in players (documented: ±9600): 2 kHz nine octaves down
        String wide = "<region> sample=sine2k.wav pitch_keytrack=0 pitch_oncc1=-10800\n";
        float[][] out = SfzPlayer.play(dir, wide, events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 60_000);
        assertThat(Fixtures.measureFrequency(out[0], 1_000, 59_000)).isCloseTo(2000 * Math.pow(2, -10800 / 1200.0), within(0.01));
    }
}
