package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Sf2TestWriter.gen;
import static dev.loophole.formats.sf2.Sf2TestWriter.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Curve;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank's own modulators to matrix routings: each destination's unit conversion, each source shape's curve table,
 * and the ones kept unplayed. Source words per SoundFont 2.01 section 8.2: index bits 0-6, CC bit 7, direction bit 8,
 * polarity bit 9, type bits 10-15 (0 linear, 1 concave, 2 convex, 3 switch). Expected numbers are worked out by hand.
 */
class Sf2BankModulatorTest {
    @TempDir static Path dir;
    static Program program;
    static SampleRegion region;
    static Sf2Bank bank;

    static final int CC = 0x80, NEG = 0x100, BIPOLAR = 0x200, CONCAVE = 0x400, CONVEX = 0x800, SWITCH = 0xC00;

    static Sf2TestWriter.Mod mod(int src, int dest, int amount) { return new Sf2TestWriter.Mod(src, dest, amount, 0, 0); }

    @BeforeAll
    static void load() throws IOException {
        Sf2TestWriter w = new Sf2TestWriter();
        int s = w.sample("Tone", TestBanks.ramp(64, 10), null, 32000, 60, 0, 8, 56, Sf2Sample.MONO, 0);
        List<Sf2TestWriter.Mod> mods = List.of(
                mod(CC | 2, 9, 100),                          // CC2 → initialFilterQ 100 cB
                mod(CONCAVE | CC | 21, 48, 480),              // CC21 concave → initialAttenuation 480 cB
                mod(BIPOLAR | CC | 22, 17, 500),              // CC22 bipolar → pan 50 %
                mod(BIPOLAR | 14, 52, 50),                    // pitch wheel bipolar → fineTune 50 cents
                mod(SWITCH | CC | 64, 51, 12),                // CC64 switch → coarseTune 12 semitones
                mod(13, 5, 100),                              // channel pressure → modLfoToPitch 100 cents
                mod(CONVEX | CC | 1, 10, 1200),               // CC1 convex → modLfoToFilterFc 1200 cents
                mod(CC | 2, 13, 60),                          // CC2 → modLfoToVolume 60 cB
                mod(CC | 2, 6, 30),                           // CC2 → vibLfoToPitch 30 cents
                mod(CONCAVE | BIPOLAR | CC | 23, 9, 50),      // CC23 bipolar concave → initialFilterQ 50 cB
                new Sf2TestWriter.Mod(NEG | CC | 24, 8, -600, 0, 2), // CC24 falling, |x| transform → initialFilterFc −600
                mod(CC | 3, 34, 1200),                        // CC3 → attackVolEnv: no matrix target
                new Sf2TestWriter.Mod(CC | 4, 8, 100, CC | 5, 0), // CC4 × CC5 → initialFilterFc: secondary source
                new Sf2TestWriter.Mod(CONCAVE | 2, 9, -470, SWITCH | 2, 0), // velocity concave × velocity switch → Q (FluidR3's brass)
                mod(CC | 6, 7, 300));                         // CC6 → modEnvToPitch: no matrix target
        int inst = w.instrument("M", zone(mods, gen(TestBanks.SAMPLE_ID, s)));
        w.preset("P", 0, 0, zone(gen(TestBanks.INSTRUMENT, inst)));
        Path f = dir.resolve("own.sf2");
        Files.write(f, w.build());
        bank = Sf2Importer.load(f, new Sf2Options(Sf2Units.EMU_ATTENUATION_SCALE, false, 1000));
        program = bank.programs().getFirst();
        region = program.regions().getFirst();
    }

    /** The routing from {@code source} to {@code target}. */
    static Modulation route(String source, String target) {
        return region.modulation().stream().filter(m -> m.source().equals(source) && m.target().equals(target)).findFirst().orElseThrow();
    }

    /** The curve a routing reads (curve 0, the straight line, has no table). */
    static Curve curve(String source, String target) { return program.curves().get(route(source, target).curve()); }

