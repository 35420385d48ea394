package dev.loophole.formats.midi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Thousands of seeded mutations of valid files: each must give a song or an SmfException, never
 * another exception, a hang or a huge allocation. The seed and mutation index are in any failure.
 */
class SmfMutationTest {
    private static final long SEED = 0x5EED_F11EL;
    private static final int MUTATIONS_PER_FILE = 500 * Integer.getInteger("loophole.mutation.scale", 1);

    /** A hand-made file with what the writer never produces: sysex, escapes, metas, an unknown chunk, no running-status reset. */
    private static byte[] handMade() {
        return SmfBytes.header(1, 2, 96)
                .track("00 FF 03 03 41 42 43 00 FF 51 03 07 A1 20 00 FF 58 04 04 02 18 08 83 00 FF 51 03 06 1A 80 00 FF 2F 00")
                .chunk("XFIH", SmfBytes.hex("00 11 22 33 44"))
                .track("00 C0 05 00 90 3C 64 30 3E 50 00 F0 03 7E 7F F7 30 90 3C 00 00 F7 01 F8 00 B0 40 7F 10 01 20"
                        + " 00 E0 00 40 60 80 3E 40 00 FF 01 02 68 69 81 00 D0 22 00 A0 3C 10 00 FF 2F 00")
                .bytes();
    }

    @Test
    void everyMutationGivesASongOrAnSmfException() {
        assertTimeoutPreemptively(Duration.ofSeconds(10L * Integer.getInteger("loophole.mutation.scale", 1)), () -> {
            byte[][] bases = {handMade(), SmfWriter.toBytes(SmfWriterTest.richSong(), "rich")};
            SplittableRandom rnd = new SplittableRandom(SEED);
            int songs = 0, refused = 0;
            for (byte[] base : bases) {
                SmfReader.parse(base, "base"); // the unmutated file is valid
                for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
                    byte[] m = mutate(base, rnd);
                    try {
                        SmfReader.parse(m, "mutant");
                        songs++;
                    } catch (SmfException e) {
                        assertThat(e.getMessage()).startsWith("mutant: ");
                        refused++;
                    } catch (Throwable t) {
                        fail("mutation " + i + " (seed " + SEED + ") threw " + t, t);
                    }
                }
            }
            assertThat(songs + refused).isEqualTo(2 * MUTATIONS_PER_FILE);
            // both outcomes must be common, or the mutations are not exercising the reader
            assertThat(songs).isGreaterThan(MUTATIONS_PER_FILE / 10);
            assertThat(refused).isGreaterThan(MUTATIONS_PER_FILE / 10);
        });
    }

    private static final int[] SPECIAL = {0x00, 0x7F, 0x80, 0x81, 0xF0, 0xF7, 0xFF, 0x2F, 0x51, 0x90};

    private static byte[] mutate(byte[] base, SplittableRandom rnd) {
        byte[] b = base.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] = (byte) SPECIAL[rnd.nextInt(SPECIAL.length)];
                case 2 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 3 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 4 -> { // delete one byte
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                default -> { // insert one byte
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) SPECIAL[rnd.nextInt(SPECIAL.length)];
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }
}
