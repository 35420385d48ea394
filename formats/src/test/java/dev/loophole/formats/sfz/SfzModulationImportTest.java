package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.only;
import static dev.loophole.formats.sfz.Sfz.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Amp;
import dev.loophole.model.EqBand;
import dev.loophole.model.Filter;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.FlexEnvelope.Point;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modulation opcodes of tiers 1 and 2, from SFZ text to exact model values. */
class SfzModulationImportTest {
    @TempDir Path dir;

    private Program parse(String text) { return Sfz.parse(dir, text); }

    private String at(int line, int col) { return dir.resolve("test.sfz") + ":" + line + ":" + col + ": warning: "; }

    @Test
    void ccRoutingTakesDepthCurveSmoothAndStepInAnyOrder() {
        SampleRegion r = only(parse("<region> sample=*sine cutoff_smoothcc1=20 cutoff_stepcc1=100 cutoff_oncc1=1200 cutoff_curvecc1=3"));
        assertThat(r.modulation()).containsExactly(new Modulation("cc1", "cutoff", 1200, 3, 20, 100));
    }

    @Test
    void aRoutingIsAssembledAcrossLevels() {
        Program p = parse("""
                <global> cutoff_curvecc1=4
                <group> cutoff_oncc1=1200 volume_oncc7=-12
                <region> sample=*sine cutoff_smoothcc1=20
                <region> sample=*sine cutoff_oncc1=600 volume_smoothcc7=5
                """);
        assertThat(p.regions().get(0).modulation()).containsExactly(
                new Modulation("cc1", "cutoff", 1200, 4, 20, 0), Modulation.of("cc7", "volume", -12));
        assertThat(p.regions().get(1).modulation()).containsExactly(
                new Modulation("cc1", "cutoff", 600, 4, 0, 0), new Modulation("cc7", "volume", -12, 0, 5, 0));
    }

    @Test
    void v1AndV2SpellingsOfCcModulationMeetInOneVocabulary() {
        SampleRegion r = only(parse("""
                <region> sample=*sine ampeg_attackcc2=0.5 ampeg_release_oncc3=1.5 ampeg_sustaincc4=-20 gain_cc7=-6 tune_oncc5=100
                 pitch_oncc6=50 eq2_gaincc8=3 eq1_freq_oncc9=200 cutoff_chanaft=600 cutoff2_polyaft=300 amplfo_depthcc10=2
                 pitchlfo_depthchanaft=30 fillfo_freqcc11=3 offset_cc12=1000 delay_cc13=0.5 amplitude_oncc14=50 pan_oncc15=-20
                 width_oncc16=10 position_oncc17=5 resonance2_oncc18=6 fileg_decay_oncc19=2 pitcheg_start_oncc20=10 cutoff_oncc131=1200
                """));
        assertThat(r.modulation()).containsExactly(
                Modulation.of("cc10", "amplfo_depth", 2), Modulation.of("cc11", "fillfo_freq", 3), Modulation.of("cc12", "offset", 1000),
                Modulation.of("cc129", "cutoff", 600), Modulation.of("cc129", "pitchlfo_depth", 30), Modulation.of("cc13", "delay", 0.5),
                Modulation.of("cc130", "cutoff2", 300), Modulation.of("cc131", "cutoff", 1200), Modulation.of("cc14", "amplitude", 50),
                Modulation.of("cc15", "pan", -20), Modulation.of("cc16", "width", 10), Modulation.of("cc17", "position", 5),
                Modulation.of("cc18", "resonance2", 6), Modulation.of("cc19", "fileg_decay", 2), Modulation.of("cc2", "ampeg_attack", 0.5),
                Modulation.of("cc20", "pitcheg_start", 10), Modulation.of("cc3", "ampeg_release", 1.5), Modulation.of("cc4", "ampeg_sustain", -20),
                Modulation.of("cc5", "pitch", 100), Modulation.of("cc6", "pitch", 50), Modulation.of("cc7", "volume", -6),
                Modulation.of("cc8", "eq2_gain", 3), Modulation.of("cc9", "eq1_freq", 200));
        // The bands the routings name exist, flat at their default frequencies.
        assertThat(r.eq()).containsExactly(EqBand.flat(1), EqBand.flat(2));
        assertThat(r.otherOpcodes()).isEmpty();
    }

