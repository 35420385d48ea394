package dev.loophole.pulse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.MediaStatus;
import dev.loophole.media.library.ScanListener;
import dev.loophole.media.library.StatusChange;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.store.SampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drive that goes away while a program plays: a loop-mounted ext4 image unmounted mid-note (where this machine
 * lets the test mount, i.e. as root), else a folder renamed away and back. The program keeps playing what is there,
 * every status change is an event, and when the drive returns its sample sounds again without reloading the program.
 */
class OfflineDrivePlaybackTest {
    static final int RATE = 48_000, BLOCK = 256;
    @TempDir Path tmp;
    Drive drive;

    /** A place samples live that can go away and come back. */
    interface Drive {
        Path dir();
        void goAway() throws Exception;
        void comeBack() throws Exception;
        String kind();
    }

    record LoopMount(Path image, Path dir) implements Drive {
        static LoopMount tryMake(Path tmp) {
            try {
                if (!"root".equals(System.getProperty("user.name"))) return null;
                Path image = tmp.resolve("drive.img"), dir = tmp.resolve("mnt/SampleDrive");
                try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                    f.setLength(16 << 20);
                }
                Files.createDirectories(dir);
                if (run("mkfs.ext4", "-q", "-F", image.toString()) != 0) return null;
                LoopMount m = new LoopMount(image, dir);
                m.comeBack();
                return m;
            } catch (Exception e) {
                return null;
            }
        }

        public void goAway() throws Exception { check(run("umount", dir.toString()), "umount"); }

        public void comeBack() throws Exception { check(run("mount", "-o", "loop", image.toString(), dir.toString()), "mount"); }

        public String kind() { return "loop-mounted ext4 image"; }
    }

    record RenamedFolder(Path dir, Path away) implements Drive {
        public void goAway() throws Exception { Files.move(dir, away); }

        public void comeBack() throws Exception { Files.move(away, dir); }

        public String kind() { return "folder renamed away and back"; }
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    static void check(int rc, String what) {
        if (rc != 0) throw new IllegalStateException(what + " failed: " + rc);
    }

    @AfterEach
    void unmount() throws Exception {
        if (drive instanceof LoopMount m) run("umount", m.dir().toString());
    }

    @Test
    void aDriveThatGoesAwayMidPlayAndComesBack() throws Exception {
        drive = LoopMount.tryMake(tmp);
        if (drive == null) {
            Files.createDirectories(tmp.resolve("SampleDrive"));
            drive = new RenamedFolder(tmp.resolve("SampleDrive"), tmp.resolve("SampleDrive.away"));
        }
        System.out.println("offline drive: " + drive.kind());
        Path onDrive = tone(drive.dir().resolve("Strings/a440.wav"), 440, 69);
        Path local = tone(tmp.resolve("local/Bass/b220.wav"), 220, 57);
        List<StatusChange> events = new CopyOnWriteArrayList<>();
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(drive.dir(), tmp.resolve("local")), ScanListener.NONE);
            lib.onStatusChange(events::add);
            SampleRef high = lib.sampleRef(lib.file(onDrive).orElseThrow().id());
            SampleRef low = lib.sampleRef(lib.file(local).orElseThrow().id());
            Program program = program(region("hi", high, 60, 80, 69), region("lo", low, 40, 59, 57));

            Engine engine = new Engine(RATE, BLOCK);
            SamplerInstrument[] inst = new SamplerInstrument[1];
            PatchCompiler compiler = new PatchCompiler(new SampleStore(Long.MAX_VALUE, false), RATE);
            try (ProgramSamples samples = new ProgramSamples(lib, program, compiler, p -> { if (inst[0] != null) inst[0].swapPatch(p); })) {
                inst[0] = new SamplerInstrument(samples.patch(), RATE, 16, 0);
                engine.route(0, inst[0]);
                assertThat(samples.patch().regionCount()).isEqualTo(2);

                // Mid-note, the drive goes away: the note plays on from memory.
                engine.dispatch(0x90, 69, 100);
                float[] before = render(engine, 0.1);
                drive.goAway();
                float[] after = render(engine, 0.3);
                assertThat(hz(before)).isCloseTo(440, within(0.5));
                assertThat(hz(after)).isCloseTo(440, within(0.05));
                engine.dispatch(0x80, 69, 0);
                render(engine, 0.1);

                lib.checkStatus(false); // what the server's watcher does every poll interval
                assertThat(events).singleElement().satisfies(e -> {
                    assertThat(e.relPath()).isEqualTo("Strings/a440.wav");
                    assertThat(e.before()).isEqualTo(MediaStatus.ONLINE);
                    assertThat(e.after()).isEqualTo(MediaStatus.OFFLINE);
                });
                assertThat(samples.statuses()).isEqualTo(Map.of(high, MediaStatus.OFFLINE, low, MediaStatus.ONLINE));
                render(engine, 0.01);
                engine.dispatch(0x90, 69, 100);
                assertThat(rms(render(engine, 0.2))).as("the offline sample is silent").isZero();
                engine.dispatch(0x80, 69, 0);
                engine.dispatch(0x90, 57, 100);
                assertThat(hz(render(engine, 0.3))).as("the rest of the program plays").isCloseTo(220, within(0.05));
                engine.dispatch(0x80, 57, 0);
                render(engine, 0.1);

                drive.comeBack();
                lib.checkStatus(false);
                assertThat(events).hasSize(2);
                assertThat(events.get(1).after()).isEqualTo(MediaStatus.ONLINE);
                assertThat(samples.statuses()).containsEntry(high, MediaStatus.ONLINE);
                render(engine, 0.01);
                engine.dispatch(0x90, 69, 100);
                assertThat(hz(render(engine, 0.3))).as("back without reloading the program").isCloseTo(440, within(0.05));
            }
        }
    }

    private static float[] render(Engine engine, double seconds) {
        int n = (int) (seconds * RATE);
        float[] l = new float[n], r = new float[n], bl = new float[BLOCK], br = new float[BLOCK];
        EventBuffer none = new EventBuffer(1);
        for (int at = 0; at < n; at += BLOCK) {
            int len = Math.min(BLOCK, n - at);
            engine.process(bl, br, len, none);
            System.arraycopy(bl, 0, l, at, len);
        }
        return l;
    }

    private static double hz(float[] x) {
        double first = -1, last = -1;
        int cycles = 0;
        for (int i = 1; i < x.length; i++)
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + -x[i - 1] / (double) (x[i] - x[i - 1]);
                if (first < 0) first = t; else cycles++;
                last = t;
            }
        return cycles * RATE / (last - first);
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }

    private static SampleRegion region(String id, SampleRef ref, int lo, int hi, int key) {
        SampleRegion.Builder b = SampleRegion.builder(id);
        b.samples.add(ref);
        b.keyRange = new IntRange(lo, hi);
        b.tuning = new Tuning(key, 0, 0, 100, 0, 200, -200);
        return b.build();
    }

    private static Program program(SampleRegion... regions) {
        return new Program("p", "p", List.of(new SampleGroup("g", "g", List.of(regions))), ProgramSettings.DEFAULT, Map.of(), Map.of(), List.of());
    }

    private static Path tone(Path file, double hz, int rootKey) throws Exception {
        Files.createDirectories(file.getParent());
        float[] x = new float[RATE * 2];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        WavWriter.write(file, new AudioData(new float[][]{x}, RATE, SampleFormat.PCM_24, new SampleMetadata(rootKey, 0, List.of())));
        return file;
    }
}
