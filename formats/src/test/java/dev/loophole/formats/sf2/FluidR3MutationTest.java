package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Seeded damage to a real bank, FluidR3_GM.sf2: its pdta (every pointer of the bank) mutated in place, or the file cut
 * at a random point. Each mutant must load or fail with {@link Sf2Exception}, and so must reading a few of its
 * samples; nothing may hang. The 141 MB file is never copied: mutants are a patch laid over it ({@link Overlay}).
 */
class FluidR3MutationTest {
    @Test
    void mutatedAndTruncatedFluidR3LoadsOrFailsCleanly() throws Exception {
        assumeTrue(Files.isRegularFile(FluidR3Test.BANK), "FluidR3_GM.sf2 is not installed; skipping");
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), this::run);
    }

    private void run() throws IOException {
        try (FileChannel file = FileChannel.open(FluidR3Test.BANK)) {
            long pdta = pdtaBody(file);
            byte[] good = FluidR3Test.readAt(file, pdta, (int) (file.size() - pdta)).array();
            Random rnd = new Random(20261124L);
            int loaded = 0, refused = 0, mutants = 40, samplesRead = 0;
            for (int i = 0; i < mutants; i++) {
                byte[] patch = good;
                long size = file.size();
                if (i % 5 == 4) size = 12 + (long) (rnd.nextDouble() * (file.size() - 12)); // cut anywhere
                else {
                    patch = Sf2MutationTest.mutate(good, 0, rnd);
                    if (patch.length < good.length) size = pdta + patch.length;            // cut inside pdta
                }
                Overlay ch = new Overlay(file, pdta, patch, size);
                try {
                    Sf2Bank bank = Sf2Importer.load(FluidR3Test.BANK, ch, Sf2Options.DEFAULT);
                    for (int k = 0; k < 4 && !bank.samples().isEmpty(); k++) {
                        try {
                            Sf2SampleReader.read(bank, rnd.nextInt(bank.samples().size()), ch);
                            samplesRead++;
                        } catch (Sf2Exception expected) {
                            // an unusable header, or data past the cut, is refused with a message
                        }
                    }
                    loaded++;
                } catch (Sf2Exception e) {
                    assertThat(e.getMessage()).startsWith(FluidR3Test.BANK.toString()).contains("expected");
                    refused++;
                } catch (Exception | Error e) {
                    fail("mutant " + i + " threw " + e, e);
                }
            }
            System.out.printf("FluidR3 mutants: %d loaded (%d samples read), %d refused%n", loaded, samplesRead, refused);
            assertThat(loaded + refused).isEqualTo(mutants);
            assertThat(loaded).isPositive();
            assertThat(refused).isPositive();
        }
    }

    /** Offset of the pdta LIST's body (after "LIST", size, "pdta"), the bank's last top-level chunk in FluidR3. */
    static long pdtaBody(FileChannel ch) throws IOException {
        for (long pos = 12; pos + 12 <= ch.size(); ) {
            ByteBuffer h = FluidR3Test.readAt(ch, pos, 12);
            long size = h.getInt(4) & 0xFFFFFFFFL;
            if (h.get(8) == 'p' && h.get(9) == 'd' && h.get(10) == 't' && h.get(11) == 'a') return pos + 12;
            pos += 8 + size + (size & 1);
        }
        throw new IllegalStateException("no pdta");
    }

    /** The file with {@code patch} in place of its bytes from {@code at}, and {@code size} bytes long. */
    static final class Overlay implements SeekableByteChannel {
        private final FileChannel base;
        private final long at, size;
        private final byte[] patch;
        private long position;

        Overlay(FileChannel base, long at, byte[] patch, long size) {
            this.base = base;
            this.at = at;
            this.patch = patch;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= size) return -1;
            int n = (int) Math.min(dst.remaining(), size - position), done = 0;
            while (done < n) {
                long p = position + done;
                if (p >= at && p < at + patch.length) { // inside the patch
                    int part = (int) Math.min(n - done, at + patch.length - p);
                    dst.put(patch, (int) (p - at), part);
                    done += part;
                } else {                                 // the real file, up to where the patch begins
                    int part = (int) Math.min(n - done, p < at ? at - p : n - done);
                    int got = base.read(dst.slice().limit(part), p);
                    if (got <= 0) break;
                    dst.position(dst.position() + got);
                    done += got;
                }
            }
            position += done;
            return done;
        }

        @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
        @Override public long position() { return position; }
        @Override public SeekableByteChannel position(long p) { position = p; return this; }
        @Override public long size() { return size; }
        @Override public SeekableByteChannel truncate(long s) { throw new NonWritableChannelException(); }
        @Override public boolean isOpen() { return true; }
        @Override public void close() { }
    }
}