    @Test
    void lfoWithStepsSubWavesAndTargets() {
        SampleRegion r = only(parse("""
                <region> sample=*sine lfo1_freq=5 lfo1_wave=3 lfo1_delay=0.5 lfo1_fade=1 lfo1_phase=0.25 lfo1_count=4
                 lfo1_steps=4 lfo1_step1=50 lfo1_step3=-25 lfo1_smooth=20 lfo1_offset=0.1
                 lfo1_wave2=6 lfo1_ratio2=2 lfo1_scale2=0.5 lfo1_offset2=0.2 lfo1_ratio3=3
                 lfo1_pitch=50 lfo1_eq2gain=3 lfo1_cutoff2=600 lfo1_volume=-3
                 lfo2_freq=0.5 lfo1_freq_lfo2=2 lfo1_depth_lfo2=50 lfo1_pitch_oncc1=25 lfo1_pitch_smoothcc1=10 lfo1_freq_oncc2=3
                """));
        assertThat(r.lfos()).containsExactly(
                new Lfo(1, 5, 3, 0.5, 1, 0.25, 4, List.of(50.0, 0.0, -25.0, 0.0), 0.02, 0.1,
                        List.of(new Lfo.SubWave(2, 6, 2, 0.5, 0.2), new Lfo.SubWave(3, 1, 3, 1, 0))),
                Lfo.sine(2, 0.5));
        assertThat(r.modulation()).containsExactly(
                new Modulation("cc1", "lfo1_pitch", 25, 0, 10, 0), Modulation.of("cc2", "lfo1_freq", 3),
                Modulation.of("lfo1", "cutoff2", 600), Modulation.of("lfo1", "eq2_gain", 3), Modulation.of("lfo1", "pitch", 50),
                Modulation.of("lfo1", "volume", -3), Modulation.of("lfo2", "lfo1_depth", 50), Modulation.of("lfo2", "lfo1_freq", 2));
        assertThat(r.eq()).containsExactly(EqBand.flat(2));
        assertThat(r.otherOpcodes()).isEmpty();
    }

