package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutations of the crafted banks (16-bit, 24-bit, SF3): every mutant either loads (and its samples read or fail with
 * Sf2Exception) or fails with Sf2Exception. Never another exception, never a hang. Mutants are read from memory.
 */
class Sf2MutationTest {
    @Test
    @Timeout(300) // a hang guard, generous: how fast mutants load is BENCHMARKS.md's business, not this test's
    void everyMutantLoadsOrFailsWithSf2Exception() throws Exception {
        byte[] good16 = TestBanks.twoPresets().build();
        Sf2TestWriter w24 = TestBanks.twoPresets();
        w24.ifilMinor = 4;
        w24.with24Bit = true;
        byte[] good24 = w24.build(); // the same bank with an sm24 chunk, so the 24-bit path is mutated too
        byte[] goodSf3 = TestBanks.soundFont3().build(); // Ogg pages in smpl: the SF3 length scan is mutated too
        int pdta16 = Sf2TestWriter.find(good16, "pdta"), pdta24 = Sf2TestWriter.find(good24, "pdta"),
                pdtaSf3 = Sf2TestWriter.find(goodSf3, "pdta");
        Random rnd = new Random(20261123L);
        Path file = Path.of("/virtual/mutant.sf2"); // never touched: the bytes come from memory
        int loaded = 0, refused = 0, mutants = 600 * Integer.getInteger("loophole.mutation.scale", 1);
        long loadNanos = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < mutants; i++) {
            byte[] b = switch (i % 3) {
                case 0 -> mutate(good16, pdta16, rnd);
                case 1 -> mutate(good24, pdta24, rnd);
                default -> mutate(goodSf3, pdtaSf3, rnd);
            };
            try {
                long a = System.nanoTime();
                Sf2Bank bank = Sf2Importer.load(file, new BytesChannel(b), Sf2Options.DEFAULT);
                loadNanos += System.nanoTime() - a;
                for (int s = 0; s < bank.samples().size(); s++) {
                    try {
                        Sf2SampleReader.read(bank, s, new BytesChannel(b));
                    } catch (Sf2Exception expected) {
                        // an unusable header is refused with a message
                    }
                }
                bank.programs().forEach(p -> p.regions().forEach(r -> assertThat(r.sample()).isNotNull()));
                loaded++;
            } catch (Sf2Exception e) {
                assertThat(e.getMessage()).startsWith(file.toString()).contains("expected")
                        .as("the mapper must clamp to the spec's ranges, not rely on the model's checks")
                        .doesNotContain("values the model accepts");
                refused++;
            } catch (Exception | Error e) {
                fail("mutant " + i + " threw " + e, e);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SF2 mutants: %d loaded, %d refused, %.2f s (loading %.2f s)%n", loaded, refused, seconds,
                loadNanos / 1e9);
        assertThat(loaded + refused).isEqualTo(mutants);
        assertThat(loaded).isPositive();
        assertThat(refused).isPositive();
    }

    private static final int[] INTERESTING = {0, 1, 2, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 41, 43, 44, 53, 54,
            0x7FFFFFFF, 0x80000000, 46, 38, 10};

    static byte[] mutate(byte[] good, int pdta, Random rnd) {
        byte[] b = good.clone();
        int kind = rnd.nextInt(5);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            // Half the edits land in pdta, where the pointers are.
            int at = rnd.nextBoolean() ? pdta + rnd.nextInt(b.length - pdta) : rnd.nextInt(b.length);
            ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            switch (kind) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> { if (at + 2 <= b.length) w.putShort(at & ~1, (short) INTERESTING[rnd.nextInt(INTERESTING.length)]); }
                case 2 -> { if ((at & ~3) + 4 <= b.length) w.putInt(at & ~3, INTERESTING[rnd.nextInt(INTERESTING.length)]); }
                case 3 -> { if (at + 2 <= b.length) w.putShort(at & ~1, (short) (w.getShort(at & ~1) + rnd.nextInt(7) - 3)); }
                default -> {
                    return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                }
            }
        }
        return b;
    }
}
