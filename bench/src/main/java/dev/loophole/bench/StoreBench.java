package dev.loophole.bench;

import dev.loophole.media.AudioData;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.AudioReader;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.store.Streamer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sample-store measurements (issue 5), run by bench/store-bench.sh:
 * {@code generate DIR N SECONDS} writes N stereo 24-bit WAVs of tonal content;
 * {@code load DIR} times a program of every file becoming playable and reports RSS;
 * {@code stream DIR} plays ever more streaming voices in real time and reports underruns;
 * {@code decode FILE…} reports decode speed in MB of decoded PCM per second;
 * {@code stream-decode DIR FILES ROUNDS} streams the first FILES .flac files of DIR through their readers (as the
 * streamer does: no MD5), each round, and reports seconds of audio per second of this thread's CPU time.
 */
public final class StoreBench {
    static final int RATE = 48_000;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args.length > 4 ? args[4] : "0"));
            case "load" -> load(Path.of(args[1]));
            case "stream" -> stream(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 512);
            case "decode" -> { for (int i = 1; i < args.length; i++) decode(Path.of(args[i])); }
            case "stream-decode" -> streamDecode(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown: " + args[0]);
        }
    }

    static void generate(Path dir, int n, double seconds, int from) throws IOException {
        Files.createDirectories(dir);
        int frames = (int) (seconds * RATE);
        for (int f = from; f < n; f++) {
            float[][] ch = new float[2][frames];
            double hz = 55 * Math.pow(2, (f % 60) / 12.0);
            for (int i = 0; i < frames; i++) {
                double t = i / (double) RATE, env = Math.exp(-t * 0.3);
                ch[0][i] = (float) (env * (0.4 * Math.sin(2 * Math.PI * hz * t) + 0.1 * Math.sin(2 * Math.PI * 3.01 * hz * t)));
                ch[1][i] = (float) (env * (0.4 * Math.sin(2 * Math.PI * hz * 1.001 * t) + 0.1 * Math.sin(2 * Math.PI * 2.02 * hz * t)));
            }
            WavWriter.write(dir.resolve(String.format("s%04d.wav", f)), new AudioData(ch, RATE, SampleFormat.PCM_24, SampleMetadata.NONE));
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().matches(".*\\.(flac|wav)$")).sorted().toList();
        }
    }

    /** One region per file: 8 velocity layers over 125 keys' worth of files, like a big multi-sample. */
    static Program program(List<Path> files) {
        List<SampleRegion> regions = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SampleRegion.Builder b = SampleRegion.builder("r" + i);
            b.samples.add(new SampleRef(files.get(i).toAbsolutePath().toString()));
            int key = i % 125, layer = i / 125 % 8;
            b.keyRange = IntRange.single(Math.min(127, key));
            b.velocityRange = new IntRange(layer * 16 + 1, Math.min(127, layer * 16 + 16));
            b.tuning = new Tuning(key, 0, 0, 100, 0, 200, -200);
            regions.add(b.build());
        }
        return new Program("big", "big", List.of(new SampleGroup("g", "g", regions)), null, Map.of(), Map.of(), List.of());
    }

    static long rssKb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
        return -1;
    }

    static void load(Path dir) throws Exception {
        List<Path> files = files(dir);
        Program program = program(files);
        long rss0 = rssKb();
        long t0 = System.nanoTime();
        SampleStore store = new SampleStore(1L << 30, true);
        Patch patch = new PatchCompiler(store, RATE).compile(program);
        long t1 = System.nanoTime();
        System.out.printf("load (cold JVM): %d files playable in %.3f s (%d regions), heads %.1f MB, RSS %d MB (was %d MB before)%n",
                files.size(), (t1 - t0) / 1e9, patch.regionCount(), store.memoryBytes() / 1e6, rssKb() / 1024, rss0 / 1024);
        try (Streamer streamer = new Streamer(store)) {
            SamplerInstrument inst = new SamplerInstrument(patch, RATE, 256, 1, streamer);
            Engine engine = new Engine(RATE, 256);
            engine.route(0, inst);
            float[] l = new float[256], r = new float[256];
            EventBuffer ev = new EventBuffer(8);
            // 200 notes, one every 25 ms, each held 0.5 s, streaming as the offline renderer does.
            long t2 = System.nanoTime();
            int blocks = (int) (200 * 0.025 * RATE / 256) + 200;
            for (int b = 0, note = 0; b < blocks; b++) {
                ev.clear();
                long frame = (long) b * 256;
                if (note < 200 && frame >= note * 0.025 * RATE) {
                    ev.add(0, 0x90, note * 7 % 125, 1 + (note * 37) % 127);
                    note++;
                }
                if (note > 20) ev.add(255, 0x80, (note - 20) * 7 % 125, 0);
                streamer.fillAll();
                engine.process(l, r, 256, ev);
            }
            System.out.printf("play: 200 notes rendered in %.2f s, RSS %d MB, underruns %d%n",
                    (System.nanoTime() - t2) / 1e9, rssKb() / 1024, streamer.underruns());
        }
        // The same library again in a fresh store, as a running application would load a second program:
        // the decoders are compiled by now, and the files are in the OS cache either way.
        long t2w = System.nanoTime();
        Patch again = new PatchCompiler(new SampleStore(1L << 30, true), RATE).compile(program);
        System.out.printf("load (warm JVM): %d files playable in %.3f s%n", again.regionCount(), (System.nanoTime() - t2w) / 1e9);
        again = null;

    }

    /** Real-time paced playback with the background loader: voices each streaming a different file. */
    static void stream(Path dir, int maxVoices) throws Exception {
        List<Path> files = files(dir);
        for (int voices = 64; voices <= Math.min(maxVoices, files.size()); voices *= 2) {
            SampleStore store = new SampleStore(1L << 30, true);
            Program program = program(files.subList(0, voices));
            Patch patch = new PatchCompiler(store, RATE).compile(program);
            try (Streamer streamer = new Streamer(store)) {
                streamer.startLoader();
                SamplerInstrument inst = new SamplerInstrument(patch, RATE, voices, 1, streamer);
                Engine engine = new Engine(RATE, 256);
                for (int c = 0; c < 16; c++) engine.route(c, inst);
                for (int v = 0; v < voices; v++) engine.dispatch(0x90, v % 125, (v / 125) % 8 * 16 + 8);
                float[] l = new float[256], r = new float[256];
                EventBuffer none = new EventBuffer(1);
                int blocks = (int) (8.0 * RATE / 256); // 8 s of audio in real time
                long start = System.nanoTime(), periodNs = 256L * 1_000_000_000 / RATE, late = 0;
                for (int b = 0; b < blocks; b++) {
                    engine.process(l, r, 256, none);
                    long due = start + (b + 1) * periodNs, now = System.nanoTime();
                    if (now > due) late++; else java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                }
                System.out.printf("stream: %d voices from %d files for 8 s in real time: underruns %d, late blocks %d, still sounding %d%n",
                        voices, voices, streamer.underruns(), late, engine.activeVoices());
            }
        }
    }

    static void decode(Path file) throws Exception {
        AudioFiles.read(file); // warm-up
        long t0 = System.nanoTime();
        int reps = 3;
        long bytes = 0;
        for (int i = 0; i < reps; i++) {
            AudioData a = AudioFiles.read(file);
            bytes += (long) a.frames() * a.channelCount() * a.format().bytesPerSample();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("decode: %s %.1f MB/s of decoded PCM (%s)%n", file.getFileName(), bytes / 1e6 / s, AudioFiles.detect(file));
    }

    static void streamDecode(Path dir, int count, int rounds) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".flac")).sorted().limit(count).toList();
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            double seconds = 0;
            for (Path f : files) {
                try (AudioReader r = AudioFiles.open(f)) {
                    float[][] b = new float[r.info().channels()][4096];
                    long at = 0;
                    for (int n; (n = r.read(at, b, 0, 4096)) > 0; ) at += n;
                    seconds += at / (double) r.info().sampleRate();
                }
            }
            double cpu = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf("round %d: %.1f s of audio in %.3f s CPU: %.0fx realtime%n", round, seconds, cpu, seconds / cpu);
        }
    }
}
