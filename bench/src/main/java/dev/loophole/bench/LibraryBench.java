package dev.loophole.bench;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.Resolution;
import dev.loophole.media.library.ScanReport;
import dev.loophole.model.SampleRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The media library at scale (not JMH: a scan is minutes, not nanoseconds). Generates N small WAV files (50 ms,
 * mono, 48 kHz, 16-bit; names from a sample-library vocabulary in 200 folders), scans them into a fresh library on
 * all cores, rescans, times searches (median and 95th percentile of 50 runs after 10 warm-ups), and times resolving
 * 20,000 program sample references.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.loophole.bench.LibraryBench WORKDIR [N]}
 */
public final class LibraryBench {
    private static final String[] WORDS = {"kick", "snare", "hihat", "clap", "tom", "crash", "ride", "pad", "bass", "lead",
            "pluck", "keys", "strings", "brass", "vox", "fx", "riser", "loop", "perc", "shaker"};
    private static final String[] KEYS = {"C", "D", "E", "F", "G", "A", "B"};

    /** CPU time of the calling thread: SQLite runs in it, so this is the work without waiting for a busy machine's cores. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private LibraryBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path root = work.resolve("samples");
        boolean searchOnly = args.length > 2 && args[2].equals("search");
        if (searchOnly) {
            try (MediaLibrary lib = MediaLibrary.open(work.resolve("library.db"))) {
                measure(lib);
            }
            return;
        }
        long t0 = System.nanoTime();
        int made = generate(root, n);
        System.out.printf("generated %d files (%d new) in %.1f s%n", n, made, (System.nanoTime() - t0) / 1e9);
        Path db = work.resolve("library.db");
        Files.deleteIfExists(db);
        Files.deleteIfExists(work.resolve("library.db-wal"));
        Files.deleteIfExists(work.resolve("library.db-shm"));
        try (MediaLibrary lib = MediaLibrary.open(db)) {
            long t1 = System.nanoTime();
            long[] lastPrint = {System.nanoTime()};
            ScanReport r = lib.scan(lib.addRoot(root), (done, total) -> {
                if (System.nanoTime() - lastPrint[0] > 30e9) {
                    lastPrint[0] = System.nanoTime();
                    System.out.printf("  %d / %d after %.0f s%n", done, total, (System.nanoTime() - t1) / 1e9);
                }
            });
            double scan = (System.nanoTime() - t1) / 1e9;
            System.out.printf("scan: %d files read in %.1f s = %.0f files/s (%d cores)%n", r.read(), scan, r.read() / scan,
                    Runtime.getRuntime().availableProcessors());
            long t2 = System.nanoTime();
            ScanReport again = lib.scan(lib.roots().getFirst(), (d, t) -> { });
            System.out.printf("rescan, nothing changed: %d unchanged in %.1f s%n", again.unchanged(), (System.nanoTime() - t2) / 1e9);
            System.out.printf("library file: %.1f MB%n", Files.size(db) / 1e6);
            measure(lib);
        }
    }

    private static void measure(MediaLibrary lib) throws Exception {
        {

            for (String q : new String[]{"kick", "sn", "pad tag:pitched dur:<1s", "bass key:A", "loop rate:48000", "vox 0414", "tag:fx ch:1", "nothingmatches"}) {
                for (int i = 0; i < 10; i++) lib.search(q, 100);
                double[] ms = new double[50], cpu = new double[50];
                int hits = 0;
                for (int i = 0; i < ms.length; i++) {
                    long s = System.nanoTime(), c = CPU.getCurrentThreadCpuTime();
                    hits = lib.search(q, 100).size();
                    cpu[i] = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                System.out.printf("search %-26s %3d hits: median %.2f ms, p95 %.2f ms (CPU time median %.2f ms, p95 %.2f ms)%n",
                        "'" + q + "'", hits, ms[25], ms[47], cpu[25], cpu[47]);
            }

            List<MediaFile> all = lib.search("", Integer.MAX_VALUE);
            SplittableRandom rnd = new SplittableRandom(1);
            List<SampleRef> refs = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                MediaFile f = all.get(rnd.nextInt(all.size()));
                refs.add(new SampleRef(f.path().toString(), new SampleRef.MediaLink(f.root().uuid(), f.relPath(), f.hash())));
            }
            for (int i = 0; i < 3; i++) lib.resolve(refs);
            double[] ms = new double[9], cpu = new double[9];
            Map<SampleRef, Resolution> res = null;
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime(), c = CPU.getCurrentThreadCpuTime();
                res = lib.resolve(refs);
                cpu[i] = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            long byRoot = res.values().stream().filter(x -> x.how() == Resolution.How.ROOT).count();
            System.out.printf("resolve %d references (%d distinct, %d by root): median %.1f ms, max %.1f ms (CPU time median %.1f ms)%n",
                    refs.size(), res.size(), byRoot, ms[4], ms[8], cpu[4]);
        }
    }

    /** N files of 50 ms, half noise, half a sine, named like a sample library ("kick_C3_0421.wav"). */
    private static int generate(Path root, int n) throws Exception {
        int made = 0;
        SplittableRandom rnd = new SplittableRandom(42);
        int frames = 2400;
        for (int i = 0; i < n; i++) {
            String word = WORDS[i % WORDS.length];
            Path f = root.resolve(word + "s/" + (i / 500) + "/" + word + "_" + KEYS[(i / 20) % 7] + (2 + i % 4) + "_" + String.format("%04d", i) + ".wav");
            if (Files.exists(f)) continue;
            Files.createDirectories(f.getParent());
            float[] x = new float[frames];
            double hz = 110 * Math.pow(2, (i % 36) / 12.0);
            for (int k = 0; k < frames; k++)
                x[k] = (float) (i % 2 == 0 ? 0.5 * Math.sin(2 * Math.PI * hz * k / 48000) : 0.5 * rnd.nextDouble(-1, 1));
            WavWriter.write(f, new AudioData(new float[][]{x}, 48000, SampleFormat.PCM_16, SampleMetadata.NONE));
            made++;
        }
        return made;
    }
}
