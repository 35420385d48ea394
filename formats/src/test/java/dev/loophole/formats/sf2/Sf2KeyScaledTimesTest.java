package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Sf2TestWriter.gen;
import static dev.loophole.formats.sf2.Sf2TestWriter.range;
import static dev.loophole.formats.sf2.Sf2TestWriter.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Curve;
import dev.loophole.model.Modulation;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keynumTo*Env* on zones spanning several keys, as imported: the region's own stage time at key 60 plus a routing from
 * the key number whose curve gives every key the spec's time (base + perKey × (60 − key) timecents, clamped to the
 * stage's range); zones alike share one curve; a bank that runs out of curve indices says so.
 */
class Sf2KeyScaledTimesTest {
    @TempDir Path dir;

    static final int HOLD_VOL = 35, DECAY_VOL = 36, SUSTAIN_VOL = 37, KEY_TO_VOL_HOLD = 39, KEY_TO_VOL_DECAY = 40,
            HOLD_MOD = 27, DECAY_MOD = 28, SUSTAIN_MOD = 29, KEY_TO_MOD_DECAY = 32, MOD_TO_PITCH = 7;

    private Program load(Sf2TestWriter.Zone... zones) throws Exception {
        Sf2TestWriter w = new Sf2TestWriter();
        int s = w.sample("s", new short[64], null, 48000, 60, 0, 0, 0, 1, 0);
        List<Sf2TestWriter.Zone> withSample = new ArrayList<>();
        for (Sf2TestWriter.Zone z : zones) {
            List<Sf2TestWriter.Gen> g = new ArrayList<>(z.gens());
            g.add(gen(53, s));
            withSample.add(new Sf2TestWriter.Zone(g, z.mods()));
        }
        int i = w.instrument("i", withSample.toArray(Sf2TestWriter.Zone[]::new));
        w.preset("p", 0, 0, zone(gen(41, i)));
        Path f = dir.resolve("k.sf2");
        Files.write(f, w.build());
        return Sf2Importer.load(f).presets().getFirst().program();
    }

    /** The stage time the region's routing gives key {@code key}: its own time plus depth × curve(key). */
    private static double at(SampleRegion r, Program p, String target, double own, int key) {
        Modulation m = r.modulation().stream().filter(x -> x.target().equals(target)).findFirst().orElseThrow();
        assertThat(m.source()).isEqualTo("cc133");
        Curve c = p.curves().get(m.curve());
        return own + m.depth() * c.at(key);
    }

    /** The program's curves but the default velocity curve 100. */
    private static List<Integer> keyCurves(Program p) { return p.curves().keySet().stream().filter(i -> i != 100).toList(); }

    private static double seconds(double tc) { return Math.pow(2, tc / 1200); }

    @Test
    void everyKeyOfTheZoneGetsTheSpecsTime() throws Exception {
        // volume envelope: hold −1200 tc + 50/key, decay 1200 tc + 100/key to a 60 dB sustain (decay to it: 0.6 of the time)
        // modulation envelope to pitch: decay 0 tc − 200/key, sustain 25 % (decay to it: 0.75 of the time)
        Program p = load(zone(range(43, 20, 100), gen(HOLD_VOL, -1200), gen(KEY_TO_VOL_HOLD, 50), gen(DECAY_VOL, 1200),
                gen(KEY_TO_VOL_DECAY, 100), gen(SUSTAIN_VOL, 600), gen(DECAY_MOD, 0), gen(KEY_TO_MOD_DECAY, -200),
                gen(SUSTAIN_MOD, 750), gen(MOD_TO_PITCH, 1200)));
        SampleRegion r = p.regions().getFirst();
        assertThat(r.envelopes().amp().hold()).isCloseTo(seconds(-1200), within(1e-12));
        assertThat(r.envelopes().amp().decay()).isCloseTo(seconds(1200) * 0.6, within(1e-12));
        for (int key : new int[] {20, 48, 60, 61, 84, 100}) {
            assertThat(at(r, p, "ampeg_hold", r.envelopes().amp().hold(), key)).as("hold at %d", key)
                    .isCloseTo(seconds(-1200 + 50 * (60 - key)), within(1e-7));
            assertThat(at(r, p, "ampeg_decay", r.envelopes().amp().decay(), key)).as("decay at %d", key)
                    .isCloseTo(seconds(1200 + 100 * (60 - key)) * 0.6, within(1e-7));
            assertThat(at(r, p, "pitcheg_decay", r.envelopes().pitch().decay(), key)).as("pitcheg decay at %d", key)
                    .isCloseTo(seconds(-200 * (60 - key)) * 0.75, within(1e-7));
        }
        assertThat(r.modulation()).noneMatch(m -> m.target().startsWith("fileg")); // no modEnvToFilterFc: nothing to time
        assertThat(r.otherOpcodes().keySet()).noneMatch(k -> k.contains("keynum"));
        assertThat(p.diagnostics()).noneMatch(d -> d.message().contains("keynum"));
    }

