package dev.loophole.cli;

import dev.loophole.pulse.engine.Samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.media.WavReader;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.store.SampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FluidR3 presets played through the engine and measured: envelope stages against the bank's generators, the GM
 * kit's hi-hat exclusive class, and the bank's modulators reaching only targets the engine plays.
 */
class Sf2PlaybackTest {
    static final Path FLUID = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static final int RATE = 48_000, BLOCK = 256;
    @TempDir static Path dir;
    static Sf2Bank bank;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isRegularFile(FLUID), "FluidR3_GM.sf2 is not installed (fluid-soundfont-gm); skipping");
        bank = Sf2Importer.load(FLUID);
    }

    /** Renders key 60 at velocity 127, held for the whole render. */
    static float[][] render(Program p, int frames) throws Exception {
        return render(p, List.of(new MidiEvent(0, 0x90, 60, 127, 0, 0)), frames);
    }

    /** Renders {@code events} (one tick per frame) through the engine on channel 1. */
    static float[][] render(Program p, List<MidiEvent> events, int frames) throws Exception {
        Patch patch = new PatchCompiler(new Samples(new SampleStore(Long.MAX_VALUE, false)), RATE).compile(p);
        assertThat(patch.warnings()).as("engine warnings").noneMatch(w -> w.contains("not played"));
        Engine engine = new Engine(RATE, BLOCK);
        engine.route(0, new SamplerInstrument(patch, RATE, 64, 1));
        MidiSong song = new MidiSong("t", new TempoMap(24_000, List.of()), events);
        float[][] out = new float[2][frames];
        int[] pos = {0};
        new OfflineRenderer(engine, BLOCK).render(song, frames / (double) RATE, (l, r, n) -> {
            int k = Math.min(n, frames - pos[0]);
            if (k > 0) { System.arraycopy(l, 0, out[0], pos[0], k); System.arraycopy(r, 0, out[1], pos[0], k); }
            pos[0] += n;
        }, null);
        return out;
    }

    /** The program with every amplitude envelope flat (full level from the same delay on). */
    static Program flat(Program p) {
        List<SampleGroup> groups = p.groups().stream().map(g -> new SampleGroup(g.groupId(), g.name(), g.regions().stream()
                .map(r -> {
                    Envelope e = r.envelopes().amp();
                    SampleRegion.Builder b = r.toBuilder();
                    b.envelopes = new Envelopes(new Envelope(e.delay(), 0, 0, 0, 0, 1, e.release(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                            r.envelopes().filter(), r.envelopes().pitch());
                    return b.build();
                }).toList())).toList();
        return new Program(p.programId(), p.name(), groups, p.settings(), p.ccLabels(), p.keyLabels(), p.diagnostics(), p.curves(),
                p.extraSections());
    }

    /** First frame from {@code from} where the envelope (as a dB curve, one value per 32-frame window) crosses {@code db}. */
    static int crossing(double[] envDb, int from, double db, boolean rising) {
        for (int w = from / 32; w < envDb.length; w++) if (rising ? envDb[w] >= db : envDb[w] <= db) return w * 32;
        return -1;
    }

    @Test
    void helicopterEnvelopeStagesMatchItsGenerators() throws Exception {
        // GM 125 "Helicopter", both zones at key 60 (read from the file's igen): delayVolEnv -12000, attackVolEnv 1200,
        // holdVolEnv 1518, decayVolEnv 6185, sustainVolEnv 929 timecents/cB, looped noise. So the level rises linearly
        // from 2^-10 s for 2 s, holds 2^(1518/1200) = 2.4033 s, then falls 100 dB per 2^(6185/1200) = 35.627 s.
        double delay = Math.pow(2, -10), attack = 2, hold = Math.pow(2, 1518 / 1200.0), per100dB = Math.pow(2, 6185 / 1200.0);
        Program heli = bank.find(0, 125).orElseThrow().program();
        int frames = 8 * RATE + RATE / 2;
        float[][] a = render(heli, frames), ref = render(flat(heli), frames);
        // The envelope is the ratio of the render to the same render without it (the noise cancels), per 32 frames.
        double[] env = new double[frames / 32];
        for (int w = 0; w < env.length; w++) {
            double num = 0, den = 0;
            for (int c = 0; c < 2; c++)
                for (int i = w * 32; i < w * 32 + 32; i++) { num += a[c][i] * (double) a[c][i]; den += ref[c][i] * (double) ref[c][i]; }
            env[w] = den == 0 ? -200 : 10 * Math.log10(num / den);
        }
        double[] expected = {delay + attack * Math.pow(10, -3 / 20.0),      // −3 dB on the linear attack: 1.4169 s
                delay + attack * Math.pow(10, -0.1 / 20.0),                  // −0.1 dB: the attack's end, 1.9781 s
                delay + attack + hold + per100dB * 0.03,                     // −3 dB into the decay: 5.4731 s
                delay + attack + hold + per100dB * 0.10};                    // −10 dB: 7.9670 s
        int[] measured = {crossing(env, 0, -3, true), crossing(env, 0, -0.1, true),
                crossing(env, (int) ((delay + attack) * RATE), -3, false), crossing(env, (int) ((delay + attack) * RATE), -10, false)};
        for (int k = 0; k < expected.length; k++) {
            System.out.printf("Helicopter envelope point %d: generators say %.4f s, render %.4f s (%+.1f ms)%n", k, expected[k],
                    measured[k] / (double) RATE, (measured[k] / (double) RATE - expected[k]) * 1000);
            assertThat(measured[k] / (double) RATE).isCloseTo(expected[k], within(BLOCK / (double) RATE));
        }
        // Held at full level between attack and decay.
        assertThat(env[(int) ((delay + attack + hold / 2) * RATE) / 32]).isCloseTo(0, within(0.01));
    }

    @Test
    void closedHiHatChokesTheOpenOneByExclusiveClass() throws Exception {
        // GM kit: open hat (46) at 0 s, closed hat (42) at 0.3 s, both exclusiveClass 1 in FluidR3's igen.
        float[][] both = drums(List.of(46, 42)), closed = drums(List.of(42)), open = drums(List.of(46));
        int at = RATE * 3 / 10, fade = (int) (0.006 * RATE) + BLOCK;
        double openAlone = rms(open, at + fade, at + RATE / 2);
        double residue = rms(diff(both, closed), at + fade, at + RATE / 2);
        double before = rms(diff(both, open), 0, at);
        System.out.printf("open hat alone after 0.3 s: %.1f dBFS; with the closed hat, minus the closed hat alone: %.1f dBFS%n",
                openAlone, residue);
        assertThat(openAlone).isGreaterThan(-40); // the open hat still rings there by itself
        assertThat(before).isLessThan(-120);      // before the closed hat, the open one plays untouched
        assertThat(residue).isLessThan(-120);     // 6 ms (+ one block) after it, nothing of the open hat is left
        assertThat(rms(closed, at, at + RATE / 10)).isGreaterThan(-40);
    }

    private float[][] drums(List<Integer> keys) throws Exception {
        List<MidiEvent> ev = new java.util.ArrayList<>();
        for (int k : keys) {
            long tick = k == 46 ? 0 : 288; // 480 ppq at 120 BPM: 288 ticks = 0.3 s
            ev.add(new MidiEvent(tick, 0x99, k, 100, 0, ev.size()));
            ev.add(new MidiEvent(tick + 48, 0x89, k, 0, 0, ev.size()));
        }
        Path mid = dir.resolve("hats" + keys + ".mid"), out = dir.resolve("hats" + keys + ".wav");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), ev), mid);
        // --dry: the choke is the instrument's; the GM reverb/chorus sends (on by default) are not this test's subject
        CliRun run = CliRun.of("render", "--midi", mid.toString(), "--instrument", FLUID.toString(), "--out", out.toString(),
                "--float", "--tail", "1", "--dry");
        assertThat(run.status()).as(run.err()).isZero();
        return WavReader.read(out).channels();
    }

    static float[][] diff(float[][] a, float[][] b) {
        float[][] d = new float[2][Math.min(a[0].length, b[0].length)];
        for (int c = 0; c < 2; c++) for (int i = 0; i < d[c].length; i++) d[c][i] = a[c][i] - b[c][i];
        return d;
    }

    static double rms(float[][] x, int from, int to) {
        double s = 0;
        for (float[] c : x) for (int i = from; i < to; i++) s += c[i] * (double) c[i];
        return 10 * Math.log10(s / (2.0 * (to - from)) + 1e-30);
    }

    @Test
    void fluidR3ModulatorsReachOnlyTargetsTheEnginePlays() throws Exception {
        // Piano, trumpet and kit have the defaults only; Brass Section (61) adds FluidR3's own velocity → cutoff and
        // velocity (concave) × velocity (switch) → resonance, now played.
        for (int[] bp : new int[][] {{0, 0}, {0, 56}, {0, 61}, {128, 0}}) {
            Program p = bank.find(bp[0], bp[1]).orElseThrow().program();
            Patch patch = new PatchCompiler(new Samples(new SampleStore(Long.MAX_VALUE, false)), RATE).compile(p);
            assertThat(patch.warnings()).as(p.name()).noneMatch(w -> w.contains("not played"));
            assertThat(p.regions()).allSatisfy(r -> assertThat(r.modulation())
                    .noneMatch(m -> m.target().startsWith("sf2_")));
            // The default sends are routings now, played as the sampler's reverb/chorus send outputs.
            assertThat(p.regions()).allSatisfy(r -> assertThat(r.modulation()).filteredOn(m -> m.target().startsWith("effect"))
                    .containsExactlyInAnyOrder(new dev.loophole.model.Modulation("cc91", "effect1", 20, 0, 0), new dev.loophole.model.Modulation("cc93", "effect2", 20, 0, 0)));
            if (bp[1] == 61) assertThat(p.regions()).allSatisfy(r -> assertThat(r.modulation())
                    .anyMatch(m -> m.source().equals("cc131") && m.target().equals("resonance")));
        }
    }
}
