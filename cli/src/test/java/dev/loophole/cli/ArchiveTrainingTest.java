package dev.loophole.cli;

import static dev.loophole.formats.sf2.Sf2TestWriter.gen;
import static dev.loophole.formats.sf2.Sf2TestWriter.range;
import static dev.loophole.formats.sf2.Sf2TestWriter.zone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.formats.sf2.Sf2TestWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.FlacWriter;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archive trained by {@link ArchiveTraining} (as {@code ./loophole} runs it, in a child JVM
 * with {@code -XX:ArchiveClassesAtExit}) serves renders the training never saw: a library of 16-bit mono FLAC files
 * with an SFZ, and a SoundFont, written here by other writers, load their readers from the archive. The control is an
 * archive trained by a SoundFont-only render (what the launcher kept when the user's first render was a GM song): the
 * same render then reads the FLAC and SFZ classes from the jars. CDS archives only classes from jars, so the test
 * class path's folders are packed into jars first.
 */
class ArchiveTrainingTest {
    @TempDir Path dir;

    /** Classes the user's render must find in the archive: FLAC, SFZ, SoundFont and MIDI reading, WAV writing. */
    private static final List<String> READERS = List.of("dev.loophole.media.FlacReader", "dev.loophole.media.FlacFrameDecoder",
            "dev.loophole.media.FlacTail", "dev.loophole.formats.sfz.SfzImporter", "dev.loophole.formats.sfz.Lexer",
            "dev.loophole.formats.sf2.Sf2Importer", "dev.loophole.formats.sf2.Sf2Catalog", "dev.loophole.formats.midi.SmfReader",
            "dev.loophole.media.WavWriter");

    @Test
    void aRenderOfOtherFlacSfzAndSoundFontFilesLoadsItsReadersFromTheTrainedArchive() throws Exception {
        String cp = jarredClassPath(Files.createDirectories(dir.resolve("jars")));
        Path song = song(), sfz = flacLibrary(), sf2 = soundFont();
        Path trained = dir.resolve("trained.jsa"), narrow = dir.resolve("narrow.jsa");
        java(cp, "-XX:ArchiveClassesAtExit=" + trained, ArchiveTraining.class.getName());
        java(cp, "-XX:ArchiveClassesAtExit=" + narrow, Main.class.getName(), "render", "--midi", song.toString(),
                "--instrument", sf2.toString(), "--out", dir.resolve("narrow.wav").toString());

        String[] render = {Main.class.getName(), "render", "--midi", song.toString(), "--instrument", "1=" + sfz,
                "--instrument", "2=" + sf2, "--out", dir.resolve("user.wav").toString()};
        Loaded withTrained = loaded(cp, trained, render), withNarrow = loaded(cp, narrow, render);

        assertThat(withTrained.fromArchive()).as("from the trained archive").containsAll(READERS);
        assertThat(withNarrow.fromArchive()).as("from the SoundFont-trained archive")
                .contains("dev.loophole.formats.sf2.Sf2Importer").doesNotContain("dev.loophole.media.FlacReader", "dev.loophole.formats.sfz.Lexer");
        // Ours that no archive can hold implement picocli's interfaces (class files too old for CDS): a handful
        assertThat(withTrained.oursFromJars()).as("our classes read from the jars with the trained archive").hasSizeLessThan(15);
        assertThat(withNarrow.oursFromJars().size()).as("…and with the narrow one").isGreaterThan(withTrained.oursFromJars().size() + 40);
        assertThat(Files.size(dir.resolve("user.wav"))).isGreaterThan(48_000);
    }

    private record Loaded(Set<String> fromArchive, Set<String> oursFromJars) {}

    /** Runs {@code args} on {@code archive} with class loading logged: what came from the archive, and ours from jars. */
    private Loaded loaded(String cp, Path archive, String... args) throws Exception {
        Path log = dir.resolve(archive.getFileName() + ".log");
        List<String> a = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load:file=" + log));
        a.addAll(List.of(args));
        java(cp, a.toArray(String[]::new));
        Set<String> shared = new TreeSet<>(), jars = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] "), source = line.indexOf(" source: ");
            if (at < 0 || source < 0) continue;
            String name = line.substring(at + 13, source);
            if (line.endsWith("source: shared objects file (top)")) shared.add(name);
            else if (name.startsWith("dev.loophole.") && line.contains(".jar")) jars.add(name);
        }
        return new Loaded(shared, jars);
    }

    /** A child JVM on {@code cp} with this JVM's Vector API and compile flags (the launcher adds the module too). */
    private static void java(String cp, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xlog:cds*=off", "-Xlog:aot*=off"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-modules") || a.startsWith("-XX:CompileCommand")) cmd.add(a);
        cmd.addAll(List.of("-cp", cp));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s printed:%n%s", cmd, out).isZero();
    }

    /** This JVM's class path with every folder packed into a jar of its own (CDS takes classes from jars only). */
    private static String jarredClassPath(Path jars) {
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!Files.isDirectory(p)) {
                if (Files.isRegularFile(p)) out.add(e);
                continue;
            }
            Path j = jars.resolve((n++) + ".jar");
            assertThat(jar.run(System.out, System.err, "--create", "--file", j.toString(), "-C", p.toString(), ".")).isZero();
            out.add(j.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    private Path song() throws IOException {
        Path f = dir.resolve("song.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of(new TempoMap.Change(0, 500_000))), List.of(
                new MidiEvent(0, 0x90, 60, 100, 0, 0), new MidiEvent(0, 0x91, 67, 90, 0, 1),
                new MidiEvent(480, 0x80, 60, 0, 0, 2), new MidiEvent(480, 0x81, 67, 0, 0, 3))), f);
        return f;
    }

    /** Three 16-bit mono FLAC files of 0.5 s, one per key range (the training's are 24-bit stereo). */
    private Path flacLibrary() throws IOException {
        StringBuilder sfz = new StringBuilder("<global> ampeg_release=0.02\n");
        for (int k = 0; k < 3; k++) {
            float[] s = new float[24_000];
            for (int i = 0; i < s.length; i++) s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * (k + 1) * i / 48_000.0));
            FlacWriter.write(dir.resolve("s" + k + ".flac"), new AudioData(new float[][] {s}, 48_000, SampleFormat.PCM_16, SampleMetadata.NONE));
            sfz.append("<region> sample=s").append(k).append(".flac lokey=").append(40 + 20 * k).append(" hikey=").append(59 + 20 * k)
                    .append(" pitch_keycenter=").append(57 + 12 * k).append('\n');
        }
        return Files.writeString(dir.resolve("lib.sfz"), sfz);
    }

    private Path soundFont() throws IOException {
        Sf2TestWriter w = new Sf2TestWriter();
        short[] data = new short[8_000];
        for (int i = 0; i < data.length; i++) data[i] = (short) (8_000 * Math.sin(2 * Math.PI * i / 100.0));
        int s = w.sample("sine", data, null, 44_100, 69, 0, 1_000, 7_000, 1, 0);
        int inst = w.instrument("sine", zone(range(43, 0, 127), gen(54, 1), gen(53, s)));
        w.preset("sine", 0, 0, zone(gen(41, inst)));
        return Files.write(dir.resolve("bank.sf2"), w.build());
    }
}