    @Test
    void aTimeBeyondTheStagesRangeStopsThere() throws Exception {
        // decay 6000 tc + 100/key: from key 39 down the sum passes 8000 tc, the longest decay
        Program p = load(zone(range(43, 0, 127), gen(DECAY_VOL, 6000), gen(KEY_TO_VOL_DECAY, 100), gen(SUSTAIN_VOL, 1000)));
        SampleRegion r = p.regions().getFirst();
        double own = r.envelopes().amp().decay(); // sustain below −90 dB: 0.9 of the time
        assertThat(at(r, p, "ampeg_decay", own, 40)).isCloseTo(seconds(8000) * 0.9, within(1e-6));
        assertThat(at(r, p, "ampeg_decay", own, 10)).isCloseTo(seconds(8000) * 0.9, within(1e-6));
        assertThat(at(r, p, "ampeg_decay", own, 41)).isCloseTo(seconds(7900) * 0.9, within(1e-6));
    }

    @Test
    void zonesAlikeShareOneCurveAndASingleKeyZoneNeedsNone() throws Exception {
        Program p = load(zone(range(43, 0, 59), gen(DECAY_VOL, 2000), gen(KEY_TO_VOL_DECAY, 30), gen(SUSTAIN_VOL, 300)),
                zone(range(43, 60, 127), gen(DECAY_VOL, -500), gen(KEY_TO_VOL_DECAY, 30), gen(SUSTAIN_VOL, 300)),
                zone(range(43, 64, 64), gen(DECAY_VOL, 0), gen(KEY_TO_VOL_DECAY, 30), gen(SUSTAIN_VOL, 300)));
        List<SampleRegion> rs = p.regions();
        assertThat(rs.get(0).modulation().getFirst().curve()).isEqualTo(rs.get(1).modulation().getFirst().curve());
        assertThat(keyCurves(p)).hasSize(1);
        // the single key's time is its own: 0 + 30 × (60 − 64) tc
        assertThat(rs.get(2).modulation()).noneMatch(m -> m.source().equals("cc133"));
        assertThat(rs.get(2).envelopes().amp().decay()).isCloseTo(seconds(-120) * 0.3, within(1e-12));
    }

    @Test
    void aBankOutOfCurveIndicesSaysWhichZonesPlayAtKeySixty() throws Exception {
        // 101..255 holds 155 curves: per-key amounts 1..160 need 160 different ones
        Sf2TestWriter.Zone[] zones = new Sf2TestWriter.Zone[160];
        for (int k = 0; k < zones.length; k++)
            zones[k] = zone(range(43, 0, 127), gen(DECAY_VOL, 0), gen(KEY_TO_VOL_DECAY, k + 1), gen(SUSTAIN_VOL, 300));
        Program p = load(zones);
        assertThat(keyCurves(p)).hasSize(155);
        assertThat(p.regions().get(154).modulation().getFirst().target()).isEqualTo("ampeg_decay");
        assertThat(p.regions().get(155).modulation().getFirst().target()).isEqualTo("sf2_keynumToVolEnvDecay");
        assertThat(p.diagnostics()).filteredOn(d -> d.message().contains("curve indices")).hasSize(1)
                .allMatch(d -> d.message().contains("keynumToVolEnvDecay is applied at key 60"));
    }
}
