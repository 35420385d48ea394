package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavReader;
import dev.loophole.media.WavWriter;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation campaign over the command line, as a hostile user would try it: damaged MIDI, SFZ, WAV, FLAC, Ogg
 * and SoundFont files and hostile option values, each run through the real {@link Main}. Every case must end with an
 * exit status the README documents (0, 1, 2), a written file exactly when it says 0, no stack trace or exception name
 * without --verbose, no line longer than a terminal can show, and no {@code .part} file left behind.
 *
 * <p>Case {@code i} depends only on {@code SEED + i}, so a failure names the case to rerun. {@code -Pmutation-long}
 * (cli/pom.xml) runs {@value #LONG_CASES} cases instead of {@value #DEFAULT_CASES}.
 */
class CommandLineMutationTest {
    static final long SEED = 20261207L;
    static final int DEFAULT_CASES = 240, LONG_CASES = 6000;
    static final Pattern CRASH = Pattern.compile("\\b\\w+(Exception|Error)\\b|\\tat ");
    static final String[] HOSTILE = {"0", "-1", "-0", "1e309", "NaN", "Infinity", "-Infinity", "99999999999999999999", "", " ",
            "foo", "0x10", "1,5", "\u0000", "48000.5", "65", "4097", "16777217", "-97", "97", "1:00:00:00", ":", "1:-1", "25h",
            "0.000001", "17=x.sfz", "0=x.sfz", "=x.sfz", "1=", "-", "--", "x".repeat(100_000), "\u001b[2J", "1=" + "y".repeat(5000)};
    static final String[] OPTIONS = {"--rate", "--bits", "--tail", "--quality", "--polyphony", "--gain", "--preload", "--seed",
            "--max-length", "--instrument", "--out", "--midi"};
    static final String[] SFZ_TOKENS = {"<region>", "<group>", "<global>", "<control>", "<master>", "<curve>", "<effect>", "<", ">",
            "sample=", "sample=a.wav", "sample=../../../../etc/passwd", "sample=" + "z".repeat(3000), "#define $X 1", "#define $X $X$X",
            "#include \"a.sfz\"", "#include \"/dev/zero\"", "$X", "lokey=", "hikey=-5", "key=200", "pitch_keycenter=99999",
            "loop_mode=loop_continuous", "loop_start=-1", "loop_end=99999999999", "offset=4294967296", "tune=1e300", "volume=NaN",
            "ampeg_release=-1", "ampeg_attack=1e9", "lovel=128", "seq_length=0", "sw_last=300", "fil_type=lpf_2p cutoff=0",
            "amplitude_oncc70=100000", "lfo1_freq=1e10", "eg1_time1=-5", "//", "/*", "=", "==", "\u0000", "\t", "\r", "default_path=/"};

    @TempDir static Path base;
    static byte[] midi, sfz, wav, flac, ogg, sf2;
    static List<MidiEvent> events;

    @BeforeAll
    static void goodInputs() throws Exception {
        // Two notes and a chord at 120 BPM, 480 ppq: 1.5 s of music.
        List<MidiEvent> ev = new ArrayList<>();
        int[][] notes = {{0, 60}, {480, 64}, {960, 67}, {960, 72}};
        for (int[] n : notes) {
            ev.add(new MidiEvent(n[0], 0x90, n[1], 100, 0, ev.size()));
            ev.add(new MidiEvent(n[0] + 480, 0x80, n[1], 0, 0, ev.size()));
        }
        ev.add(new MidiEvent(100, 0xB0, 64, 127, 0, ev.size()));
        ev.add(new MidiEvent(200, 0xE0, 0, 80, 0, ev.size()));
        events = List.copyOf(ev);
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), ev), base.resolve("good.mid"));
        midi = Files.readAllBytes(base.resolve("good.mid"));
        sfz = """
                <control> default_path=./
                <global> ampeg_release=0.05
                <group> lokey=0 hikey=127 loop_mode=loop_continuous loop_start=100 loop_end=4000
                <region> sample=a.wav pitch_keycenter=60 hikey=63
                <region> sample=a.wav pitch_keycenter=64 lokey=64 fil_type=lpf_2p cutoff=2000
                """.getBytes(StandardCharsets.UTF_8);
        float[] sine = new float[4800];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 261.63 * i / 48_000));
        WavWriter.write(base.resolve("a.wav"), new AudioData(new float[][] {sine}, 48_000, SampleFormat.PCM_16, SampleMetadata.NONE));
        wav = Files.readAllBytes(base.resolve("a.wav"));
        flac = encode("flac", "-s", "-f", "-o", base.resolve("a.flac").toString(), base.resolve("a.wav").toString()) ? Files.readAllBytes(base.resolve("a.flac")) : null;
        ogg = encode("oggenc", "-Q", "-o", base.resolve("a.ogg").toString(), base.resolve("a.wav").toString()) ? Files.readAllBytes(base.resolve("a.ogg")) : null;
        short[] pcm = new short[sine.length];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) Math.round(sine[i] * 32767);
        // The smallest bank that plays: the sine looped (sampleModes 1) over all keys, preset 0:0.
        ExportCommandTest.Sf2Writer bank = new ExportCommandTest.Sf2Writer();
        int sample = bank.sample("Sine", pcm, 48_000, 60, 0, 8, pcm.length - 8);
        bank.instrument("Tiny", List.of(ExportCommandTest.gen(54, 1), ExportCommandTest.gen(53, sample)));
        bank.preset("Tiny", 0, 0, List.of(ExportCommandTest.gen(41, 0)));
        sf2 = bank.build();
    }

    enum Kind { MIDI, SFZ, WAV, FLAC, OGG, SF2, OPTION }

    @Test
    @Timeout(900) // a hang guard: the default run takes seconds
    void everyCaseEndsAsDocumented() throws Exception {
        int cases = Boolean.getBoolean("loophole.mutation.long") ? LONG_CASES : DEFAULT_CASES;
        Map<String, Integer> tally = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            if (kind == Kind.FLAC && flac == null || kind == Kind.OGG && ogg == null) kind = Kind.WAV; // encoder missing
            CliRun run = runCase(i, kind);
            tally.merge(kind + " exit " + run.status(), 1, Integer::sum);
            if (Boolean.getBoolean("loophole.mutation.verbose")) System.out.println(i + " " + kind + " " + run.status() + " " + run.err().lines().reduce((a, b) -> b).orElse(""));
        }
        System.out.println("command-line mutants (" + cases + "): " + tally);
        // The campaign reaches both sides: some damaged inputs still play, some are refused.
        assertThat(tally.keySet()).anyMatch(k -> k.endsWith("exit 0")).anyMatch(k -> k.endsWith("exit 1")).anyMatch(k -> k.endsWith("exit 2"));
    }

    private CliRun runCase(int i, Kind kind) throws IOException {
        Random rnd = new Random((SEED + i) * 0x9E3779B97F4A7C15L); // spread: java.util.Random's first draws follow close seeds
        Path dir = Files.createDirectories(base.resolve("case" + i));
        try {
            Files.write(dir.resolve("good.mid"), midi);
            Files.write(dir.resolve("a.wav"), wav);
            Path song = dir.resolve("song.mid");
            Path out = dir.resolve("out.wav");
            Path instrument = dir.resolve("i.sfz");
            String sampleName = switch (kind) { case FLAC -> "a.flac"; case OGG -> "a.ogg"; default -> "a.wav"; };
            Files.write(song, kind == Kind.MIDI ? (rnd.nextBoolean() ? mutateBytes(midi, rnd) : mutateEvents(events, rnd)) : midi);
            Files.write(instrument, kind == Kind.SFZ ? mutateText(sfz, rnd)
                    : new String(sfz, StandardCharsets.UTF_8).replace("a.wav", sampleName).getBytes(StandardCharsets.UTF_8));
            switch (kind) {
                case WAV -> Files.write(dir.resolve("a.wav"), mutateBytes(wav, rnd));
                case FLAC -> Files.write(dir.resolve("a.flac"), mutateBytes(flac, rnd));
                case OGG -> Files.write(dir.resolve("a.ogg"), mutateBytes(ogg, rnd));
                case SF2 -> {
                    instrument = dir.resolve("i.sf2");
                    Files.write(instrument, mutateBytes(sf2, rnd));
                }
                default -> { }
            }
            Map<String, String> options = new java.util.LinkedHashMap<>(Map.of("--midi", song.toString(), "--instrument", instrument.toString(),
                    "--out", out.toString(), "--tail", "0.2", "--quality", "linear", "--max-length", "30"));
            if (kind == Kind.OPTION) {
                String option = OPTIONS[rnd.nextInt(OPTIONS.length)];
                String value = HOSTILE[rnd.nextInt(HOSTILE.length)];
                if (option.equals("--out")) { // never a path outside the case's folder
                    out = List.of(dir, dir.resolve("no/such/x.wav"), dir.resolve("n".repeat(300) + ".wav"), dir.resolve("i.sfz")).get(rnd.nextInt(4));
                    value = out.toString();
                }
                if (option.equals("--midi") && rnd.nextBoolean()) value = dir.toString();
                if (option.equals("--instrument") && rnd.nextBoolean()) value = "10=" + dir;
                options.put(option, value);
            }
            List<String> args = new ArrayList<>();
            boolean inspect = kind != Kind.OPTION && kind != Kind.MIDI && rnd.nextInt(4) == 0;
            if (inspect) args.addAll(List.of("inspect", instrument.toString()));
            else {
                args.add("render");
                options.forEach((k, v) -> { args.add(k); args.add(v); });
            }
            byte[] before = Files.isRegularFile(out) ? Files.readAllBytes(out) : null;
            boolean existed = Files.exists(out);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String what = "case " + i + " (" + kind + ", seed " + (SEED + i) + "): " + String.join(" ", args.stream()
                    .map(a -> a.length() > 60 ? a.substring(0, 60) + "…" : a).toList()) + "\n" + clip(run.err());
            assertThat(run.status()).as(what).isIn(0, 1, 2);
            assertThat(CRASH.matcher(run.err()).find()).as("a crash or stack trace in " + what).isFalse();
            for (String line : run.err().lines().toList())
                assertThat(line.length()).as("line length in " + what).isLessThanOrEqualTo(ReadableText.LINE_MAX + 60);
            if (run.status() != 0) assertThat(run.errLines()).as(what).last().asString().startsWith("loophole: ");
            if (!inspect) {
                if (run.status() == 0) assertThat(WavReader.read(out).channels()).as(what).hasNumberOfRows(2);
                else if (before != null) assertThat(Files.readAllBytes(out)).as("a failed render leaves the target alone: " + what).isEqualTo(before);
                else assertThat(Files.exists(out)).as("a failed render writes nothing: " + what).isEqualTo(existed);
            }
            try (Stream<Path> s = Files.walk(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).as("left behind by " + what).noneMatch(n -> n.endsWith(".part"));
            }
            return run;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static String clip(String s) { return s.length() > 2000 ? s.substring(0, 2000) + "…" : s; }

    /** Byte damage as downloads and hand edits make it: flipped bytes, lying 32-bit fields, cuts, inserted junk. */
    static byte[] mutateBytes(byte[] good, Random rnd) {
        byte[] b = good.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> { // a length or count field made absurd
                    int at = rnd.nextInt(Math.max(1, b.length - 4));
                    int v = new int[] {0, -1, 0x7FFFFFFF, 0x0FFFFFFF, 1, 0x10000}[rnd.nextInt(6)];
                    for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) (v >>> (8 * (rnd.nextBoolean() ? k : 3 - k)));
                }
                case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncated
                case 3 -> { // junk inserted
                    int at = rnd.nextInt(b.length + 1);
                    byte[] junk = new byte[1 + rnd.nextInt(64)];
                    rnd.nextBytes(junk);
                    byte[] n = new byte[b.length + junk.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(junk, 0, n, at, junk.length);
                    System.arraycopy(b, at, n, at + junk.length, b.length - at);
                    b = n;
                }
                default -> { // a run of bytes zeroed
                    if (b.length == 0) break;
                    int at = rnd.nextInt(b.length);
                    java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + rnd.nextInt(32)), (byte) 0);
                }
            }
            if (b.length == 0) break;
        }
        return b;
    }

    /**
     * MIDI damage the parser cannot see: a well-formed file whose events are absurd — any channel message with any data,
     * notes that never end, and sometimes an event 0x0FFFFFFF ticks (78 hours) in.
     */
    static byte[] mutateEvents(List<MidiEvent> good, Random rnd) throws IOException {
        List<MidiEvent> ev = new ArrayList<>(good);
        for (int e = 0, n = 1 + rnd.nextInt(8); e < n; e++) {
            MidiEvent old = ev.get(rnd.nextInt(ev.size()));
            long tick = rnd.nextInt(6) == 0 ? 0x0FFFFFFFL : rnd.nextInt(6) == 0 ? rnd.nextInt(100_000) : old.tick();
            int status = rnd.nextBoolean() ? old.status() : 0x80 + rnd.nextInt(0x70);
            ev.set(ev.indexOf(old), new MidiEvent(tick, status, rnd.nextInt(128), rnd.nextInt(128), 0, old.order()));
        }
        return SmfWriter.toBytes(new MidiSong("m", new TempoMap(1 + rnd.nextInt(960), List.of()), ev), "mutant");
    }

    /** SFZ damage: hostile tokens inserted, lines dropped or repeated, characters cut. */
    static byte[] mutateText(byte[] good, Random rnd) {
        StringBuilder s = new StringBuilder(new String(good, StandardCharsets.UTF_8));
        int edits = 1 + rnd.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(s.length() + 1);
            switch (rnd.nextInt(4)) {
                case 0, 1 -> s.insert(at, " " + SFZ_TOKENS[rnd.nextInt(SFZ_TOKENS.length)] + (rnd.nextBoolean() ? "\n" : " "));
                case 2 -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(20)));
                default -> {
                    String text = s.toString();
                    int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1, lineEnd = text.indexOf('\n', at);
                    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
                    s.insert(lineStart, line.repeat(1 + rnd.nextInt(8)));
                }
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean encode(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
