package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.only;
import static dev.loophole.formats.sfz.Sfz.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Envelope;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.OffMode;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfzImporterTest {
    @TempDir Path dir;

    private Program parse(String text) { return Sfz.parse(dir, text); }

    @Test
    void inheritanceGlobalMasterGroupRegion() {
        Program p = parse("""
                <global> volume=-6 pan=10 ampeg_release=1
                <master> pan=20 tune=5
                <group> tune=7 lovel=64
                <region> sample=*sine key=60
                <region> sample=*saw key=62 volume=-1
                <group> hivel=63
                <region> sample=*square key=64
                <master>
                <region> sample=*noise key=65
                <global>
                <region> sample=*triangle key=66
                """);
        List<SampleRegion> r = p.regions();
        assertThat(r).hasSize(5);
        assertThat(r.get(0).amp().volume()).isEqualTo(-6);
        assertThat(r.get(0).amp().pan()).isEqualTo(20);
        assertThat(r.get(0).tuning().tune()).isEqualTo(7);
        assertThat(r.get(0).velocityRange()).isEqualTo(new IntRange(64, 127));
        assertThat(r.get(0).envelopes().amp().release()).isEqualTo(1);
        assertThat(r.get(1).amp().volume()).isEqualTo(-1);
        // A new <group> clears the group level only.
        assertThat(r.get(2).velocityRange()).isEqualTo(new IntRange(1, 63));
        assertThat(r.get(2).tuning().tune()).isEqualTo(5);
        assertThat(r.get(2).amp().pan()).isEqualTo(20);
        // A new <master> clears master and group, keeps global.
        assertThat(r.get(3).tuning().tune()).isZero();
        assertThat(r.get(3).amp().pan()).isEqualTo(10);
        assertThat(r.get(3).amp().volume()).isEqualTo(-6);
        // A new <global> clears everything.
        assertThat(r.get(4).amp().pan()).isZero();
        assertThat(r.get(4).amp().volume()).isZero();
        assertThat(r.get(4).envelopes().amp().release()).isEqualTo(0.001);
    }

    @Test
    void regionsStayInTheirGroups() {
        Program p = parse("""
                <region> sample=*sine
                <group> group_label=Pads volume=-3
                <region> sample=*saw
                <region> sample=*square
                <group>
                <group>
                <region> sample=*noise
                <master>
                <region> sample=*silence
                """);
        assertThat(p.groups()).extracting(g -> g.regions().size()).containsExactly(1, 2, 1, 1);
        assertThat(p.groups().get(1).name()).isEqualTo("Pads");
        assertThat(p.groups()).extracting(g -> g.groupId()).containsExactly("g1", "g2", "g3", "g4");
        assertThat(p.regions()).extracting(SampleRegion::regionId).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(p.programId()).isEqualTo("test");
    }

    @Test
    void keyOpcodeSetsRangeAndKeycenterAndNoteNamesWithOffsets() {
        Program p = parse("""
                <control> octave_offset=-1 note_offset=2
                <region> sample=*sine key=c4
                <region> sample=*sine lokey=c#4 hikey=72 pitch_keycenter=Db4
                <control> octave_offset=0 note_offset=0
                <region> sample=*sine lokey=C-1 hikey=g9 sw_last=c1 amp_keycenter=d4
                """);
        SampleRegion a = p.regions().get(0), b = p.regions().get(1), c = p.regions().get(2);
        assertThat(a.keyRange()).isEqualTo(IntRange.single(50));
        assertThat(a.tuning().pitchKeycenter()).isEqualTo(50);
        assertThat(b.keyRange()).isEqualTo(new IntRange(51, 62));
        assertThat(b.tuning().pitchKeycenter()).isEqualTo(51);
        assertThat(c.keyRange()).isEqualTo(new IntRange(0, 127));
        assertThat(c.conditions().swLast()).isEqualTo(24);
        assertThat(c.amp().ampKeycenter()).isEqualTo(62);
    }

    @Test
    void unitsArrivesInModelUnits() {
        SampleRegion r = only(parse("""
                <region> sample=*sine ampeg_attack=0.25 ampeg_sustain=50 ampeg_start=10 ampeg_vel2sustain=-20
                ampeg_release=2 ampeg_decay=1.5 ampeg_hold=0.1 ampeg_delay=0.05 ampeg_vel2attack=0.3
                fileg_depth=1200 fileg_sustain=25 pitcheg_depth=-100 pitcheg_attack=0.2 pitcheg_vel2depth=50
                volume=-12.5 amplitude=80 pan=-30 width=50 position=10 amp_veltrack=75 amp_keytrack=-1.5 amp_random=2 rt_decay=3
                transpose=-12 tune=-20 pitch_keytrack=50 pitch_veltrack=30 bend_up=1200 bend_down=-1200
                """));
        Envelope amp = r.envelopes().amp();
        assertThat(amp.attack()).isEqualTo(0.25);
        assertThat(amp.sustain()).isEqualTo(0.5);
        assertThat(amp.start()).isEqualTo(0.1);
        assertThat(amp.vel2sustain()).isEqualTo(-0.2);
        assertThat(amp.release()).isEqualTo(2);
        assertThat(amp.decay()).isEqualTo(1.5);
        assertThat(amp.hold()).isEqualTo(0.1);
        assertThat(amp.delay()).isEqualTo(0.05);
        assertThat(amp.vel2attack()).isEqualTo(0.3);
        assertThat(r.envelopes().filter().depth()).isEqualTo(1200);
        assertThat(r.envelopes().filter().sustain()).isEqualTo(0.25);
        assertThat(r.envelopes().pitch().depth()).isEqualTo(-100);
        assertThat(r.envelopes().pitch().attack()).isEqualTo(0.2);
        assertThat(r.envelopes().pitch().vel2depth()).isEqualTo(50);
        assertThat(r.amp()).extracting("volume", "amplitude", "pan", "width", "position", "ampVeltrack", "ampKeytrack", "ampRandom", "rtDecay")
                .containsExactly(-12.5, 80.0, -30.0, 50.0, 10.0, 75.0, -1.5, 2.0, 3.0);
        assertThat(r.tuning()).extracting("transpose", "tune", "pitchKeytrack", "pitchVeltrack", "bendUp", "bendDown")
                .containsExactly(-12, -20.0, 50.0, 30.0, 1200, -1200);
    }

    @Test
    void conditionsPlaybackLoopChokeAndFilter() {
        SampleRegion r = only(parse("""
                <region> sample=*sine lovel=10 hivel=100 lochan=2 hichan=3 locc1=10 hicc1=20 hicc64=63
                lobend=-100 hibend=100 lorand=0.25 hirand=0.5 seq_length=4 seq_position=2 trigger=release
                sw_lokey=24 sw_hikey=35 sw_last=25 sw_down=26 sw_up=27 sw_previous=28 sw_label=Legato
                offset=100 offset_random=10 end=5000 count=2 delay=0.5 delay_random=0.1 direction=reverse
                loopmode=loop_sustain loop_type=alternate loopstart=200 loop_end=4000 loop_crossfade=0.01 loop_count=3
                group=5 off_by=6 off_mode=time off_time=0.2 polyphony=4 note_polyphony=2
                fil_type=hpf_2p cutoff=1000 resonance=3 fil_keytrack=100 fil_keycenter=c5 fil_veltrack=1200
                """));
        assertThat(r.velocityRange()).isEqualTo(new IntRange(10, 100));
        var c = r.conditions();
        assertThat(c.channelRange()).isEqualTo(new IntRange(2, 3));
        assertThat(c.ccRanges()).isEqualTo(Map.of(1, new IntRange(10, 20), 64, new IntRange(0, 63)));
        assertThat(c.bendRange()).isEqualTo(new IntRange(-100, 100));
        assertThat(c.randomLo()).isEqualTo(0.25);
        assertThat(c.randomHi()).isEqualTo(0.5);
        assertThat(c.seqLength()).isEqualTo(4);
        assertThat(c.seqPosition()).isEqualTo(2);
        assertThat(c.trigger()).isEqualTo(Trigger.RELEASE);
        assertThat(c.keySwitchRange()).isEqualTo(new IntRange(24, 35));
        assertThat(List.of(c.swLast(), c.swDown(), c.swUp(), c.swPrevious())).containsExactly(25, 26, 27, 28);
        assertThat(c.swLabel()).isEqualTo("Legato");
        var pb = r.playback();
        assertThat(pb).extracting("offset", "offsetRandom", "end", "count", "delay", "delayRandom", "reverse")
                .containsExactly(100L, 10L, 5000L, 2, 0.5, 0.1, true);
        var l = r.loop();
        assertThat(l).extracting("mode", "type", "start", "end", "crossfade", "count")
                .containsExactly(LoopMode.LOOP_SUSTAIN, LoopType.ALTERNATE, 200L, 4000L, 0.01, 3);
        var ch = r.choke();
        assertThat(ch).extracting("group", "offBy", "offMode", "offTime", "polyphony", "notePolyphony")
                .containsExactly(5L, 6L, OffMode.TIME, 0.2, 4, 2);
        assertThat(r.filters()).containsExactly(new Filter("hpf_2p", 1000, 3, 100, 72, 1200, 0));
        assertThat(r.otherOpcodes()).isEmpty();
    }

    @Test
    void noFilterWithoutCutoff() {
        assertThat(only(parse("<region> sample=*sine fil_type=hpf_1p resonance=2")).filters()).isEmpty();
    }

    @Test
    void controlOpcodesReachProgramSettingsAndLabels() {
        Program p = parse("""
                <control> set_cc1=127 set_cc7=0 set_hdcc11=0.5 label_cc1=Mod Wheel label_key36=Kick
                <global> sustain_cc=65 sustain_lo=10 sostenuto_cc=67 sw_default=c1
                <region> sample=*sine
                """);
        assertThat(p.settings().initialCc()).isEqualTo(Map.of(1, 1.0, 7, 0.0, 11, 0.5));
        assertThat(p.ccLabels()).isEqualTo(Map.of(1, "Mod Wheel"));
        assertThat(p.keyLabels()).isEqualTo(Map.of(36, "Kick"));
        assertThat(p.settings()).extracting("sustainCc", "sustainLo", "sostenutoCc", "swDefault").containsExactly(65, 10, 67, 24);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void outOfRangeIsClampedWithTheRangeNamed() {
        Program p = parse("<region> sample=*sine\nhikey=200 pan=-150 ampeg_sustain=120");
        SampleRegion r = only(p);
        assertThat(r.keyRange().hi()).isEqualTo(127);
        assertThat(r.amp().pan()).isEqualTo(-100);
        assertThat(r.envelopes().amp().sustain()).isEqualTo(1);
        assertThat(warnings(p)).containsExactly(
                dir.resolve("test.sfz") + ":2:7: warning: hikey=200 is outside 0..127; clamped to 127",
                dir.resolve("test.sfz") + ":2:15: warning: pan=-150 is outside -100..100; clamped to -100",
                dir.resolve("test.sfz") + ":2:34: warning: ampeg_sustain=120 is outside 0..100; clamped to 100");
    }

    @Test
    void illTypedValuesAreWarnedAndIgnored() {
        Program p = parse("<region> sample=*sine lovel=10\nlovel=soft hikey=h4 trigger=sometimes ampeg_attack=fast hicc7=1.5");
        SampleRegion r = only(p);
        assertThat(r.velocityRange().lo()).isEqualTo(10);
        assertThat(r.keyRange().hi()).isEqualTo(127);
        String f = dir.resolve("test.sfz").toString();
        assertThat(warnings(p)).containsExactly(
                f + ":2:7: warning: lovel: expected an integer 1..127, found 'soft'",
                f + ":2:18: warning: hikey: expected a note name (c4, f#2, eb-1) or an integer 0..127, found 'h4'",
                f + ":2:29: warning: trigger: expected one of attack, release, first, legato, release_key, found 'sometimes'",
                f + ":2:52: warning: ampeg_attack: expected a number 0..100, found 'fast'",
                f + ":2:63: warning: hicc7: expected an integer 0..127, found '1.5'");
    }

    @Test
    void knownButUnplayedAndUnknownOpcodesAreKeptAndWarnedOncePerFile() {
        // amplfo_freq is kept as written too, but the engine plays it from there: no warning
        Program p = parse("""
                <group> amplfo_freq=5 eq1_dynamic=1
                <region> sample=*sine amplfo_freq=6 lfo1_ratio=2 ampeg_dynamic=1 eg1_time1_oncc7=6 frobnicate=yes
                <region> sample=*sine frobnicate=no eq2_dynamic=0 loop_length_oncc1=500
                """);
        SampleRegion a = p.regions().get(0), b = p.regions().get(1);
        assertThat(a.otherOpcodes()).containsExactly(Map.entry("amplfo_freq", "6"), Map.entry("eq1_dynamic", "1"),
                Map.entry("lfo1_ratio", "2"), Map.entry("eg1_time1_oncc7", "6"), Map.entry("frobnicate", "yes"));
        assertThat(a.envelopes().amp().dynamic()).isTrue(); // played: a typed field, no warning
        assertThat(b.envelopes().amp().dynamic()).isFalse();
        assertThat(b.otherOpcodes()).containsEntry("amplfo_freq", "5").containsEntry("frobnicate", "no")
                .containsEntry("eq2_dynamic", "0").containsEntry("loop_length_oncc1", "500");
        assertThat(a.lfos()).isEmpty();
        assertThat(a.modulation()).isEmpty();
        String f = dir.resolve("test.sfz").toString();
        assertThat(warnings(p)).containsExactly(
                f + ":1:23: warning: eq1_dynamic (eqN_dynamic) is parsed but not played yet; kept as written",
                f + ":2:37: warning: lfo1_ratio (lfoN_ratio) is parsed but not played yet; kept as written",
                f + ":2:66: warning: eg1_time1_oncc7 (egN_timeX_onccN) is parsed but not played yet; kept as written",
                f + ":2:84: warning: unknown opcode 'frobnicate'; kept but not played",
                f + ":3:51: warning: loop_length_oncc1 (loop_lengthccN) is parsed but not played yet; kept as written");
    }

    @Test
    void aliasesArriveAtTheirOpcode() {
        SampleRegion r = only(parse("<region> sample=*sine loopmode=one_shot loopstart=5 loopend=50 offby=3 bendup=100 benddown=-50 amp_release=3 pitch=12"));
        assertThat(r.loop().mode()).isEqualTo(LoopMode.ONE_SHOT);
        assertThat(r.loop().start()).isEqualTo(5);
        assertThat(r.loop().end()).isEqualTo(50);
        assertThat(r.choke().offBy()).isEqualTo(3);
        assertThat(r.tuning().bendUp()).isEqualTo(100);
        assertThat(r.tuning().bendDown()).isEqualTo(-50);
        assertThat(r.envelopes().amp().release()).isEqualTo(3);
        assertThat(r.tuning().tune()).isEqualTo(12);
    }

    @Test
    void crossedRangesAreSwappedWithAWarning() {
        Program p = parse("<region> sample=*sine lokey=70 hikey=60 loop_start=100 loop_end=50");
        SampleRegion r = only(p);
        assertThat(r.keyRange()).isEqualTo(new IntRange(60, 70));
        assertThat(r.loop().start()).isEqualTo(-1);
        assertThat(warnings(p)).hasSize(2).allMatch(w -> w.startsWith(dir.resolve("test.sfz") + ":1:1: warning:"));
    }

    @Test
    void effectMidiAndControlLeftoversAreKeptAsExtraSections() {
        Program p = parse("""
                <control> hint_ram_based=1
                <effect> type=lofi bus=main
                <region> sample=*sine
                """);
        assertThat(p.extraSections()).hasSize(2);
        assertThat(p.extraSections().get(0).header()).isEqualTo("control");
        assertThat(p.extraSections().get(0).opcodes()).isEqualTo(Map.of("hint_ram_based", "1"));
        assertThat(p.extraSections().get(1).opcodes()).containsExactly(Map.entry("type", "lofi"), Map.entry("bus", "main"));
        assertThat(warnings(p)).anyMatch(w -> w.contains("<effect> sections are parsed and kept but not played yet"));
    }

    @Test
    void curvesAreInterpolated() {
        Program p = parse("<curve> curve_index=7 v000=0 v063=1 v127=0.5\n<curve> curve_index=8\n<region> sample=*sine");
        assertThat(p.curves()).containsOnlyKeys(7, 8);
        assertThat(p.curves().get(7).at(0)).isEqualTo(0);
        assertThat(p.curves().get(7).at(63)).isEqualTo(1);
        assertThat(p.curves().get(7).at(95)).isCloseTo(0.75, within(1e-9));
        assertThat(p.curves().get(8).at(64)).isCloseTo(64 / 127.0, within(1e-9));
    }

    @Test
    void opcodesBeforeAnyHeaderActAsGlobal() {
        Program p = parse("volume=-3\n<region> sample=*sine");
        assertThat(only(p).amp().volume()).isEqualTo(-3);
        assertThat(warnings(p)).singleElement().asString().contains(":1:1: warning: opcodes before any header are read as <global>");
    }

    @Test
    void builtinSamplesStayBuiltins() {
        Program p = parse("<region> sample=*sine\n<region> sample=*pulse");
        assertThat(p.regions()).extracting(r -> r.sample().path()).containsExactly("*sine", "*pulse");
        assertThat(warnings(p)).singleElement().asString().contains(":2:17: warning: sample=*pulse is not a built-in waveform");
    }
}
