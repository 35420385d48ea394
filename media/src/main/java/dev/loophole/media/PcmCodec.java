package dev.loophole.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Converts between interleaved PCM bytes and planar floats.
 *
 * <p>Scale: an n-bit integer v maps to v / 2^(n-1), so the most negative code is exactly -1.0 and the
 * most positive is 1 - 2^-(n-1). 8-bit data is unsigned in WAV (offset 128) and signed in AIFF.
 *
 * <p>Encoding multiplies by 2^(n-1), rounds to the nearest integer (ties to even), and clamps to the
 * integer range; NaN encodes as 0. Because scaling by a power of two is exact, a value already on the
 * n-bit grid encodes to its integer and decodes back to the identical float. Float formats are written
 * unclamped (they keep headroom above 1.0). Floats read from a file that are not audio (NaN, infinite, or
 * beyond ±{@link #MAX_FLOAT_SAMPLE}, i.e. +48 dBFS, far above any real recording's headroom) decode as 0, so one bad
 * sample cannot poison a filter's state for the rest of a note or blow a render up to +759 dBFS; the decode
 * returns how many it replaced, so the reader can report the file.
 */
final class PcmCodec {
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Larger float sample values are not audio but damage (a float WAV holding 1e38). */
    static final float MAX_FLOAT_SAMPLE = 256f;

    private PcmCodec() {}

    /**
     * Decodes {@code frames} interleaved frames from {@code src[srcOffset..]} into {@code dst[c][dstOffset..]}.
     *
     * @param unsigned8 whether 8-bit samples are offset binary (WAV) rather than two's complement (AIFF)
     * @return float samples that were not audio and decoded as 0 (always 0 for integer formats)
     */
    static int decode(byte[] src, int srcOffset, SampleFormat format, ByteOrder order, boolean unsigned8,
                       int channels, float[][] dst, int dstOffset, int frames) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        int bps = format.bytesPerSample();
        int stride = bps * channels;
        int repaired = 0;
        for (int c = 0; c < channels; c++) {
            float[] out = dst[c];
            int p = srcOffset + c * bps;
            int end = dstOffset + frames;
            if (format.floatingPoint()) {
                // NaN fails the comparison too, so it is replaced with the rest.
                if (bps == 4) {
                    for (int i = dstOffset; i < end; i++, p += stride) {
                        float f = Float.intBitsToFloat(le ? (int) INT_LE.get(src, p) : (int) INT_BE.get(src, p));
                        if (Math.abs(f) <= MAX_FLOAT_SAMPLE) out[i] = f; else { out[i] = 0f; repaired++; }
                    }
                } else {
                    for (int i = dstOffset; i < end; i++, p += stride) {
                        double d = Double.longBitsToDouble(le ? (long) LONG_LE.get(src, p) : (long) LONG_BE.get(src, p));
                        if (Math.abs(d) <= MAX_FLOAT_SAMPLE) out[i] = (float) d; else { out[i] = 0f; repaired++; }
                    }
                }
                continue;
            }
            switch (bps) {
                case 1 -> {
                    int offset = unsigned8 ? 128 : 0;
                    for (int i = dstOffset; i < end; i++, p += stride)
                        out[i] = ((unsigned8 ? src[p] & 0xFF : src[p]) - offset) * 0x1p-7f;
                }
                case 2 -> {
                    for (int i = dstOffset; i < end; i++, p += stride)
                        out[i] = (le ? (short) SHORT_LE.get(src, p) : (short) SHORT_BE.get(src, p)) * 0x1p-15f;
                }
                case 3 -> {
                    // Assemble the 24-bit value in the top of an int, then shift down to sign-extend.
                    int lo = le ? 0 : 2, hi = le ? 2 : 0;
                    for (int i = dstOffset; i < end; i++, p += stride) {
                        int v = (src[p + hi] << 24) | ((src[p + 1] & 0xFF) << 16) | ((src[p + lo] & 0xFF) << 8);
                        out[i] = (v >> 8) * 0x1p-23f;
                    }
                }
                default -> {
                    // (float) v rounds once to 24 significant bits; the power-of-two scale is then exact.
                    for (int i = dstOffset; i < end; i++, p += stride)
                        out[i] = (le ? (int) INT_LE.get(src, p) : (int) INT_BE.get(src, p)) * 0x1p-31f;
                }
            }
        }
        return repaired;
    }

    /** Encodes {@code frames} frames of {@code src[c][srcOffset..]} as interleaved bytes into {@code dst[dstOffset..]}. */
    static void encode(float[][] src, int srcOffset, SampleFormat format, ByteOrder order, boolean unsigned8,
                       byte[] dst, int dstOffset, int frames) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        int channels = src.length;
        int bps = format.bytesPerSample();
        int stride = bps * channels;
        for (int c = 0; c < channels; c++) {
            float[] in = src[c];
            int p = dstOffset + c * bps;
            int end = srcOffset + frames;
            for (int i = srcOffset; i < end; i++, p += stride) {
                float x = in[i];
                if (format.floatingPoint()) {
                    if (bps == 4) {
                        if (le) INT_LE.set(dst, p, Float.floatToRawIntBits(x)); else INT_BE.set(dst, p, Float.floatToRawIntBits(x));
                    } else {
                        long bits = Double.doubleToRawLongBits(x);
                        if (le) LONG_LE.set(dst, p, bits); else LONG_BE.set(dst, p, bits);
                    }
                    continue;
                }
                switch (bps) {
                    case 1 -> {
                        int v = quantize(x, 0x1p7, 128);
                        dst[p] = (byte) (unsigned8 ? v + 128 : v);
                    }
                    case 2 -> {
                        short v = (short) quantize(x, 0x1p15, 32768);
                        if (le) SHORT_LE.set(dst, p, v); else SHORT_BE.set(dst, p, v);
                    }
                    case 3 -> {
                        int v = quantize(x, 0x1p23, 1 << 23);
                        dst[p + (le ? 0 : 2)] = (byte) v;
                        dst[p + 1] = (byte) (v >> 8);
                        dst[p + (le ? 2 : 0)] = (byte) (v >> 16);
                    }
                    default -> {
                        int v = quantize(x, 0x1p31, 1L << 31);
                        if (le) INT_LE.set(dst, p, v); else INT_BE.set(dst, p, v);
                    }
                }
            }
        }
    }

    /** Round-to-nearest-even of x·scale, clamped to [-half, half-1]; NaN gives 0 (the (long) cast does that). */
    private static int quantize(float x, double scale, long half) {
        long v = (long) Math.rint(x * scale);
        if (v >= half) return (int) (half - 1);
        if (v < -half) return (int) -half;
        return (int) v;
    }
}
