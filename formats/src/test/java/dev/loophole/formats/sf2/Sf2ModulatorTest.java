package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Sf2TestWriter.gen;
import static dev.loophole.formats.sf2.Sf2TestWriter.range;
import static dev.loophole.formats.sf2.Sf2TestWriter.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** Bank modulators overriding the defaults, a modulator of the bank's own, and fixed key/velocity generators. */
class Sf2ModulatorTest {
    @TempDir static Path dir;
    static Program program;
    static Sf2Bank bank;

    static final Sf2TestWriter.Mod VEL_ATT_OFF = new Sf2TestWriter.Mod(0x0502, 48, 0, 0, 0);
    static final Sf2TestWriter.Mod VEL_ATT_HALF = new Sf2TestWriter.Mod(0x0502, 48, 480, 0, 0);
    static final Sf2TestWriter.Mod CC74_TO_CUTOFF = new Sf2TestWriter.Mod(0x0080 | 74, 8, 1200, 0, 0);

    @BeforeAll
    static void load() throws IOException {
        Sf2TestWriter w = new Sf2TestWriter();
        int s = w.sample("Tone", TestBanks.ramp(64, 10), null, 32000, 60, 7, 8, 56, Sf2Sample.MONO, 0);
        int inst = w.instrument("M",
                zone(List.of(VEL_ATT_OFF), range(TestBanks.KEY_RANGE, 60, 72), gen(TestBanks.SAMPLE_ID, s)),
                zone(List.of(VEL_ATT_HALF, CC74_TO_CUTOFF), range(TestBanks.KEY_RANGE, 73, 80), gen(TestBanks.SAMPLE_ID, s)),
                zone(range(TestBanks.KEY_RANGE, 81, 90), gen(46, 84), gen(47, 100), gen(TestBanks.SAMPLE_ID, s)),
                zone(range(TestBanks.KEY_RANGE, 91, 100), gen(13, 30), gen(10, 600), gen(5, 25), gen(22, -1200), gen(21, 0),
                        gen(6, 15), gen(24, 1200), gen(7, -300), gen(29, 250), gen(28, 1200), gen(TestBanks.SAMPLE_ID, s)));
        w.preset("P", 1, 0, zone(gen(TestBanks.INSTRUMENT, inst)));
        // A preset modulator identical to the default vel→attenuation adds its amount: 960 - 480 = 480 cB.
        w.preset("Soft", 2, 0, zone(List.of(new Sf2TestWriter.Mod(0x0502, 48, -480, 0, 0)),
                range(TestBanks.KEY_RANGE, 91, 127), gen(TestBanks.INSTRUMENT, inst)));
        Path f = dir.resolve("mods.sf2");
        Files.write(f, w.build());
        bank = Sf2Importer.load(f);
        program = bank.programs().getFirst();
    }

    static SampleRegion at(int key) {
        return program.regions().stream().filter(r -> r.keyRange().contains(key)).findFirst().orElseThrow();
    }

    @Test
    void instrumentModulatorWithAmountZeroSwitchesVelocityOff() {
        assertThat(at(60).amp().ampVeltrack()).isZero();
        assertThat(at(60).amp().velocityCurve()).isEmpty();
    }

    @Test
    void halfDepthVelocityCurveBecomesVelcurvePoints() {
        SampleRegion r = at(75);
        assertThat(r.amp().ampVeltrack()).isEqualTo(100.0);
        // 480 cB × concave: gain = 10^(-480 × concave(v)/200) = (v/127)^1
        assertThat(r.amp().velocityCurve().get(64)).isCloseTo(64 / 127.0, within(1e-6));
        assertThat(r.amp().velocityCurve().get(127)).isEqualTo(1.0);
        assertThat(r.amp().velocityCurve().get(1)).isCloseTo(1 / 127.0, within(1e-6));
        // The bank's CC74 → initialFilterFc (linear, unipolar, positive) is the matrix's cutoff in cents, no table needed.
        assertThat(r.modulation()).contains(new Modulation("cc74", "cutoff", 1200, 0, 0));
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("amp_velcurve_N"))
                .noneMatch(d -> d.message().contains("a bank modulator is not played"));
    }

    @Test
    void lfosAndModulationEnvelope() {
        SampleRegion r = at(95);
        // modLfo: -1200 abs cents = 8.176/2 Hz, delay 0 tc = 1 s; to volume 30 cB = 3 dB, to cutoff 600 cents, to pitch 25 cents
        assertThat(r.otherOpcodes()).containsEntry("amplfo_freq", "4.088").containsEntry("amplfo_delay", "1")
                .containsEntry("amplfo_depth", "3").containsEntry("fillfo_freq", "4.088").containsEntry("fillfo_depth", "600")
;
        assertThat(r.lfos()).containsExactly(new dev.loophole.model.Lfo(1, 4.088, 0, 1, 0, 0, 0, List.of(), 0, 0, List.of()));
        assertThat(r.modulation()).contains(dev.loophole.model.Modulation.of("lfo1", "pitch", 25));
        // vibLfo: 1200 abs cents = 16.352 Hz, 15 cents
        assertThat(r.otherOpcodes()).containsEntry("pitchlfo_freq", "16.352").containsEntry("pitchlfo_depth", "15");
        // modEnv → pitch -300 cents; sustain 25 % below peak = 0.75; decay 1200 tc = 2 s for full scale → 0.5 s to 0.75
        assertThat(r.envelopes().pitch().depth()).isEqualTo(-300.0);
        assertThat(r.envelopes().pitch().sustain()).isEqualTo(0.75);
        assertThat(r.envelopes().pitch().decay()).isCloseTo(0.5, within(1e-12));
        assertThat(r.envelopes().filter().depth()).isZero();
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("modLfo's pitch target is LFO 1"));
    }

    @Test
    void presetModulatorsAddToTheInstrumentsAndKeyRangesIntersect() {
        Program soft = bank.find(0, 2).orElseThrow().program();
        assertThat(soft.regions()).hasSize(1); // only the 91..100 zone overlaps the preset's 91..127
        SampleRegion r = soft.regions().getFirst();
        assertThat(r.keyRange().lo()).isEqualTo(91);
        assertThat(r.keyRange().hi()).isEqualTo(100);
        assertThat(r.amp().velocityCurve().get(64)).isCloseTo(64 / 127.0, within(1e-6));
    }

    @Test
    void fixedKeyAndVelocity() {
        SampleRegion r = at(85);
        // keynum 84: every key plays as 84 → no key tracking, +24 semitones from root 60, plus correction 7
        assertThat(r.tuning().pitchKeytrack()).isZero();
        assertThat(r.tuning().tune()).isEqualTo(2400 + 7.0);
        // velocity 100: level fixed at (100/127)² → 40·log10(100/127) dB; cutoff fixed at 13500 - 2400·(27/127) cents
        assertThat(r.amp().ampVeltrack()).isZero();
        assertThat(r.amp().volume()).isCloseTo(40 * Math.log10(100 / 127.0), within(1e-9));
        assertThat(r.filters().getFirst().veltrack()).isZero();
        assertThat(r.filters().getFirst().cutoff()).isCloseTo(8.176 * Math.pow(2, (13500 - 2400 * 27 / 127.0) / 1200), within(1e-6));
    }
}
