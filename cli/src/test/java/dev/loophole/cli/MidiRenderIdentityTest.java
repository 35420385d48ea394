package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.demo.GmSongs;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.pulse.engine.Samples;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.engine.ProgramBank;
import dev.loophole.signal.engine.RecordedInstrument;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.store.Streamer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --midi} now runs through a node graph; with {@code --dry} its output is bit-identical
 * to what the plain engine made before (rendered here the old way, channel by channel onto an
 * {@link Engine}; several instruments each rendered apart and summed in channel order, as the graph's nodes are
 * offline, and within −120 dB of the straight sum): the demo song through the demo keys and drums, and a General
 * MIDI song through FluidR3.
 * Without {@code --dry} a SoundFont's CC91/CC93 sends reach a reverb and a chorus, so that render differs.
 */
class MidiRenderIdentityTest {
    static final Path FLUID = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    @TempDir Path dir;

    /**
     * The old path: every channel routed onto one Engine, rendered by OfflineRenderer, as RenderJob did before graphs;
     * {@code recorded}: each instrument renders its block apart and the blocks are summed in channel order
     * ({@link RecordedInstrument}), as an offline graph's nodes do since they render side by side.
     */
    private static float[] plainEngine(MidiSong song, Map<Integer, Instrument> byChannel, Streamer streamer, boolean recorded) {
        return plainEngine(song, byChannel, streamer, recorded, 0.5);
    }

    /** As above, {@code tail} seconds after the last event (negative: until the voices fall silent), in blocks of 256. */
    private static float[] plainEngine(MidiSong song, Map<Integer, Instrument> byChannel, Streamer streamer, boolean recorded, double tail) {
        Engine engine = new Engine(48_000, 256);
        Map<Instrument, Instrument> run = new java.util.IdentityHashMap<>();
        new java.util.TreeMap<>(byChannel).forEach((c, i) -> engine.route(c, recorded ? run.computeIfAbsent(i, RecordedInstrument::of) : i));
        float[] all = new float[48_000 * 60];
        int[] at = {0};
        new OfflineRenderer(engine, 256).beforeEachBlock(streamer::fillAll).render(song, tail, (l, r, n) -> {
            System.arraycopy(l, 0, all, at[0], n);
            at[0] += n;
        }, null);
        return java.util.Arrays.copyOf(all, at[0]);
    }

    private static SamplerInstrument sampler(PatchCompiler c, dev.loophole.model.Program p, Streamer s) {
        SamplerInstrument i = new SamplerInstrument(c.compile(p), 48_000, 256, 0, s);
        i.setQuality(Interpolation.CUBIC);
        return i;
    }

    /** The left channel of {@code render} with {@code --tail tail} (null: none, until the voices fall silent) and what it printed (--verbose). */
    private record Cli(float[] left, String err) { }