    @Test
    void destinationsConvertToTheTargetsUnits() {
        // {source, target, depth}: the depth in the target's unit, worked out from the amount
        Object[][] expected = {
                {"cc2", "resonance", 10.0},         // 100 cB = 10 dB
                {"cc21", "volume", -48.0},          // 480 cB of attenuation, unscaled
                {"cc22", "pan", 100.0},             // 500 × 0.1 % = model 100
                {"cc128", "pitch", 50.0},           // wheel −1..1 × 50 cents
                {"cc64", "pitch", 1200.0},          // 12 semitones
                {"cc129", "lfo1_pitch", 100.0},     // depth of the lfo1 → pitch routing
                {"cc1", "fillfo_depth", 1200.0},
                {"cc2", "amplfo_depth", 6.0},       // 60 cB = 6 dB
                {"cc2", "pitchlfo_depth", 30.0},
                {"cc23", "resonance", 5.0},
                {"cc24", "cutoff", 600.0},          // |−600 × (1 − x)|
                {"cc131", "resonance", -47.0}};     // one table: concave × switch
        for (Object[] e : expected) assertThat(route((String) e[0], (String) e[1]).depth()).as("%s → %s", e[0], e[1]).isEqualTo(e[2]);
        // Rising, unipolar, linear controllers need no table; every other shape has one, within SFZ's curve indices.
        assertThat(route("cc2", "resonance").curve()).isZero();
        assertThat(route("cc129", "lfo1_pitch").curve()).isZero();
        assertThat(region.modulation()).allSatisfy(m -> assertThat(m.curve()).isBetween(0, 255));
        assertThat(route("cc22", "pan").curve()).isEqualTo(route("cc128", "pitch").curve()); // both bipolar linear
        // What those routings modulate exists although the generators are 0: LFO 1 with its pitch routing, the
        // modLfo's cutoff target, and a filter (velocity→cutoff is off in these options).
        assertThat(region.lfos()).containsExactly(new Lfo(1, 8.176, 0, 0.000977, 0, 0, 0,
                List.of(), 0, 0, List.of()));
        assertThat(region.modulation()).contains(Modulation.of("lfo1", "pitch", 0));
        assertThat(region.otherOpcodes()).containsEntry("fillfo_freq", "8.176").containsEntry("fillfo_depth", "0")
                .containsEntry("amplfo_freq", "8.176").containsEntry("amplfo_depth", "0");
        assertThat(region.filters()).hasSize(1);
        assertThat(region.filters().getFirst().cutoff()).isCloseTo(8.176 * Math.pow(2, 13500 / 1200.0), within(1e-6));
    }

    @Test
    void unplayableModulatorsStayInSf2UnitsWithOneWarningPerReason() {
        assertThat(region.modulation()).contains(new Modulation("cc3", "sf2_attackVolEnv", 1200, 0, 0),
                new Modulation("cc4", "sf2_initialFilterFc", 100, 0, 0), new Modulation("cc6", "sf2_modEnvToPitch", 300, 0, 0));
        assertThat(bank.diagnostics()).filteredOn(d -> d.message().contains("a bank modulator is not played")).extracting(d -> d.message()
                .replaceAll(".*not played: ", "")).containsExactlyInAnyOrder(
                "destination attackVolEnv has no matrix target; kept as target sf2_attackVolEnv in SF2 units",
                "a secondary (amount) source other than the primary's controller cannot scale a controller routing; "
                        + "kept as target sf2_initialFilterFc in SF2 units",
                "destination modEnvToPitch has no matrix target; kept as target sf2_modEnvToPitch in SF2 units");
    }

    @Test
    void sourceShapesBecomeCurveTables() {
        // Seven shapes, numbered from 101 in order of use; 100 is the default CC7/CC11 concave.
        assertThat(program.curves()).containsOnlyKeys(100, 101, 102, 103, 104, 105, 106, 107);
        Curve concave = curve("cc21", "volume"), bipolar = curve("cc22", "pan"), convex = curve("cc1", "fillfo_depth"),
                bipolarConcave = curve("cc23", "resonance"), toggle = curve("cc64", "pitch"), falling = curve("cc24", "cutoff"),
                product = curve("cc131", "resonance");
        // Concave rising: −20/96 · log10((1 − v/127)²): 0 at 0, (63/127)² = 0.246078 → 0.126860 at 64, 1 at 127.
        assertThat(concave.at(0)).isZero();
        assertThat(concave.at(64)).isCloseTo(0.126860, within(1e-6));
        assertThat(concave.at(127)).isEqualTo(1.0);
        // Convex is 1 − concave mirrored: at 64, 1 − (−20/96 · log10((64/127)²)) = 1 − 0.124010 = 0.875990.
        assertThat(convex.at(0)).isZero();
        assertThat(convex.at(64)).isCloseTo(0.875990, within(1e-6));
        assertThat(convex.at(127)).isEqualTo(1.0);
        // Bipolar linear −1..1; bipolar concave is the concave shape on each half, mirrored:
        // at 96, y = 2·96/127 − 1 = 0.511811 → −20/96 · log10(0.488189²) = 0.129755; at 31 the same negated.
        assertThat(bipolar.at(0)).isEqualTo(-1.0);
        assertThat(bipolar.at(127)).isEqualTo(1.0);
        assertThat(bipolarConcave.at(96)).isCloseTo(0.129755, within(1e-6));
        assertThat(bipolarConcave.at(31)).isCloseTo(-0.129755, within(1e-6));
        assertThat(bipolarConcave.at(0)).isEqualTo(-1.0);
        // Switch: 0 below half, 1 from 64 (64/127 ≥ 0.5).
        assertThat(toggle.at(63)).isZero();
        assertThat(toggle.at(64)).isEqualTo(1.0);
        // Concave × switch on velocity: 0 below 64, then the concave value (0.126860 at 64), 1 at 127.
        assertThat(product.at(63)).isZero();
        assertThat(product.at(64)).isCloseTo(0.126860, within(1e-6));
        assertThat(product.at(127)).isEqualTo(1.0);
        // Falling linear under the absolute-value transform: 1 − v/127.
        assertThat(falling.at(0)).isEqualTo(1.0);
        assertThat(falling.at(127)).isZero();
        assertThat(falling.at(100)).isCloseTo(27 / 127.0, within(1e-12));
    }
}
