package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.Crossfades;
import dev.loophole.model.DoubleRange;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleRegion;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The region-selection, crossfade, lifecycle and label opcodes mapped after the first playable set. */
class SelectionOpcodesTest {
    @TempDir Path dir;

    private Program parse(String text) { return Sfz.parse(dir, text); }

    @Test
    void selectionRanges() {
        Program p = parse("""
                <region> sample=*sine sw_lolast=c1 sw_hilast=d1 loprog=3 hiprog=9 lochanaft=10 hichanaft=20
                lopolyaft=30 hipolyaft=40 lobpm=90 hibpm=140.5 lohdcc1=0.25 hihdcc1=0.75 hihdcc74=0.5 on_locc64=64 start_hicc64=127
                """);
        RegionConditions c = only(p).conditions();
        assertThat(c.lastKeySwitchRange()).isEqualTo(new IntRange(24, 26));
        assertThat(c.programRange()).isEqualTo(new IntRange(3, 9));
        assertThat(c.channelAftertouchRange()).isEqualTo(new IntRange(10, 20));
        assertThat(c.polyAftertouchRange()).isEqualTo(new IntRange(30, 40));
        assertThat(c.bpmRange()).isEqualTo(new DoubleRange(90, 140.5));
        assertThat(c.hdccRanges()).isEqualTo(Map.of(1, new DoubleRange(0.25, 0.75), 74, new DoubleRange(0, 0.5)));
        assertThat(c.triggerCcRanges()).isEqualTo(Map.of(64, new IntRange(64, 127)));
        assertThat(c.noteTriggered()).isTrue();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void defaultsAreTheModelDefaults() {
        SampleRegion r = only(parse("<region> sample=*sine"));
        assertThat(r.conditions()).isEqualTo(RegionConditions.DEFAULT);
        assertThat(r.crossfades()).isEqualTo(Crossfades.NONE);
        assertThat(r.choke().noteSelfmask()).isTrue();
        assertThat(r.choke().rtDead()).isFalse();
        assertThat(r.label()).isNull();
    }

    @Test
    void hikeyMinusOneMeansNoNoteStartsTheRegion() {
        Program p = parse("""
                <group> hikey=-1
                <region> sample=*noise on_locc64=100 on_hicc64=127
                <region> sample=*noise key=-1
                <region> sample=*noise hikey=60 lokey=-1
                <region> sample=*noise lokey=10 hikey=60 key=-1
                """);
        assertThat(p.regions()).extracting(r -> r.conditions().noteTriggered()).containsExactly(false, false, true, false);
        assertThat(p.regions().get(2).keyRange()).isEqualTo(new IntRange(0, 60));
        assertThat(p.regions().get(3).keyRange()).isEqualTo(IntRange.MIDI);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void crossfades() {
        SampleRegion r = only(parse("""
                <region> sample=*sine xfin_lokey=c3 xfin_hikey=c4 xfout_lokey=72 xfout_hikey=84
                xfin_lovel=1 xfin_hivel=64 xfout_lovel=100 xfin_locc1=0 xfin_hicc1=63 xfout_hicc2=10 xfout_locc2=0
                xf_keycurve=gain xf_velcurve=power xf_cccurve=gain
                """));
        Crossfades x = r.crossfades();
        assertThat(x.keyIn()).isEqualTo(new IntRange(48, 60));
        assertThat(x.keyOut()).isEqualTo(new IntRange(72, 84));
        assertThat(x.velIn()).isEqualTo(new IntRange(1, 64));
        assertThat(x.velOut()).isEqualTo(new IntRange(100, 127));
        assertThat(x.ccIn()).isEqualTo(Map.of(1, new IntRange(0, 63)));
        assertThat(x.ccOut()).isEqualTo(Map.of(2, new IntRange(0, 10)));
        assertThat(x.keyCurve()).isEqualTo(CrossfadeCurve.GAIN);
        assertThat(x.velCurve()).isEqualTo(CrossfadeCurve.POWER);
        assertThat(x.ccCurve()).isEqualTo(CrossfadeCurve.GAIN);
        assertThat(x.any()).isTrue();
    }

    @Test
    void lifecycleSwitches() {
        SampleRegion r = only(parse("<region> sample=*sine note_selfmask=off rt_dead=on"));
        assertThat(r.choke().noteSelfmask()).isFalse();
        assertThat(r.choke().rtDead()).isTrue();
    }

    @Test
    void labelsNameProgramGroupsAndRegions() {
        Program p = parse("""
                <global> global_label=Kit One
                <master> master_label=Snares
                <group> lokey=38
                <region> sample=*noise region_label=Centre
                <group> group_label=Rim
                <region> sample=*noise
                """);
        assertThat(p.name()).isEqualTo("Kit One");
        assertThat(p.groups()).extracting(g -> g.name()).containsExactly("Snares", "Rim");
        assertThat(p.regions().get(0).label()).isEqualTo("Centre");
        assertThat(p.regions().get(1).label()).isNull();
        assertThat(p.regions()).allMatch(r -> r.otherOpcodes().isEmpty());
        assertThat(p.diagnostics()).isEmpty();
    }
}
