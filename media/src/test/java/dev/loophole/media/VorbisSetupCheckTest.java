package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt Vorbis headers that would make JOrbis loop forever or allocate gigabytes are refused first. */
class VorbisSetupCheckTest {
    @TempDir Path dir;

    /** LSB-first bit writer, the packing Vorbis uses. */
    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current, used;

        BitWriter bits(long v, int n) {
            for (int i = 0; i < n; i++) {
                current |= (int) ((v >>> i) & 1) << used;
                if (++used == 8) { out.write(current); current = 0; used = 0; }
            }
            return this;
        }

        BitWriter bytes(String s) {
            for (char c : s.toCharArray()) bits(c, 8);
            return this;
        }

        byte[] toArray() {
            if (used > 0) { out.write(current); current = 0; used = 0; }
            return out.toByteArray();
        }
    }

    /** One codebook: 1 entry (unordered, length 1), dimension {@code dim}, lookup type 1. */
    static byte[] setupWithLookup1Codebook(int dim) {
        return new BitWriter().bits(5, 8).bytes("vorbis").bits(0, 8)      // one codebook
                .bits(0x564342, 24).bits(dim, 16).bits(1, 24)
                .bits(0, 1).bits(0, 1).bits(0, 5)                          // unordered, not sparse, length 1
                .bits(1, 4).bits(0, 32).bits(0, 32).bits(3, 4).bits(0, 1)  // lookup 1, min, delta, 4-bit values
                .bits(0, 4 * 1).bits(0, 64).toArray();
    }

    /** An Ogg file with the three Vorbis headers (id, empty comment, the given setup) and nothing else. */
    static byte[] oggWithSetup(byte[] setup) {
        byte[] id = Bytes.le().u8(1).ascii("vorbis").u32(0).u8(1).u32(44100).u32(0).u32(0).u32(0).u8(0xB8).u8(1).toArray();
        byte[] comment = Bytes.le().u8(3).ascii("vorbis").u32(0).u32(0).u8(1).toArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(page(2, 0, id));
        file.writeBytes(page(0, 1, comment, setup));
        return file.toByteArray();
    }

    private static byte[] page(int flags, int sequence, byte[]... packets) {
        Bytes lacing = Bytes.le();
        int segments = 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            for (int left = p.length; ; left -= 255) {
                lacing.u8(Math.min(left, 255));
                segments++;
                if (left < 255) break;
            }
            body.writeBytes(p);
        }
        byte[] page = Bytes.le().ascii("OggS").u8(0).u8(flags).u64(0).u32(77).u32(sequence).u32(0).u8(segments)
                .raw(lacing.toArray()).raw(body.toByteArray()).toArray();
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putInt(22, OggCrc.crc(page, 0, page.length));
        return page;
    }

    @Test
    void aZeroDimensionCodebookIsRefusedInsteadOfHanging() throws IOException {
        // Dimension 0: JOrbis's maptype1_quantvals computes x^0 = 1 for every guess and never leaves its loop.
        Path f = Files.write(dir.resolve("hang.ogg"), oggWithSetup(setupWithLookup1Codebook(0)));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class)
                        .hasMessage(f + ": Vorbis header 3 of 3 is corrupt: codebook 0 has 1 entries of dimension 0"));
    }

    @Test
    void aLookup1CodebookWhosePowersOverflowAnIntIsRefused() throws IOException {
        // Dimension 40 with 1 entry: JOrbis computes 2^40 in an int and settles on a wrong table size.
        Path f = Files.write(dir.resolve("overflow.ogg"), oggWithSetup(setupWithLookup1Codebook(40)));
        assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class)
                .hasMessage(f + ": Vorbis header 3 of 3 is corrupt: codebook 0 lookup table (1 entries, dimension 40) is invalid");
    }

    @Test
    void aSoundSmallCodebookPassesTheWalk() {
        byte[] setup = setupWithLookup1Codebook(3);
        var p = new com.jcraft.jogg.Packet();
        p.packet_base = setup;
        p.packet = 0;
        p.bytes = setup.length;
        assertThat(VorbisSetupCheck.checkCodebooks(p)).isNull();
        p.bytes = 12;   // cut inside the codebook header
        assertThat(VorbisSetupCheck.checkCodebooks(p)).isEqualTo("setup header ends inside codebook 0");
    }

    @Test
    void commentLengthsMustFitTheirHeader() throws IOException {
        byte[] hugeVendor = Bytes.le().u8(3).ascii("vorbis").u32(0x7FFFFFF0L).u32(0).u8(1).toArray();
        byte[] id = Bytes.le().u8(1).ascii("vorbis").u32(0).u8(1).u32(44100).u32(0).u32(0).u32(0).u8(0xB8).u8(1).toArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(page(2, 0, id));
        file.writeBytes(page(0, 1, hugeVendor, setupWithLookup1Codebook(2)));
        Path f = Files.write(dir.resolve("vendor.ogg"), file.toByteArray());
        assertThatThrownBy(() -> AudioFiles.read(f))
                .hasMessage(f + ": Vorbis header 2 of 3 is corrupt: comment header's vendor string is longer than the header");
    }
}
