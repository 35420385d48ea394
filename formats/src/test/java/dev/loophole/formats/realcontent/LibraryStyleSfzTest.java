package dev.loophole.formats.realcontent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated instrument written the way large commercial/ARIA libraries are: a short main file of {@code #define}s
 * and {@code #include}s, a tree of included files (controls, per-articulation files under {@code <master>} with
 * key switches, many velocity layers as {@code <group>}s, round robins, release triggers, a CC crossfade between
 * mic positions), {@code $DEFINES} inside sample paths, opcode values and labels. It must load with exactly the
 * one intentional warning.
 */
class LibraryStyleSfzTest {
    static final String[] ARTICULATIONS = {"Sustain", "Staccato", "Pizzicato"};
    static final int LAYERS = 16, ROUND_ROBINS = 3, ZONES = 8, FIRST_ZONE_KEY = 48, ZONE_WIDTH = 3, KEYSWITCH = 24;
    static final String[] MICS = {"close", "room"};

    @TempDir Path dir;
    Path main;

    @BeforeEach
    void write() throws Exception {
        main = dir.resolve("Strings.sfz");
        Files.writeString(main, """
                // Ensemble Strings — main file, as ARIA libraries ship it: defines, then the include tree
                #define $LIB Ensemble Strings
                #define $KS_SUS 24
                #define $KS_STAC 25
                #define $KS_PIZZ 26
                #define $XFCC 1
                #define $RT_VOL -9

                #include "Programs/controls.sfz"

                <global> sw_lokey=$KS_SUS sw_hikey=$KS_PIZZ sw_default=$KS_SUS
                 ampeg_attack=0.003 ampeg_release=0.35 amp_veltrack=85
                 // a line comment, then a block comment between opcodes
                 /* spanning
                    two lines */ amp_keytrack=0
                #include "articulations.sfz"
                #include "Programs/release.sfz"
                """);
        Files.createDirectories(dir.resolve("Programs"));
        Files.writeString(dir.resolve("Programs/controls.sfz"), """
                <control> default_path=Samples/ label_cc$XFCC=Mic mix (close/room) label_cc7=Volume set_cc$XFCC=64
                 label_key$KS_SUS=Sustain label_key$KS_STAC=Staccato label_key$KS_PIZZ=Pizzicato
                """);
        // articulations.sfz sits next to the main file: its own includes resolve the same whether a player takes
        // include paths relative to the including file or to the main file.
        StringBuilder arts = new StringBuilder("// one file per articulation\n");
        for (String a : ARTICULATIONS) arts.append("#include \"Programs/").append(a.toLowerCase()).append(".sfz\"\n");
        Files.writeString(dir.resolve("articulations.sfz"), arts);
        String[] ks = {"$KS_SUS", "$KS_STAC", "$KS_PIZZ"};
        for (int a = 0; a < ARTICULATIONS.length; a++) Files.writeString(dir.resolve("Programs/" + ARTICULATIONS[a].toLowerCase() + ".sfz"), articulation(a, ks[a]));
        // the sample files exist (empty: the importer checks only that they are there)
        for (String mic : MICS) {
            Path d = Files.createDirectories(dir.resolve("Samples/" + mic));
            for (String a : ARTICULATIONS)
                for (int v = 1; v <= LAYERS; v++)
                    for (int rr = 1; rr <= ROUND_ROBINS; rr++)
                        for (int z = 0; z < ZONES; z++) Files.createFile(d.resolve(sampleName(a, v, rr, z)));
            for (int z = 0; z < ZONES; z++) Files.createFile(d.resolve("rel_" + z + ".wav"));
        }
        StringBuilder rel = new StringBuilder("// release noises, triggered on note-off, quieter the longer the note was held\n<master> master_label=Release\n");
        rel.append("<group> trigger=release rt_decay=6 volume=$RT_VOL lovel=1 hivel=127 group=9 off_by=10\n");
        for (int z = 0; z < ZONES; z++)
            rel.append("<region> sample=close/rel_").append(z).append(".wav lokey=").append(zoneLo(z)).append(" hikey=").append(zoneLo(z) + ZONE_WIDTH - 1)
                    .append(" pitch_keycenter=").append(zoneLo(z) + 1).append('\n');
        // the intentional warning: an opcode no SFZ version defines, on a known line of an included file
        rel.append("<region> sample=close/rel_0.wav key=127 vendor_private_opcode=3\n");
        Files.writeString(dir.resolve("Programs/release.sfz"), rel);
    }

    static int zoneLo(int z) { return FIRST_ZONE_KEY + z * ZONE_WIDTH; }

    static String sampleName(String art, int layer, int rr, int zone) {
        return String.format("%s_v%02d_rr%d_z%d.wav", art.toLowerCase().substring(0, 4), layer, rr, zone);
    }

    /** One articulation: {@code <master>} with its key switch, a group per velocity layer × round robin × mic. */
    static String articulation(int a, String ksDefine) {
        String art = ARTICULATIONS[a];
        StringBuilder s = new StringBuilder("// " + art + "\n#define $ART " + art + "\n");
        s.append("<master> sw_last=").append(ksDefine).append(" sw_label=$ART master_label=$LIB $ART\n");
        s.append(a == 0 ? " ampeg_release=0.8 loop_mode=no_loop\n" : " ampeg_release=0.12 ampeg_decay=0.4 ampeg_sustain=0\n");
        for (int v = 1; v <= LAYERS; v++) {
            int lo = (v - 1) * 128 / LAYERS, hi = v * 128 / LAYERS - 1;
            for (int rr = 1; rr <= ROUND_ROBINS; rr++) {
                for (int m = 0; m < MICS.length; m++) {
                    s.append("<group> group_label=$ART v").append(v).append(" rr").append(rr).append(' ').append(MICS[m])
                            .append(" lovel=").append(Math.max(1, lo)).append(" hivel=").append(hi)
                            .append(" seq_length=").append(ROUND_ROBINS).append(" seq_position=").append(rr)
                            .append(m == 0 ? " xfout_locc$XFCC=0 xfout_hicc$XFCC=127" : " xfin_locc$XFCC=0 xfin_hicc$XFCC=127")
                            .append(" amp_velcurve_").append(hi).append("=1\n");
                    for (int z = 0; z < ZONES; z++) {
                        s.append("<region> sample=").append(MICS[m]).append('/').append(sampleName(art, v, rr, z))
                                .append(" lokey=").append(zoneLo(z)).append(" hikey=").append(zoneLo(z) + ZONE_WIDTH - 1)
                                .append(" pitch_keycenter=").append(zoneLo(z) + 1);
                        if ((z + v) % 3 == 0) s.append(" tune=").append((z * 7 + v) % 11 - 5);
                        if (v == LAYERS) s.append(" volume=1.5");
                        s.append('\n');
                    }
                }
            }
        }
        return s.toString();
    }

    /**
     * One warning, intended: the unknown vendor opcode. The amp_velcurve_N points libraries use a lot are played
     * (Amp.velocityCurve), so they warn no more.
     */
    @Test
    void theTreeLoadsWithOnlyTheIntentionalWarnings() throws Exception {
        Program p = SfzImporter.load(main);
        assertThat(p.diagnostics()).noneMatch(x -> x.message().startsWith("amp_velcurve_"));
        assertThat(p.regions().getFirst().amp().velocityCurve()).containsExactly(java.util.Map.entry(127 / LAYERS, 1.0));
        List<Diagnostic> rest = p.diagnostics();
        assertThat(rest).hasSize(1);
        Diagnostic d = rest.getFirst();
        assertThat(d.where().file()).endsWith("release.sfz");
        assertThat(d.where().line()).isEqualTo(3 + ZONES + 1);
        assertThat(d.message()).contains("vendor_private_opcode");
        SampleRegion odd = p.regions().getLast();
        assertThat(odd.otherOpcodes()).containsEntry("vendor_private_opcode", "3");
    }

    @Test
    void everyLayerRoundRobinAndMicBecomesARegion() throws Exception {
        Program p = SfzImporter.load(main);
        int perArticulation = LAYERS * ROUND_ROBINS * MICS.length * ZONES;
        assertThat(p.regions()).hasSize(ARTICULATIONS.length * perArticulation + ZONES + 1);
        assertThat(p.regions()).allSatisfy(r -> assertThat(Path.of(r.sample().path())).isRegularFile());

        List<SampleRegion> played = p.regions().stream().filter(r -> r.conditions().trigger() == Trigger.ATTACK).toList();
        // key switches: each articulation under its own sw_last, labelled from the define
        Map<Integer, Long> bySwitch = played.stream().collect(Collectors.groupingBy(r -> r.conditions().swLast(), Collectors.counting()));
        assertThat(bySwitch).containsOnly(Map.entry(24, (long) perArticulation), Map.entry(25, (long) perArticulation),
                Map.entry(26, (long) perArticulation));
        assertThat(played).allSatisfy(r -> {
            assertThat(r.conditions().keySwitchRange().lo()).isEqualTo(KEYSWITCH);
            assertThat(r.conditions().keySwitchRange().hi()).isEqualTo(KEYSWITCH + 2);
            assertThat(r.conditions().swLabel()).isEqualTo(ARTICULATIONS[r.conditions().swLast() - KEYSWITCH]);
        });
        assertThat(p.settings().swDefault()).isEqualTo(KEYSWITCH);
        assertThat(p.keyLabels()).containsEntry(24, "Sustain").containsEntry(26, "Pizzicato");
        assertThat(p.ccLabels()).containsEntry(1, "Mic mix (close/room)");

        // round robins: 3 positions of a 3-cycle, evenly used
        assertThat(played).allSatisfy(r -> assertThat(r.conditions().seqLength()).isEqualTo(ROUND_ROBINS));
        assertThat(played.stream().collect(Collectors.groupingBy(r -> r.conditions().seqPosition(), Collectors.counting())))
                .containsOnlyKeys(1, 2, 3).allSatisfy((k, n) -> assertThat(n).isEqualTo((long) played.size() / ROUND_ROBINS));

        // velocity layers: on every key of every articulation, each velocity 1..127 hits exactly one layer per rr × mic
        for (int sw = 24; sw <= 26; sw++) {
            for (int key = FIRST_ZONE_KEY; key < FIRST_ZONE_KEY + ZONES * ZONE_WIDTH; key++) {
                for (int vel = 1; vel <= 127; vel++) {
                    int k = key, v = vel, s = sw;
                    long hits = played.stream().filter(r -> r.conditions().swLast() == s && r.keyRange().lo() <= k && k <= r.keyRange().hi()
                            && r.velocityRange().lo() <= v && v <= r.velocityRange().hi()).count();
                    assertThat(hits).as("sw %d key %d vel %d", sw, key, vel).isEqualTo((long) ROUND_ROBINS * MICS.length);
                }
            }
        }
        // defines reached sample paths, values and labels
        assertThat(p.regions().stream().filter(r -> r.conditions().trigger() == Trigger.RELEASE))
                .hasSize(ZONES + 1).allSatisfy(r -> {
                    assertThat(r.amp().volume()).isEqualTo(-9.0);
                    assertThat(r.amp().rtDecay()).isEqualTo(6.0);
                    assertThat(r.choke().group()).isEqualTo(9);
                });
        assertThat(played).filteredOn(r -> r.sample().path().contains("/room/")).hasSize(played.size() / 2);
        assertThat(p.groups()).extracting(g -> g.name()).contains("Staccato v16 rr3 room");
        assertThat(played).filteredOn(r -> r.conditions().swLast() == 24)
                .allSatisfy(r -> assertThat(r.envelopes().amp().release()).isEqualTo(0.8));
        assertThat(played).filteredOn(r -> r.conditions().swLast() == 25)
                .allSatisfy(r -> assertThat(r.envelopes().amp().release()).isEqualTo(0.12));
    }
}
