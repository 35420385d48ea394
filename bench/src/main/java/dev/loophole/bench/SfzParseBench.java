package dev.loophole.bench;

import dev.loophole.model.Program;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code SfzImporter.load} takes for a large library-style instrument: a main file of {@code #define}s and
 * {@code <control>} including one file per articulation (8 by default), each a {@code <master>} with a key switch
 * and groups of velocity layers × round robins over a chromatic key range, 20,000 regions in all, with the opcode
 * mix of real libraries (ranges, key centre, tuning, level, envelopes, offsets, loop, crossfades, labels, $defines
 * in sample paths and values). Every sample file exists (empty), so the importer's existence checks run as they would.
 *
 * <p>The bench module does not depend on {@code formats} (bench/pom.xml lists only signal, where formats is test
 * scope), so the importer is called through a method handle and the formats jar must be on the class path:
 * <pre>java -cp bench/target/benchmarks.jar:formats/target/formats-0.1.0-SNAPSHOT.jar org.openjdk.jmh.Main SfzParseBench -f 1 -wi 3 -i 5</pre>
 * Figures go in BENCHMARKS.md. Regions per second = regions / (ms per parse / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SfzParseBench {
    @Param("20000")
    public int regions;

    @Param("8")
    public int articulations;

    Path dir;
    Path main;
    MethodHandle load;

    static final int LAYERS = 8, ROUND_ROBINS = 4, LOW_KEY = 21;
    static final String[] OPCODE_MIX = {
            "ampeg_attack=0.002 ampeg_release=0.6",
            "ampeg_decay=1.5 ampeg_sustain=40 offset=120",
            "volume=-2.5 pan=-12 tune=-3",
            "loop_mode=loop_continuous loop_start=4410 loop_end=88199",
            "fil_type=lpf_2p cutoff=$CUTOFF fil_veltrack=2400 resonance=1.5",
            "amp_veltrack=$VELTRACK xfin_locc1=0 xfin_hicc1=64",
    };

    @Setup(Level.Trial)
    public void write() throws Throwable {
        load = MethodHandles.publicLookup().findStatic(Class.forName("dev.loophole.formats.sfz.SfzImporter"), "load",
                MethodType.methodType(Program.class, Path.class));
        dir = Files.createTempDirectory("sfz-parse-bench");
        main = generate(dir, regions, articulations);
        Program p = (Program) load.invoke(main);
        if (p.regions().size() != regions)
            throw new IllegalStateException("generated " + p.regions().size() + " regions, expected " + regions);
        if (!p.diagnostics().isEmpty())
            throw new IllegalStateException(p.diagnostics().size() + " warnings, first: " + p.diagnostics().getFirst());
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    public Program parse() throws Throwable {
        return (Program) load.invoke(main);
    }

    /**
     * A rough split of where a parse spends its time (not JMH; for BENCHMARKS.md): reading + decoding the files,
     * lexing them, the preprocessor (which reads, lexes and substitutes $defines, includes), the whole load (which
     * adds assembling the regions: opcode lookup, value parsing, sample path resolution), and the cost of the
     * sample existence checks alone. Reaches the package-private stages by reflection.
     * {@code java -cp bench/target/benchmarks.jar:formats/target/formats-0.1.0-SNAPSHOT.jar dev.loophole.bench.SfzParseBench [rounds]}
     */
    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        SfzParseBench b = new SfzParseBench();
        b.regions = 20000;
        b.articulations = 8;
        b.write();
        try {
            ClassLoader cl = SfzParseBench.class.getClassLoader();
            Class<?> pre = Class.forName("dev.loophole.formats.sfz.Preprocessor", true, cl);
            Class<?> lexer = Class.forName("dev.loophole.formats.sfz.Lexer", true, cl);
            Class<?> diags = Class.forName("dev.loophole.formats.sfz.Diagnostics", true, cl);
            Class<?> resolver = Class.forName("dev.loophole.formats.sfz.PathResolver", true, cl);
            Class<?> location = Class.forName("dev.loophole.model.SourceLocation", true, cl);
            var read = pre.getDeclaredMethod("read", Path.class, location);
            var tokens = lexer.getDeclaredMethod("tokens", String.class, String.class, java.nio.charset.Charset.class);
            var preCtor = pre.getDeclaredConstructor(diags, resolver);
            var run = pre.getDeclaredMethod("run", Path.class, read.getReturnType());
            var diagCtor = diags.getDeclaredConstructor();
            var resCtor = resolver.getDeclaredConstructor();
            Class<?> source = read.getReturnType();
            var text = source.getDeclaredMethod("text");
            var charset = source.getDeclaredMethod("charset");
            for (var m : new java.lang.reflect.AccessibleObject[] {read, tokens, preCtor, run, diagCtor, resCtor, text, charset}) m.setAccessible(true);
            Object loc = location.getConstructor(String.class, int.class, int.class).newInstance("bench", 0, 0);
            java.util.List<Path> files;
            try (Stream<Path> s = Files.walk(b.dir)) { files = s.filter(f -> f.toString().endsWith(".sfz")).toList(); }
            java.util.List<Path> samples;
            try (Stream<Path> s = Files.walk(b.dir.resolve("Samples"))) { samples = s.filter(Files::isRegularFile).toList(); }
            long[] best = new long[5];
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            long[] sum = new long[5];
            int tokenCount = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                java.util.List<Object> sources = new java.util.ArrayList<>();
                for (Path f : files) sources.add(read.invoke(null, f, loc));
                long t1 = System.nanoTime();
                tokenCount = 0;
                for (int i = 0; i < files.size(); i++) {
                    Object src = sources.get(i);
                    tokenCount += ((java.util.List<?>) tokens.invoke(null, files.get(i).toString(), text.invoke(src), charset.invoke(src))).size();
                }
                long t2 = System.nanoTime();
                Object p = preCtor.newInstance(diagCtor.newInstance(), resCtor.newInstance());
                run.invoke(p, b.main, read.invoke(null, b.main, loc));
                long t3 = System.nanoTime();
                b.parse();
                long t4 = System.nanoTime();
                int found = 0;
                for (Path f : samples) if (Files.isRegularFile(f.toAbsolutePath().normalize())) found++;
                long t5 = System.nanoTime();
                if (found != samples.size()) throw new IllegalStateException("samples vanished");
                long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
                for (int i = 0; i < 5; i++) {
                    if (r >= rounds / 2) sum[i] += d[i]; // second half: warmed up
                    best[i] = Math.min(best[i], d[i]);
                }
            }
            String[] what = {"read + decode " + files.size() + " files", "lex (" + tokenCount + " tokens)",
                    "preprocess (read + lex + includes + $defines)", "whole load", "isRegularFile x " + samples.size() + " samples"};
            int n = rounds - rounds / 2;
            System.out.printf("%-50s %10s %10s%n", "stage", "mean ms", "best ms");
            for (int i = 0; i < 5; i++) System.out.printf("%-50s %10.1f %10.1f%n", what[i], sum[i] / 1e6 / n, best[i] / 1e6);
            System.out.printf("%-50s %10.1f %10.1f%n", "=> assemble (whole load - preprocess)", (sum[3] - sum[2]) / 1e6 / n, (best[3] - best[2]) / 1e6);
        } finally {
            b.delete();
        }
    }

    /** Writes the instrument into {@code dir} and returns its main file. */
    static Path generate(Path dir, int regions, int articulations) throws IOException {
        int perArticulation = regions / articulations;
        int perGroup = perArticulation / (LAYERS * ROUND_ROBINS); // keys per group, one region each
        int extra = regions - perGroup * LAYERS * ROUND_ROBINS * articulations;
        StringBuilder m = new StringBuilder("""
                // Bench Orchestra — generated by SfzParseBench
                #define $LIB Bench Orchestra
                #define $CUTOFF 3200
                #define $VELTRACK 90
                #define $MIC close
                <control> default_path=Samples/ label_cc1=Dynamics label_cc64=Sustain set_cc1=100
                <global> sw_lokey=12 sw_hikey=%d sw_default=12 ampeg_release=0.4 amp_keytrack=0.1
                """.formatted(12 + articulations - 1));
        for (int a = 0; a < articulations; a++) m.append("#define $KS").append(a).append(' ').append(12 + a).append('\n');
        Files.createDirectories(dir.resolve("Programs"));
        for (int a = 0; a < articulations; a++) {
            m.append("#include \"Programs/art").append(a).append(".sfz\"\n");
            Path samples = Files.createDirectories(dir.resolve("Samples/close/art" + a));
            StringBuilder s = new StringBuilder("// articulation ").append(a).append('\n');
            s.append("<master> sw_last=$KS").append(a).append(" sw_label=Articulation ").append(a)
                    .append(" master_label=$LIB art ").append(a).append('\n');
            int n = a == articulations - 1 ? extra : 0; // remainder regions go to the last articulation's first group
            for (int v = 0; v < LAYERS; v++) {
                int lo = Math.max(1, v * 128 / LAYERS), hi = (v + 1) * 128 / LAYERS - 1;
                for (int rr = 1; rr <= ROUND_ROBINS; rr++) {
                    s.append("<group> group_label=art").append(a).append(" v").append(v).append(" rr").append(rr)
                            .append(" lovel=").append(lo).append(" hivel=").append(hi)
                            .append(" seq_length=").append(ROUND_ROBINS).append(" seq_position=").append(rr)
                            .append(' ').append(OPCODE_MIX[(a + v + rr) % OPCODE_MIX.length]).append('\n');
                    int keys = perGroup + n;
                    n = 0;
                    for (int k = 0; k < keys; k++) {
                        int key = LOW_KEY + k % 88;
                        String file = String.format("v%d_rr%d_k%03d_%d.wav", v, rr, key, k / 88);
                        Files.createFile(samples.resolve(file));
                        s.append("<region> sample=$MIC/art").append(a).append('/').append(file)
                                .append(" key=").append(key).append(" pitch_keycenter=").append(key);
                        if (k % 3 == 0) s.append(" tune=").append(k % 7 - 3);
                        if (k % 5 == 0) s.append(" volume=").append(-(k % 4)).append(".5");
                        if (k % 11 == 0) s.append(" offset=").append(64 * (k % 9)).append(" region_label=k").append(key);
                        s.append('\n');
                    }
                }
            }
            Files.writeString(dir.resolve("Programs/art" + a + ".sfz"), s);
        }
        Path main = dir.resolve("Bench Orchestra.sfz");
        Files.writeString(main, m);
        return main;
    }
}