    @Test
    void lfoDefinitionsFromGroupAndRegionMerge() {
        Program p = parse("<group> lfo3_freq=2 lfo3_pitch=20\n<region> sample=*sine lfo3_wave=0\n<region> sample=*saw");
        assertThat(p.regions().get(0).lfos()).containsExactly(new Lfo(3, 2, 0, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
        assertThat(p.regions().get(1).lfos()).containsExactly(Lfo.sine(3, 2));
        assertThat(p.regions()).allSatisfy(r -> assertThat(r.modulation()).containsExactly(Modulation.of("lfo3", "pitch", 20)));
    }

    @Test
    void flexEnvelopePointsAreOrderedAndGapsAreZero() {
        SampleRegion r = only(parse("""
                <region> sample=*sine eg1_time3=1 eg1_level3=-0.5 eg1_time1=0.5 eg1_level1=1 eg1_shape1=2
                 eg1_sustain=1 eg1_loop=1 eg1_loop_count=2 eg1_ampeg=1 eg1_dynamic=1
                 eg1_amplitude=100 eg1_eq1freq=200 eg1_cutoff_oncc7=1200 eg2_points=2 eg2_pitch=-100
                """));
        assertThat(r.egs()).containsExactly(
                new FlexEnvelope(1, List.of(new Point(0, 0, 0), new Point(0.5, 1, 2), new Point(0, 0, 0), new Point(1, -0.5, 0)), 1, 1, 2, true, true),
                new FlexEnvelope(2, List.of(new Point(0, 0, 0), new Point(0, 0, 0)), 0, 0, 0, false, false));
        assertThat(r.modulation()).containsExactly(Modulation.of("cc7", "eg1_cutoff", 1200), Modulation.of("eg1", "amplitude", 100),
                Modulation.of("eg1", "eq1_freq", 200), Modulation.of("eg2", "pitch", -100));
        assertThat(r.eq()).containsExactly(EqBand.flat(1));
    }

    @Test
    void eqBandsHaveSfzDefaultsPerBand() {
        SampleRegion r = only(parse("<region> sample=*sine eq1_freq=100 eq1_bw=2 eq1_gain=-6 eq1_vel2freq=50 eq1_vel2gain=3 eq1_type=lshelf eq3_gain=4 eq2_bw=0.5"));
        assertThat(r.eq()).containsExactly(new EqBand(1, 100, 2, -6, 50, 3, "lshelf"), new EqBand(2, 500, 0.5, 0, 0, 0, "peak"),
                new EqBand(3, 5000, 1, 4, 0, 0, "peak"));
    }

    @Test
    void secondFilterFollowsTheFirst() {
        SampleRegion r = only(parse("""
                <region> sample=*sine cutoff=1000 fil2_type=hpf_2p cutoff2=2000 resonance2=3 fil2_keytrack=100 fil2_keycenter=c4
                 fil2_veltrack=1200 fil2_gain=2
                """));
        assertThat(r.filters()).containsExactly(new Filter("lpf_2p", 1000, 0, 0, 60, 0, 0), new Filter("hpf_2p", 2000, 3, 100, 60, 1200, 2));
        Program alone = parse("<region> sample=*sine cutoff2=500");
        assertThat(only(alone).filters()).containsExactly(new Filter("lpf_2p", 500, 0, 0, 60, 0, 0));
        assertThat(warnings(alone)).containsExactly(at(1, 1) + "cutoff2 without cutoff: the second filter is the region's only filter");
    }

    @Test
    void shapesVelocityCurvePanLawBendAndPitchRandom() {
        SampleRegion r = only(parse("""
                <region> sample=*sine ampeg_attack_shape=2 ampeg_decay_shape=-3 ampeg_release_shape=1 fileg_attack_shape=0.5
                 pitcheg_release_shape=-1 amp_velcurve_0=0.1 amp_velcurve_127=0.9 amp_velcurve_64=0.4 pan_law=balance
                 bend_step=10 bend_stepdown=50 bend_smooth=30 pitch_random=20
                """));
        assertThat(r.envelopes().amp().attackShape()).isEqualTo(2);
        assertThat(r.envelopes().amp().decayShape()).isEqualTo(-3);
        assertThat(r.envelopes().amp().releaseShape()).isEqualTo(1);
        assertThat(r.envelopes().filter()).extracting(e -> List.of(e.attackShape(), e.decayShape(), e.releaseShape())).isEqualTo(List.of(0.5, 0.0, 0.0));
        assertThat(r.envelopes().pitch().releaseShape()).isEqualTo(-1);
        assertThat(r.amp().velocityCurve()).containsExactly(Map.entry(0, 0.1), Map.entry(64, 0.4), Map.entry(127, 0.9));
        assertThat(r.amp().panLaw()).isEqualTo(Amp.PanLaw.BALANCE);
        assertThat(r.tuning().bendStep()).isEqualTo(50); // the model has one step: the last written wins
        assertThat(r.tuning().bendSmooth()).isEqualTo(30);
        assertThat(r.tuning().pitchRandom()).isEqualTo(20);
    }

    @Test
    void curveIndicesPassThroughAndUndefinedOnesAreReported() {
        Program p = parse("""
                <region> sample=*sine cutoff_oncc1=100 cutoff_curvecc1=9 pan_oncc2=10 pan_curvecc2=1 volume_oncc3=-6 volume_curvecc3=20
                <curve> curve_index=9 v000=0 v127=1
                """);
        assertThat(only(p).modulation()).containsExactly(new Modulation("cc1", "cutoff", 100, 9, 0, 0),
                new Modulation("cc2", "pan", 10, 1, 0, 0), new Modulation("cc3", "volume", -6, 20, 0, 0));
        assertThat(p.curves()).containsOnlyKeys(9);
        assertThat(warnings(p)).containsExactly(at(1, 1)
                + "curve 20 of routing cc3 → volume is neither predefined (0..6) nor given by a <curve> section; kept as written");
    }

    @Test
    void outOfRangeValuesAreClampedOrLeftOutWithTheirPlaceAndTheRestLoads() {
        Program p = parse("""
                <region> sample=*sine lfo1_phase=1.5 eq1_bw=9 cutoff_oncc1=20000 eg1_level1=2 eg1_sustain=5
                 cutoff_oncc300=100 lfo0_freq=2 lfo1_step200=5 amp_velcurve_130=1 lfo1_freq=-3 lfo1_pitch=40
                """);
        SampleRegion r = only(p);
        assertThat(warnings(p)).containsExactly(
                at(1, 34) + "lfo1_phase=1.5 is outside 0..1; clamped to 1",
                at(1, 45) + "eq1_bw=9 is outside 0.001..4; clamped to 4",
                at(1, 60) + "cutoff_oncc1=20000 is outside -12000..12000; clamped to 12000",
                at(1, 77) + "eg1_level1=2 is outside -1..1; clamped to 1",
                at(2, 17) + "cutoff_oncc300: controller 300 is not 0..127 or an extended controller 128..137, 140, 141; ignored",
                at(2, 31) + "lfo0_freq: LFO, envelope and EQ numbers start at 1; ignored",
                at(2, 46) + "lfo1_step200: steps are numbered 1..128; ignored",
                at(2, 65) + "amp_velcurve_130: expected a velocity amp_velcurve_0..amp_velcurve_127; ignored",
                at(2, 77) + "lfo1_freq=-3 is below 0; clamped to 0",
                at(1, 91) + "eg1_sustain=5 is outside eg1's points 0..1; 0 (none) is used");
        assertThat(r.lfos()).containsExactly(new Lfo(1, 0, 1, 0, 0, 1, 0, List.of(), 0, 0, List.of()));
        assertThat(r.eq()).containsExactly(new EqBand(1, 50, 4, 0, 0, 0, "peak"));
        assertThat(r.egs()).containsExactly(new FlexEnvelope(1, List.of(new Point(0, 0, 0), new Point(0, 1, 0)), 0, 0, 0, false, false));
        assertThat(r.modulation()).containsExactly(Modulation.of("cc1", "cutoff", 12000), Modulation.of("lfo1", "pitch", 40));
    }

    @Test
    void theOpcodesNowPlayedNoLongerWarn() {
        Program p = parse("""
                <global> amp_velcurve_64=0.5 pan_law=mma bend_stepup=2 bend_smooth=5 pitch_random=3 ampeg_decay_shape=1
                <group> eq1_freq=80 eq1_type=hshelf eq2_vel2gain=2 cutoff=500 cutoff2=900 fil2_type=bpf_2p fil2_gain=1
                 lfo1_freq=2 lfo1_wave4=2 lfo1_scale4=2 lfo1_offset4=1 lfo1_ratio4=3 lfo1_steps=2 lfo1_step2=10 lfo1_smooth=5
                 eg1_time0=0 eg1_level1=1 eg1_shape1=1 eg1_points=3 eg1_loop=1 eg1_loop_count=0 eg1_ampeg=0 eg1_dynamic=0
                <region> sample=*sine volume_oncc7=6 gain_cc11=-3 cutoff_oncc74=2400 cutoff_curvecc74=0 cutoff_smoothcc74=10
                 cutoff_stepcc74=100 resonance_oncc71=3 lfo1_pitch=10 lfo1_width=5 lfo1_pan=5 lfo1_resonance=2 lfo1_amplitude=10
                 lfo1_eq1bw=1 lfo1_eq1freq=10 eg1_volume=-6 eg1_resonance2=3 eg1_eq2bw=1 eg1_pitch_oncc1=100 lfo1_volume_oncc2=3
                 eq3_freqcc4=100 eq3_bwcc5=1 amplfo_freqchanaft=1 fillfo_depthpolyaft=10 pitchlfo_freq_oncc3=2 amplfo_depth_smoothcc1=5
                """);
        assertThat(warnings(p)).isEmpty();
        assertThat(only(p).otherOpcodes()).isEmpty();
    }

    @Test
    void exportWritesTheModulationAsReadableSfz() throws IOException {
        Program p = parse("""
                <region> sample=*sine cutoff=500 cutoff2=900 cutoff_oncc1=1200 cutoff_curvecc1=3 cutoff_smoothcc1=20 pitch_oncc129=50
                 lfo1_freq=5 lfo1_smooth=20 lfo1_eq2gain=3 lfo2_freq=1 lfo1_freq_lfo2=0.5 eg1_time1=0.5 eg1_level1=1 eg1_amplitude=100
                 eq3_gain=4 amp_velcurve_127=0.9 ampeg_attack_shape=2 bend_stepup=20
                """);
        Path out = dir.resolve("out.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        String text = Files.readString(out);
        assertThat(text).contains("cutoff2=900", "cutoff_oncc1=1200", "cutoff_curvecc1=3", "cutoff_smoothcc1=20", "pitch_oncc129=50",
                "lfo1_freq=5", "lfo1_smooth=20", "lfo1_eq2gain=3", "lfo2_freq=1", "lfo1_freq_lfo2=0.5", "eg1_time0=0 eg1_level0=0",
                "eg1_time1=0.5 eg1_level1=1", "eg1_amplitude=100", "eq2_freq=500", "eq3_freq=5000 eq3_gain=4", "amp_velcurve_127=0.9",
                "ampeg_attack_shape=2", "bend_step=20");
        assertThat(SfzRoundTripPropertyTest.normalized(SfzImporter.load(out))).isEqualTo(SfzRoundTripPropertyTest.normalized(p));
    }

    @Test
    void exportReportsRoutingsSfzCannotSayOncePerRegion() throws IOException {
        Program p = parse("<region> sample=*sine lfo1_freq=2");
        SampleRegion.Builder b = only(p).toBuilder();
        b.modulation.addAll(List.of(Modulation.of("bendrange", "pitch", 1), Modulation.of("lfo1", "offset", 5), Modulation.of("cc91", "effect1", 20)));
        Program q = new Program(p.programId(), p.name(), List.of(new dev.loophole.model.SampleGroup("g1", "G", List.of(b.build()))), p.settings(),
                p.ccLabels(), p.keyLabels(), List.of(), p.curves(), p.extraSections());
        assertThat(SfzExporter.write(q, dir.resolve("out.sfz"))).extracting(dev.loophole.model.Diagnostic::message).containsExactly(
                "region r1: routings bendrange → pitch, lfo1 → offset, cc91 → effect1 have no SFZ opcode; not written");
    }
}