    private Cli cli(Path song, String tail, String... instrumentArgs) throws Exception {
        Path out = dir.resolve("new.wav");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("render", "--midi", song.toString(), "--out", out.toString(),
                "--float", "--quality", "cubic", "--dry", "--verbose"));
        if (tail != null) { args.add("--tail"); args.add(tail); }
        for (String a : instrumentArgs) { args.add("--instrument"); args.add(a); }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return new Cli(WavReader.read(out).channels()[0], r.err());
    }

    /** FluidR3's programs for {@code midi}, as the old path built them: one sampler per program, in a bank on every channel. */
    private static Map<Integer, Instrument> gmBank(MidiSong midi, PatchCompiler pc, Streamer streamer) throws Exception {
        Sf2Bank bank = Sf2Importer.load(FLUID);
        TreeSet<Integer> wanted = new TreeSet<>(ProgramBank.programsUsed(midi));
        wanted.add(0);
        wanted.add(ProgramBank.PERCUSSION_BANK * 128);
        Map<Integer, SamplerInstrument> programs = new HashMap<>();
        for (int key : wanted) {
            boolean drums = key / 128 == ProgramBank.PERCUSSION_BANK;
            bank.find(key / 128, key % 128).or(() -> bank.find(drums ? ProgramBank.PERCUSSION_BANK : 0, drums ? 0 : key % 128))
                    .ifPresent(p -> programs.put(p.bank() * 128 + p.preset(), sampler(pc, p.program(), streamer)));
        }
        ProgramBank gm = new ProgramBank(programs);
        Map<Integer, Instrument> all = new HashMap<>();
        for (int c = 0; c < 16; c++) all.put(c, gm);
        return all;
    }

    @Test
    void theDemoSongIsBitIdenticalToThePlainEngine() throws Exception {
        DemoContent.DemoFiles f = DemoContent.write(dir);
        Cli cli = cli(f.song(), "0.5", "1=" + f.keysSfz(), "10=" + f.drumsSfz());
        float[] now = cli.left();
        // The demo's samples are longer than their preloaded heads: they stream, so this render keeps 256-frame blocks
        // (the GM cases below run the long ones).
        assertThat(cli.err()).contains("rendering in blocks of 256 frames (samples stream)");
        float[][] before = new float[2][];
        for (int k = 0; k < 2; k++) {
            SampleStore store = new SampleStore(1L << 30, true);
            try (Streamer streamer = new Streamer(store)) {
                PatchCompiler pc = new PatchCompiler(new Samples(store), 48_000, PatchCompiler.PRELOAD_FRAMES);
                before[k] = plainEngine(SmfReader.read(f.song()), new java.util.TreeMap<>(Map.of(0, sampler(pc, InstrumentLoader.load(f.keysSfz()), streamer),
                        9, sampler(pc, InstrumentLoader.load(f.drumsSfz()), streamer))), streamer, k == 1);
            }
        }
        assertThat(before[1].length).isGreaterThan(48_000);
        assertThat(now.length).isEqualTo(before[1].length);
        assertThat(java.util.Arrays.mismatch(now, before[1])).as("first frame that differs from the recorded plain engine").isEqualTo(-1);
        // Straight into the mix, the two instruments' voices add in another order: rounding apart, the same song.
        double signal = 0, error = 0;
        for (int i = 0; i < now.length; i++) { signal += (double) before[0][i] * before[0][i]; error += (double) (now[i] - before[0][i]) * (now[i] - before[0][i]); }
        assertThat(signal / now.length).as("mean square: the song is heard").isGreaterThan(1e-4);
        assertThat(10 * Math.log10(error / signal)).as("dB RMS against the plain engine rendering straight into the mix").isLessThan(-120);
    }

    @Test
    void aGeneralMidiSongThroughFluidR3IsBitIdenticalDryAndHasItsSendsByDefault() throws Exception {
        assertThat(FLUID).as("FluidR3_GM.sf2 (Debian: fluid-soundfont-gm; .ci/run installs it)").isRegularFile();
        Path song = GmSongs.write(dir, true).band();
        Cli cli = cli(song, "0.5", FLUID.toString());
        float[] now = cli.left();
        // A SoundFont's samples are in memory: nothing streams, so this render runs the long blocks on the grid.
        assertThat(cli.err()).contains("rendering in blocks of 1024 frames on a grid of 256");
        MidiSong midi = SmfReader.read(song);
        SampleStore store = new SampleStore(1L << 30, true);
        try (Streamer streamer = new Streamer(store)) {
            PatchCompiler pc = new PatchCompiler(new Samples(store), 48_000, PatchCompiler.PRELOAD_FRAMES);
            float[] before = plainEngine(midi, gmBank(midi, pc, streamer), streamer, false);
            assertThat(before.length).isGreaterThan(48_000);
            assertThat(now.length).isEqualTo(before.length);
            assertThat(java.util.Arrays.mismatch(now, before)).as("first frame that differs").isEqualTo(-1);
        }
        // With its sends (the default), the same render has the reverb and chorus in it.
        Path wet = dir.resolve("wet.wav");
        CliRun r = CliRun.of("render", "--midi", song.toString(), "--out", wet.toString(), "--float", "--tail", "0.5", "--quality", "cubic",
                "--instrument", FLUID.toString());
        assertThat(r.status()).as(r.err()).isZero();
        float[] withSends = WavReader.read(wet).channels()[0];
        double diff = 0, energy = 0;
        for (int i = 0; i < Math.min(withSends.length, now.length); i++) { diff += Math.pow(withSends[i] - now[i], 2); energy += now[i] * now[i]; }
        assertThat(diff / energy).as("send energy relative to the dry mix").isBetween(1e-4, 1.0);
    }

    /**
     * Without --tail the render lasts until the voices fall silent: in long blocks (asserted) it stops on the frame
     * 256-frame blocks stop on, with the same bits, and past the last note's release.
     */
    @Test
    void aGeneralMidiSongWithAnAutomaticTailIsBitIdenticalInLongBlocks() throws Exception {
        assertThat(FLUID).as("FluidR3_GM.sf2 (Debian: fluid-soundfont-gm; .ci/run installs it)").isRegularFile();
        Path song = GmSongs.write(dir, true).band();
        Cli cli = cli(song, null, FLUID.toString());
        assertThat(cli.err()).contains("rendering in blocks of 1024 frames on a grid of 256");
        MidiSong midi = SmfReader.read(song);
        SampleStore store = new SampleStore(1L << 30, true);
        try (Streamer streamer = new Streamer(store)) {
            PatchCompiler pc = new PatchCompiler(new Samples(store), 48_000, PatchCompiler.PRELOAD_FRAMES);
            float[] before = plainEngine(midi, gmBank(midi, pc, streamer), streamer, false, -1);
            long lastEvent = midi.tempoMap().frame(midi.events().getLast().tick(), 48_000) + 1;
            assertThat(before.length % 256).as("blocks of 256 stop on their grid").isZero();
            assertThat((long) before.length).as("a tail past the last event").isGreaterThan(lastEvent + 256);
            assertThat(cli.left().length).as("frames").isEqualTo(before.length);
            assertThat(java.util.Arrays.mismatch(cli.left(), before)).as("first frame that differs").isEqualTo(-1);
        }
    }
}
