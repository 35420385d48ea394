package dev.loophole.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrumKitTest {
    static SampleRegion region(String id, int key, String label, long choke, SampleRef... samples) {
        SampleRegion.Builder b = SampleRegion.builder(id);
        b.keyRange = new IntRange(key, key);
        b.samples.addAll(List.of(samples));
        b.label = label;
        if (choke != 0) b.choke = new Choke(choke, choke, OffMode.FAST, 0.006, 0, 0);
        return b.build();
    }

    /** Kick (labelled, output 1), snare with two labelled roles, hats in choke group 7, a two-mic tom on outputs 2 and 3. */
    static Program kit() {
        List<SampleRegion> regions = List.of(
                region("kick", 36, null, 0, new SampleRef("k.wav").asMic(0, 0, 1)),
                region("snare-c", 38, "snare centre", 0, new SampleRef("sc.wav")),
                region("snare-r", 38, "snare rim", 0, new SampleRef("sr.wav")),
                region("hat-c", 42, null, 7, new SampleRef("hc.wav")),
                region("hat-o", 46, null, 7, new SampleRef("ho.wav")),
                region("tom", 45, null, 0, new SampleRef("t-close.wav").asMic(0, 0, 3), new SampleRef("t-room.wav").asMic(-6, 0, 2)));
        return new Program("kit", "Kit", List.of(new SampleGroup("g", "g", regions)), null, Map.of(), Map.of(36, "Big Kick"), List.of());
    }

    @Test
    void padsComeFromOneKeyRegionsNamedByLabelsThenTheGmMap() {
        Program p = kit();
        assertThat(DrumKits.looksLikeKit(p)).isTrue();
        DrumKit k = DrumKits.padsOf(p, true);
        assertThat(k.pads()).extracting(Pad::note).containsExactly(36, 38, 42, 45, 46);
        assertThat(k.pads()).extracting(Pad::name).containsExactly("Big Kick", "Acoustic Snare", "Closed Hi-Hat", "Low Tom", "Open Hi-Hat");
        assertThat(k.pads()).extracting(Pad::icon).containsExactly("kick", "snare", "hihat", "tom", "hihat");
        assertThat(k.pads()).extracting(Pad::chokeGroup).containsExactly(0L, 0L, 7L, 0L, 7L);
        assertThat(k.pads()).extracting(Pad::output).containsExactly(1, 0, 0, 2, 0);
        assertThat(k.pad(38).orElseThrow().articulations()).containsExactly(
                new Articulation("snare centre", List.of("snare-c")), new Articulation("snare rim", List.of("snare-r")));
        assertThat(k.pad(36).orElseThrow().colour()).matches("#[0-9a-f]{6}").isNotEqualTo(k.pad(38).orElseThrow().colour());
    }

    @Test
    void aChangedChokeOrOutputIsWrittenOntoThePadsRegionsOnly() {
        Program p = kit().withDrumKit(DrumKits.padsOf(kit(), true));
        Program q = DrumKits.withPad(p, p.drumKit().pad(38).orElseThrow().withChokeGroup(3).withName("Snare"));
        assertThat(DrumKits.regions(q, 38)).allSatisfy(r -> {
            assertThat(r.choke().group()).isEqualTo(3);
            assertThat(r.choke().offBy()).isEqualTo(3);
        });
        assertThat(DrumKits.regions(q, 42)).allSatisfy(r -> assertThat(r.choke().group()).isEqualTo(7));
        assertThat(q.drumKit().pad(38).orElseThrow().name()).isEqualTo("Snare");
        // the two-mic tom moves to output 5: its mics keep their distance (room 2 → 5, close 3 → 6)
        Program t = DrumKits.withPad(q, q.drumKit().pad(45).orElseThrow().withOutput(5));
        assertThat(DrumKits.regions(t, 45).getFirst().samples()).extracting(SampleRef::output).containsExactly(6, 5);
        assertThat(DrumKits.regions(t, 36).getFirst().samples()).extracting(SampleRef::output).containsExactly(1);
        assertThatThrownBy(() -> DrumKits.withPad(t, t.drumKit().pad(45).orElseThrow().withOutput(63)))
                .hasMessageContaining("output 64 is outside 0..63");
        // a rename leaves the regions exactly as they were
        Program r = DrumKits.withPad(p, p.drumKit().pad(42).orElseThrow().withName("Hat"));
        assertThat(r.groups()).isEqualTo(p.groups());
    }

    @Test
    void theModelRefusesWhatIsNotAPad() {
        assertThatThrownBy(() -> new Pad(36, "K", "drum", null, 0, 0, List.of())).hasMessageContaining("icon 'drum'");
        assertThatThrownBy(() -> new Pad(36, "K", null, "red", 0, 0, List.of())).hasMessageContaining("colour 'red' is not #rrggbb");
        assertThatThrownBy(() -> new Pad(128, "K", null, null, 0, 0, List.of())).hasMessageContaining("outside 0..127");
        assertThatThrownBy(() -> new DrumKit(List.of(new Pad(36, "A", null, null, 0, 0, List.of()), new Pad(36, "B", null, null, 0, 0, List.of()))))
                .hasMessageContaining("two pads play note 36");
        Pad wrong = new Pad(36, "K", null, null, 0, 0, List.of(new Articulation("rim", List.of("snare-r"))));
        assertThatThrownBy(() -> DrumKits.check(kit(), new DrumKit(List.of(wrong)))).hasMessageContaining("region 'snare-r' does not play note 36");
        Program k = kit().withDrumKit(DrumKits.padsOf(kit(), true));
        assertThatThrownBy(() -> DrumKits.withPad(k, wrong)).hasMessageContaining("region 'snare-r' does not play note 36");
        Pad missing = new Pad(36, "K", null, null, 0, 0, List.of(new Articulation("x", List.of("nope"))));
        assertThatThrownBy(() -> DrumKits.check(kit(), new DrumKit(List.of(missing)))).hasMessageContaining("names region 'nope'");
    }

    @Test
    void aMelodicProgramIsNoKit() {
        SampleRegion.Builder b = SampleRegion.builder("piano");
        b.samples.add(new SampleRef("c4.wav"));
        Program p = new Program("p", "p", List.of(new SampleGroup("g", "g", List.of(b.build()))), null, Map.of(), Map.of(), List.of());
        assertThat(DrumKits.looksLikeKit(p)).isFalse();
        assertThat(DrumKits.detect(p, true).drumKit()).isNull();
        // one-key regions alone do not make a kit either: the file has to name keys or choke
        Program bare = new Program("b", "b", List.of(new SampleGroup("g", "g", List.of(region("a", 36, null, 0, new SampleRef("a.wav")),
                region("b", 38, null, 0, new SampleRef("b.wav"))))), null, Map.of(), Map.of(), List.of());
        assertThat(DrumKits.looksLikeKit(bare)).isFalse();
    }

    @Test
    void capabilitiesComeFromThePadsAndKeySwitchesFromSwLabel() {
        Program p = kit().withDrumKit(DrumKits.padsOf(kit(), true));
        InstrumentLabels l = InstrumentLabels.of(p);
        assertThat(l.drumMapping()).isTrue();
        assertThat(l.noteNames()).containsExactly(Map.entry(36, "Big Kick"), Map.entry(38, "Acoustic Snare"), Map.entry(42, "Closed Hi-Hat"),
                Map.entry(45, "Low Tom"), Map.entry(46, "Open Hi-Hat"));
        SampleRegion.Builder b = SampleRegion.builder("legato");
        b.keyRange = new IntRange(48, 72);
        b.samples.add(new SampleRef("l.wav"));
        b.conditions = new RegionConditions(IntRange.CHANNELS, Map.of(), IntRange.BEND, 0, 1, 1, 1, Trigger.ATTACK, new IntRange(24, 26), 25, -1, -1, -1, "legato");
        Program keys = new Program("k", "k", List.of(new SampleGroup("g", "g", List.of(b.build()))), null, Map.of(), Map.of(24, "staccato"), List.of());
        InstrumentLabels kl = InstrumentLabels.of(keys);
        assertThat(kl.keySwitches()).containsExactly(Map.entry(24, "staccato"), Map.entry(25, "legato"));
        assertThat(kl.drumMapping()).isFalse();
        assertThat(kl.pads()).isEmpty();
    }

    /** Sample file names as kits and sample packs spell them → the GM note a one-shot kit puts them on. */
    @ParameterizedTest
    @CsvSource({
            "Kick_01.wav, 36", "BD hard.wav, 36", "808 Bass Drum.wav, 36", "SnareRim.wav, 37", "snare_soft.wav, 38", "sd-2.wav, 38", "Electric Snare.wav, 40", "Toms.wav, 45",
            "HiHat Closed.wav, 42", "hh_open_3.wav, 46", "OpenHat.wav, 46", "hat-pedal.wav, 44", "hihat.wav, 42",
            "Tom Hi.wav, 50", "tom1.wav, 50", "tom_mid.wav, 47", "Low Tom.wav, 45", "floor tom.wav, 41", "tom3.wav, 45",
            "Crash.wav, 49", "crash2.wav, 49", "Crash Cymbal 2.wav, 57", "RideBell.wav, 53", "ride 1.wav, 51", "Clap.wav, 39", "china.wav, 52",
            "Tambourine.wav, 54", "cowbell.wav, 56", "shaker.wav, 70"})
    void fileNamesNameGmPads(String file, int note) {
        assertThat(PadKinds.ofName(file.replaceFirst("\\.wav$", ""))).map(PadKinds.Kind::note).contains(note);
    }

    @ParameterizedTest
    @CsvSource({"pad_texture.wav", "vocal chop.wav", "fx riser.wav"})
    void otherNamesAreNotDrums(String file) {
        assertThat(PadKinds.ofName(file.replaceFirst("\\.wav$", ""))).isEmpty();
    }
}
