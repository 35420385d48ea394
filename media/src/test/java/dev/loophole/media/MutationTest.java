package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random damage to valid files of every format: each read must return audio or throw
 * {@link MediaException} — no other exception, no error, no hang. A failure names the seed, so it replays.
 */
class MutationTest {
    /** Per file kind; -Pmutation-long (loophole.mutation.scale) multiplies it. */
    private static final int CASES = 200 * Integer.getInteger("loophole.mutation.scale", 1);
    private static final long SEED = 20261123L;

    @TempDir static Path dir;
    private static ExecutorService worker;

    @BeforeAll
    static void makeValidFiles() throws IOException {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutation-reader");
            t.setDaemon(true);
            return t;
        });
        SampleMetadata meta = new SampleMetadata(60, 12.5, List.of(new SampleMetadata.SampleLoop(10, 300, 0),
                new SampleMetadata.SampleLoop(20, 30, 1)));
        WavWriter.write(dir.resolve("pcm16.wav"), new AudioData(Signals.onGrid(SampleFormat.PCM_16, 2, 400, 1), 44100, SampleFormat.PCM_16, meta));
        WavWriter.write(dir.resolve("ext24.wav"), new AudioData(Signals.onGrid(SampleFormat.PCM_24, 3, 200, 2), 48000, SampleFormat.PCM_24, null));
        try (WavWriter w = WavWriter.open(dir.resolve("rf64.wav"), SampleFormat.FLOAT_32, 1, 96000, meta, 0)) {
            w.write(Signals.onGrid(SampleFormat.FLOAT_32, 1, 500, 3), 0, 500);
        }
        for (String f : List.of("sine16.aiff", "sine16.flac", "smpl16.flac", "noise24.flac", "tone3001.ogg"))
            Files.copy(Fixtures.path(f), dir.resolve(f));
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pcm16.wav", "ext24.wav", "rf64.wav", "sine16.aiff", "sine16.flac", "smpl16.flac", "noise24.flac",
            "tone3001.ogg", "tone3001.ogg+crc"})
    void damagedFilesGiveAudioOrAMediaException(String spec) throws Exception {
        // "+crc": damage the bytes inside Ogg pages, then give every page a correct checksum again, so the
        // damage gets past the Ogg layer into the Vorbis decoder itself.
        boolean recrc = spec.endsWith("+crc");
        String name = recrc ? spec.substring(0, spec.length() - 4) : spec;
        byte[] valid = Files.readAllBytes(dir.resolve(name));
        assertThat(AudioFiles.read(dir.resolve(name)).frames()).as("the undamaged file reads").isPositive();
        Path target = dir.resolve("m-" + name);
        List<String> failures = new ArrayList<>();
        int decoded = 0, rejected = 0;
        long seedBase = SEED ^ name.hashCode();
        for (int i = 0; i < CASES && failures.size() < 5; i++) {
            long seed = seedBase + i;
            Files.write(target, recrc ? OggCrc.fixPages(mutateInPlace(valid, new SplittableRandom(seed)), valid)
                    : mutate(valid, new SplittableRandom(seed)));
            Future<Boolean> outcome = worker.submit(() -> readAllWays(target, seed));
            try {
                if (outcome.get(10, TimeUnit.SECONDS)) decoded++; else rejected++;
            } catch (TimeoutException e) {
                outcome.cancel(true);
                failures.add("seed " + seed + ": no answer within 10 s");
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add("seed " + seed + ": " + e.getCause() + " at " + Arrays.toString(Arrays.copyOf(e.getCause().getStackTrace(), 6)));
            }
        }
        assertThat(failures).as(spec).isEmpty();
        // Both outcomes must occur, or the mutations were too weak (or too strong) to test anything.
        // (Plain Ogg is the exception: its page checksums turn nearly every damage into a rejection.)
        if (!spec.equals("tone3001.ogg")) assertThat(decoded).as("damaged %s files that still decoded", spec).isPositive();
        assertThat(rejected).as("damaged %s files rejected", spec).isPositive();
    }

    /** Reads the whole file, then probes and reads a few random spans; true if audio came out. */
    private static boolean readAllWays(Path file, long seed) {
        try {
            AudioData a = AudioFiles.read(file);
            assertThat(a.frames()).isPositive();
            SplittableRandom rnd = new SplittableRandom(seed);
            try (AudioReader r = AudioFiles.open(file)) {
                float[][] dst = new float[r.info().channels()][64];
                for (int k = 0; k < 3; k++) r.read(rnd.nextLong(0, a.frames() + 10), dst, 0, 64);
            }
            return true;
        } catch (MediaException e) {
            assertThat(e.getMessage()).startsWith(file + ": ");
            return false;
        }
    }

    /** 1..6 byte or bit changes anywhere, keeping the length (so page boundaries stay where they were). */
    static byte[] mutateInPlace(byte[] valid, SplittableRandom rnd) {
        byte[] b = valid.clone();
        for (int d = rnd.nextInt(1, 7); d > 0; d--) {
            int at = rnd.nextInt(b.length);
            if (rnd.nextBoolean()) b[at] = (byte) rnd.nextInt(256); else b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    /** 1..6 damages: byte/bit changes (mostly in the header), 32-bit fields set to huge values, cuts, inserts, deletions. */
    static byte[] mutate(byte[] valid, SplittableRandom rnd) {
        byte[] b = valid.clone();
        int damages = rnd.nextInt(1, 7);
        for (int d = 0; d < damages && b.length > 0; d++) {
            int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 128)) : rnd.nextInt(b.length);
            switch (rnd.nextInt(7)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> {   // a size/count field that lies: 0, 0xFFFFFFFF, 0x7FFFFFFF or random
                    int[] lies = {0, -1, Integer.MAX_VALUE, rnd.nextInt()};
                    int v = lies[rnd.nextInt(lies.length)];
                    for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) (v >>> (8 * k));
                }
                case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                case 4 -> {
                    byte[] ins = new byte[rnd.nextInt(1, 9)];
                    rnd.nextBytes(ins);
                    byte[] r = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, r, 0, at);
                    System.arraycopy(ins, 0, r, at, ins.length);
                    System.arraycopy(b, at, r, at + ins.length, b.length - at);
                    b = r;
                }
                case 5 -> {
                    int n = Math.min(rnd.nextInt(1, 9), b.length - at);
                    byte[] r = new byte[b.length - n];
                    System.arraycopy(b, 0, r, 0, at);
                    System.arraycopy(b, at + n, r, at, b.length - at - n);
                    b = r;
                }
                default -> {
                    int n = Math.min(rnd.nextInt(1, 64), b.length - at);
                    Arrays.fill(b, at, at + n, (byte) (rnd.nextBoolean() ? 0xFF : 0));
                }
            }
        }
        return b;
    }
}
