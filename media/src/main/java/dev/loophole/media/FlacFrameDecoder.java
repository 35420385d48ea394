package dev.loophole.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes FLAC audio frames (RFC 9639, sections 9–11) from a stream positioned at a frame, one frame per
 * {@link #next()}, into integer samples at the stream's bit depth. Every frame's header CRC-8 and whole-frame
 * CRC-16 are checked; anything the format does not allow is a {@link Corrupt} exception, never an index error or an
 * endless loop, so a damaged file fails with one message. Bits are read from a 64-bit window refilled a byte at a
 * time, residuals a Rice code at a time with the unary part found by counting leading zeros; predictions sum in
 * {@code long}, exact for every legal bit depth and coefficient precision.
 */
final class FlacFrameDecoder {
    /** The stream breaks the format; the message says where and how. */
    static final class Corrupt extends IOException {
        final boolean crc;

        Corrupt(String message, boolean crc) {
            super(message);
            this.crc = crc;
        }
    }

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final InputStream in;
    private final int channels, bits, maxBlock;
    private final FlacFrameHeader.Input headerBytes = () -> bits(8);

    // Input bytes; the current frame stays in the buffer from frameStart so its CRC-16 can be taken at its end.
    private byte[] buf = new byte[1 << 16];
    private int pos, lim, frameStart;
    private boolean eof;
    private long window;        // the next unread bits, the first at bit 63
    private int avail;          // how many bits of window are real
    private int overrun;        // zero bytes fed past the end of the input

    private final int[][] samples;
    private final long[] coefs = new long[32];
    private long firstSample;
    private int blockSize;

    FlacFrameDecoder(InputStream in, int channels, int bits, int maxBlock) {
        this.in = in;
        this.channels = channels;
        this.bits = bits;
        this.maxBlock = maxBlock;
        this.samples = new int[channels][maxBlock];
    }

    /** The decoded channels of the last frame; {@link #blockSize()} samples of each are valid. */
    int[][] samples() { return samples; }

    long firstSample() { return firstSample; }

    int blockSize() { return blockSize; }

    /**
     * Decodes the next frame. False at the end of the stream: no frame header follows (the bytes to the end, if any,
     * hold no frame sync: a tag, padding).
     */
    boolean next() throws IOException {
        if (!findSync()) return false;
        frameStart = at() - 2;   // the two sync bytes are consumed
        readHeader();
        for (int c = 0; c < channels; c++) subframe(c, sampleBits(c));
        decorrelate();
        align();                            // zero padding to the byte boundary
        int end = at();
        int crc = FlacCrc.crc16(buf, frameStart, end);
        int stored = bits(16);
        if (avail < overrun * 8) throw new Corrupt("the file ends inside the frame for sample " + firstSample, false);
        if (crc != stored) throw new Corrupt("FLAC frame for sample " + firstSample + " fails its CRC check", true);
        return true;
    }

    private int assignment;


    /** Skips to the next byte-aligned 14-bit sync code 0b11111111111110 (a damaged stream may have bytes before it). */
    private boolean findSync() throws IOException {
        align();
        while (true) {
            if (avail < 16 && !more(16)) return false;
            if ((window >>> 48) >>> 2 == 0x3FFE) {
                bits(16);
                return true;
            }
            bits(8);
        }
    }

    private void align() {
        int k = avail & 7;
        window <<= k;
        avail -= k;
    }

    /** The buffer index of the next unread byte (the window is byte-aligned wherever this is asked). */
    private int at() {
        return pos + overrun - avail / 8;
    }

    /** Whether at least {@code n} real bits can be had (false at the end of the input). */
    private boolean more(int n) throws IOException {
        fill();
        return avail - overrun * 8 >= n;
    }

    private void readHeader() throws IOException {
        FlacFrameHeader h = FlacFrameHeader.read(buf[frameStart + 1] & 0xFF, headerBytes, channels, bits, maxBlock);
        assignment = h.assignment();
        blockSize = h.blockSize();
        firstSample = h.firstSample(maxBlock);
    }

    /** The side channel of a stereo decorrelation carries one bit more. */
    private int sampleBits(int c) {
        boolean side = assignment == 8 && c == 1 || assignment == 9 && c == 0 || assignment == 10 && c == 1;
        return bits + (side ? 1 : 0);
    }

    private void subframe(int c, int size) throws IOException {
        if (bits(1) != 0) throw new Corrupt("a subframe's padding bit is set", false);
        int type = bits(6);
        int wasted = 0;
        if (bits(1) == 1) {
            wasted = unary() + 1;
            if (wasted >= size) throw new Corrupt("a subframe wastes " + wasted + " of its " + size + " bits", false);
            size -= wasted;
        }
        int[] x = samples[c];
        int n = blockSize;
        if (type == 0) {
            int v = signed(size);
            java.util.Arrays.fill(x, 0, n, v);
        } else if (type == 1) {
            for (int i = 0; i < n; i++) x[i] = signed(size);
        } else if (type >= 8 && type <= 12) {
            fixed(x, n, type - 8, size);
        } else if (type >= 32) {
            lpc(x, n, type - 31, size);
        } else {
            throw new Corrupt("a subframe has the reserved type " + type, false);
        }
        if (wasted > 0) for (int i = 0; i < n; i++) x[i] <<= wasted;
    }

    private void fixed(int[] x, int n, int order, int size) throws IOException {
        if (order > n) throw new Corrupt("a predictor of order " + order + " in a block of " + n, false);
        for (int i = 0; i < order; i++) x[i] = signed(size);
        residual(x, n, order);
        switch (order) {
            case 1 -> { for (int i = 1; i < n; i++) x[i] += x[i - 1]; }
            case 2 -> { for (int i = 2; i < n; i++) x[i] += 2 * x[i - 1] - x[i - 2]; }
            case 3 -> { for (int i = 3; i < n; i++) x[i] += 3 * (x[i - 1] - x[i - 2]) + x[i - 3]; }
            case 4 -> { for (int i = 4; i < n; i++) x[i] += 4 * (x[i - 1] + x[i - 3]) - 6 * x[i - 2] - x[i - 4]; }
            default -> { }
        }
    }

    private void lpc(int[] x, int n, int order, int size) throws IOException {
        if (order > n) throw new Corrupt("a predictor of order " + order + " in a block of " + n, false);
        for (int i = 0; i < order; i++) x[i] = signed(size);
        int precision = bits(4) + 1;
        if (precision == 16) throw new Corrupt("a subframe's coefficient precision is invalid", false);
        int shift = signed(5);
        if (shift < 0) throw new Corrupt("a subframe's prediction shift is negative", false);
        long[] q = coefs;
        for (int j = 0; j < order; j++) q[j] = signed(precision);
        residual(x, n, order);
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) sum += q[j] * x[i - 1 - j];
            x[i] += (int) (sum >> shift);
        }
    }

    /** Partitioned Rice residuals into x[order..n). */
    private void residual(int[] x, int n, int order) throws IOException {
        int method = bits(2);
        if (method > 1) throw new Corrupt("a residual uses the reserved coding method " + method, false);
        int paramBits = method == 0 ? 4 : 5, escape = (1 << paramBits) - 1;
        int partitionOrder = bits(4);
        int parts = 1 << partitionOrder, per = n >> partitionOrder;
        if ((per << partitionOrder) != n || per < order)
            throw new Corrupt("a residual's " + parts + " partitions do not divide the block of " + n, false);
        int i = order;
        for (int p = 0; p < parts; p++) {
            int end = (p + 1) * per;
            int param = bits(paramBits);
            if (param == escape) {
                int raw = bits(5);
                for (; i < end; i++) x[i] = raw == 0 ? 0 : signed(raw);
            } else {
                rice(x, i, end, param);
                i = end;
            }
        }
    }

    /**
     * Rice codes with parameter {@code param} into x[from..to): the unary quotient by leading zeros, then param bits, on
     * the window held in locals (refilled only when it runs short).
     */
    private void rice(int[] x, int from, int to, int param) throws IOException {
        long w = window;
        int a = avail;
        for (int i = from; i < to; i++) {
            int q = 0;
            while (w == 0) {                // (the bits below avail are always zero)
                q += a;
                window = 0;
                avail = 0;
                if (q > (1 << 30)) throw new Corrupt("a unary code is too long", false);
                fill();
                w = window;
                a = avail;
                if (w == 0 && a <= overrun * 8) throw new Corrupt("the file ends inside a frame", false);
            }
            int z = Long.numberOfLeadingZeros(w);
            q += z;
            w = (w << z) << 1;
            a -= z + 1;
            if (a < param) {
                window = w;
                avail = a;
                fill();
                w = window;
                a = avail;
            }
            long v = ((long) q << param) | ((w >>> (63 - param)) >>> 1);
            w <<= param;
            a -= param;
            if (v > 0xFFFF_FFFFL) throw new Corrupt("a residual exceeds 32 bits", false);
            x[i] = (int) (v >>> 1) ^ -(int) (v & 1);
        }
        window = w;
        avail = a;
    }

    /** Zeros before the next one bit (which is consumed). */
    private int unary() throws IOException {
        int zeros = 0;
        while (true) {
            if (window != 0) {              // (the bits below avail are always zero)
                int z = Long.numberOfLeadingZeros(window);
                window = z == 63 ? 0 : window << (z + 1);
                avail -= z + 1;
                return zeros + z;
            }
            zeros += avail;
            avail = 0;
            if (zeros > (1 << 30)) throw new Corrupt("a unary code is too long", false);
            fill();
            if (window == 0 && avail <= overrun * 8) throw new Corrupt("the file ends inside a frame", false);
        }
    }

    private int signed(int n) throws IOException {
        int v = bits(n);
        return (v << (32 - n)) >> (32 - n);
    }

    /** The next {@code n} bits (1..32) as an unsigned number (32 bits: as the int's bit pattern). */
    private int bits(int n) throws IOException {
        if (avail < n) fill();
        int v = (int) (window >>> (64 - n));
        window <<= n;
        avail -= n;
        return v;
    }

    /** Tops the window up to at least 57 bits; past the end of the input it is fed zero bytes, counted in overrun. */
    private void fill() throws IOException {
        if (lim - pos >= 8) {               // as many whole bytes as fit, in one big-endian load
            int take = (64 - avail) >>> 3;
            long next = (long) BIG_ENDIAN_LONG.get(buf, pos);
            window |= avail == 0 ? next : next >>> avail;
            pos += take;
            avail += take << 3;
            if (avail < 64) window &= -1L << (64 - avail);
            return;
        }
        fillByBytes();
    }

    /** The end of the buffer: byte by byte, reading more input when it runs out. */
    private void fillByBytes() throws IOException {
        while (avail <= 56) {
            if (pos == lim && !read()) {
                overrun++;
                avail += 8;
                continue;
            }
            window |= (long) (buf[pos++] & 0xFF) << (56 - avail);
            avail += 8;
        }
    }

    /** More input into the buffer, keeping the current frame; false at the end of the input. */
    private boolean read() throws IOException {
        if (eof) return false;
        int keep = Math.max(0, Math.min(frameStart, pos));
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, lim - keep);
            lim -= keep;
            pos -= keep;
            frameStart -= keep;
        }
        if (lim == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        int n = in.read(buf, lim, buf.length - lim);
        if (n <= 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    private void decorrelate() {
        int[] a = samples[0], b = channels > 1 ? samples[1] : null;
        int n = blockSize;
        switch (assignment) {
            case 8 -> { for (int i = 0; i < n; i++) b[i] = a[i] - b[i]; }
            case 9 -> { for (int i = 0; i < n; i++) a[i] += b[i]; }
            case 10 -> {
                for (int i = 0; i < n; i++) {
                    int side = b[i], mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
            }
            default -> { }
        }
    }
}
