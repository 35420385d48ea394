package dev.loophole.signal.dsp;

/**
 * The windowed sinc's two inner loops, in float with fixed partial sums, so the Vector API form
 * ({@code SincKernelsVector}, loaded only when {@link Simd#VECTOR}) and this scalar form give the same bits.
 *
 * <p><b>Direct kernel</b> (ratio ≤ 1, or a stretch table for a stretch up to two): the frames against the table's two rows
 * around the phase, two dot products, then interpolated — Σ b·(c0 + a·(c1 − c0)) as s + a·(u − s) with s = Σ b·c0,
 * u = Σ b·c1, so a tap costs two fused multiply-adds and no weight of its own. Tap j goes to partial sum j mod 16 of each
 * row ({@code fma(frame, c, sum)}); sums l and l + 8 are added, each lane's two rows interpolated ({@code fma(a, u − s, s)}),
 * and the eight lanes added as a fixed tree ((0+1)+(2+3))+((4+5)+(6+7)) — the order two 8-lane vectors give. Fused
 * multiply-adds in both forms (one rounding each: the same bits). Where the sweep's voices spend most of their time
 * (BENCHMARKS.md, "Two dot products and fused multiply-adds in the sinc").
 *
 * <p><b>Stretched kernel</b> (stretches beyond two, or without stretch tables): tap j (frame m0 + j, j < n) reads the flat kernel at the fixed-point
 * coordinate {@code U − j·step} (17.15 bits: the coordinate in table entries is below 2^16), interpolated linearly
 * between its two entries; value and weight go to partial sum j mod 8; the result is the value's tree over the
 * weight's tree, so DC passes exactly whatever the taps' sum. It is scalar in both forms (see {@link #stretched}).
 */
public class SincKernels {
    /** Bits of fraction in the stretched kernel's coordinate. */
    public static final int FRACTION_BITS = 15;
    static final float FRACTION = 1f / (1 << FRACTION_BITS);
    static final int FRACTION_MASK = (1 << FRACTION_BITS) - 1;

    /** The form this JVM runs: the vector one when the module is resolved (and not switched off) and the CPU fuses multiply-adds. */
    public static final SincKernels INSTANCE = Simd.VECTOR && Fma.HARDWARE ? vector() : new SincKernels();
    /** The scalar form, always (tests compare the two). */
    public static final SincKernels SCALAR = INSTANCE.getClass() == SincKernels.class ? INSTANCE : new SincKernels();

    SincKernels() {}

    private static boolean warm;
    private static int failures; // warm-ups that gave up, guarded by the class lock

    /**
     * Has C2 compile the vector form's direct kernels ({@link WarmUp#compile}: each round every tap count, mono and
     * stereo). Until it has, the Vector API works on boxed vectors — tens of bytes allocated per frame — which an audio
     * thread must never do; called on the control side where an interpolator is made. Nothing to do for the scalar form.
     */
    static synchronized void warmUp() {
        if (warm || INSTANCE == SCALAR || failures >= 2) return; // two that gave up (2 s each): no instrument waits again
        float[] t = new float[2 * 64], buf = new float[80], outL = new float[1], outR = new float[1];
        for (int i = 0; i < t.length; i++) t[i] = (i % 7) / 7f;
        for (int i = 0; i < buf.length; i++) buf[i] = (i % 5) / 5f;
        int[] turn = {0};
        boolean compiled = WarmUp.compile(() -> {
            int i = turn[0]++;
            for (int taps = 8; taps <= 64; taps *= 2) {
                INSTANCE.direct(t, 0, taps, (i % 16) / 16f, buf, i & 15, taps);
                INSTANCE.directStereo(t, 0, taps, (i % 16) / 16f, buf, buf, i & 15, taps, outL, outR, 0);
            }
        });
        if (compiled) warm = true; // else a later interpolator tries again
        else failures++;
    }


    private static SincKernels vector() { return new SincKernelsVector(); }

    /** Σ over {@code taps} (a multiple of 8) of {@code buf[base + j]} × the interpolated weight of rows {@code r0}, {@code r1}. */
    public float direct(float[] t, int r0, int r1, float a, float[] buf, int base, int taps) {
        return tree(lane(t, r0, r1, a, buf, base, taps, 0), lane(t, r0, r1, a, buf, base, taps, 1),
                lane(t, r0, r1, a, buf, base, taps, 2), lane(t, r0, r1, a, buf, base, taps, 3),
                lane(t, r0, r1, a, buf, base, taps, 4), lane(t, r0, r1, a, buf, base, taps, 5),
                lane(t, r0, r1, a, buf, base, taps, 6), lane(t, r0, r1, a, buf, base, taps, 7));
    }

    /**
     * Lane {@code l} of the vector form: taps l, l + 8, l + 16 … (block q = j / 8) against both rows, block q into sum
     * q mod 2 of each row, then the two rows' sums s and u interpolated, {@code fma(a, u − s, s)}.
     */
    private static float lane(float[] t, int r0, int r1, float a, float[] buf, int base, int taps, int l) {
        float s0 = 0f, s1 = 0f, u0 = 0f, u1 = 0f;
        for (int j = l; j < taps; j += 16) {
            float b = buf[base + j];
            s0 = Fma.fma(b, t[r0 + j], s0);
            u0 = Fma.fma(b, t[r1 + j], u0);
            if (j + 8 < taps) {
                float c = buf[base + j + 8];
                s1 = Fma.fma(c, t[r0 + j + 8], s1);
                u1 = Fma.fma(c, t[r1 + j + 8], u1);
            }
        }
        float s = s0 + s1, u = u0 + u1;
        return Fma.fma(a, u - s, s);
    }

    /**
     * One frame at {@code x} (in frames of {@code buf}) through a polyphase table {@code t} of {@code taps} columns and
     * rows 0…{@code phases} ({@link SincInterpolator}'s designed table or a stretch table): rows i and i + 1 around the
     * phase, interpolated.
     */
    public final float frame(float[] t, int taps, int phases, float[] buf, double x) {
        int n = (int) Math.floor(x);
        double phi = (x - n) * phases;
        int i = (int) phi, r0 = i * taps;
        return direct(t, r0, r0 + taps, (float) (phi - i), buf, n - taps / 2 + 1, taps);
    }

    /** {@link #frame} for two channels sharing the weights: {@code outL[k]}, {@code outR[k]}. */
    public final void frameStereo(float[] t, int taps, int phases, float[] l, float[] r, double x, float[] outL, float[] outR, int k) {
        int n = (int) Math.floor(x);
        double phi = (x - n) * phases;
        int i = (int) phi, r0 = i * taps;
        directStereo(t, r0, r0 + taps, (float) (phi - i), l, r, n - taps / 2 + 1, taps, outL, outR, k);
    }

    /** {@link #direct} for two channels sharing the weights: {@code outL[k]}, {@code outR[k]}. */
    public void directStereo(float[] t, int r0, int r1, float a, float[] l, float[] r, int base, int taps,
                             float[] outL, float[] outR, int k) {
        outL[k] = direct(t, r0, r1, a, l, base, taps);
        outR[k] = direct(t, r0, r1, a, r, base, taps);
    }

    /**
     * Σ over taps j &lt; {@code n} of {@code buf[m0 + j]} × K(U − j·step), over the same sum of the weights. {@code u}
     * and {@code step} are 17.15 fixed point, {@code U − (n − 1)·step ≥ 0} and {@code U < 2^31}; {@code kernel} holds
     * K[i] at 2i and K[i + 1] − K[i] at 2i + 1 (one cache line for both). The same arithmetic in both forms: on this
     * machine the taps' lookups, not the multiply-adds, are its cost, and vector gathers measured no faster.
     */
    public final float stretched(float[] kernel, int u, int step, int n, float[] buf, int m0) {
        float v0 = 0f, v1 = 0f, v2 = 0f, v3 = 0f, v4 = 0f, v5 = 0f, v6 = 0f, v7 = 0f;
        float w0 = 0f, w1 = 0f, w2 = 0f, w3 = 0f, w4 = 0f, w5 = 0f, w6 = 0f, w7 = 0f;
        int j = 0, uj = u;
        for (; j + 8 <= n; j += 8, uj -= 8 * step) {
            float c;
            int m = m0 + j;
            c = weight(kernel, uj); w0 += c; v0 += buf[m] * c;
            c = weight(kernel, uj - step); w1 += c; v1 += buf[m + 1] * c;
            c = weight(kernel, uj - 2 * step); w2 += c; v2 += buf[m + 2] * c;
            c = weight(kernel, uj - 3 * step); w3 += c; v3 += buf[m + 3] * c;
            c = weight(kernel, uj - 4 * step); w4 += c; v4 += buf[m + 4] * c;
            c = weight(kernel, uj - 5 * step); w5 += c; v5 += buf[m + 5] * c;
            c = weight(kernel, uj - 6 * step); w6 += c; v6 += buf[m + 6] * c;
            c = weight(kernel, uj - 7 * step); w7 += c; v7 += buf[m + 7] * c;
        }
        // the last taps go to the first lanes (skipping a lane is adding +0, which leaves a sum that started at +0 alone)
        int m = m0 + j, left = n - j;
        float c;
        if (left > 0) { c = weight(kernel, uj); w0 += c; v0 += buf[m] * c; }
        if (left > 1) { c = weight(kernel, uj - step); w1 += c; v1 += buf[m + 1] * c; }
        if (left > 2) { c = weight(kernel, uj - 2 * step); w2 += c; v2 += buf[m + 2] * c; }
        if (left > 3) { c = weight(kernel, uj - 3 * step); w3 += c; v3 += buf[m + 3] * c; }
        if (left > 4) { c = weight(kernel, uj - 4 * step); w4 += c; v4 += buf[m + 4] * c; }
        if (left > 5) { c = weight(kernel, uj - 5 * step); w5 += c; v5 += buf[m + 5] * c; }
        if (left > 6) { c = weight(kernel, uj - 6 * step); w6 += c; v6 += buf[m + 6] * c; }
        return tree(v0, v1, v2, v3, v4, v5, v6, v7) / tree(w0, w1, w2, w3, w4, w5, w6, w7);
    }

    /** {@link #stretched} for two channels sharing the weights. */
    public final void stretchedStereo(float[] kernel, int u, int step, int n, float[] l, float[] r, int m0,
                                      float[] outL, float[] outR, int k) {
        float l0 = 0f, l1 = 0f, l2 = 0f, l3 = 0f, l4 = 0f, l5 = 0f, l6 = 0f, l7 = 0f;
        float q0 = 0f, q1 = 0f, q2 = 0f, q3 = 0f, q4 = 0f, q5 = 0f, q6 = 0f, q7 = 0f;
        float w0 = 0f, w1 = 0f, w2 = 0f, w3 = 0f, w4 = 0f, w5 = 0f, w6 = 0f, w7 = 0f;
        int j = 0, uj = u;
        for (; j + 8 <= n; j += 8, uj -= 8 * step) {
            float c;
            int m = m0 + j;
            c = weight(kernel, uj); w0 += c; l0 += l[m] * c; q0 += r[m] * c;
            c = weight(kernel, uj - step); w1 += c; l1 += l[m + 1] * c; q1 += r[m + 1] * c;
            c = weight(kernel, uj - 2 * step); w2 += c; l2 += l[m + 2] * c; q2 += r[m + 2] * c;
            c = weight(kernel, uj - 3 * step); w3 += c; l3 += l[m + 3] * c; q3 += r[m + 3] * c;
            c = weight(kernel, uj - 4 * step); w4 += c; l4 += l[m + 4] * c; q4 += r[m + 4] * c;
            c = weight(kernel, uj - 5 * step); w5 += c; l5 += l[m + 5] * c; q5 += r[m + 5] * c;
            c = weight(kernel, uj - 6 * step); w6 += c; l6 += l[m + 6] * c; q6 += r[m + 6] * c;
            c = weight(kernel, uj - 7 * step); w7 += c; l7 += l[m + 7] * c; q7 += r[m + 7] * c;
        }
        int m = m0 + j, left = n - j;
        float c;
        if (left > 0) { c = weight(kernel, uj); w0 += c; l0 += l[m] * c; q0 += r[m] * c; }
        if (left > 1) { c = weight(kernel, uj - step); w1 += c; l1 += l[m + 1] * c; q1 += r[m + 1] * c; }
        if (left > 2) { c = weight(kernel, uj - 2 * step); w2 += c; l2 += l[m + 2] * c; q2 += r[m + 2] * c; }
        if (left > 3) { c = weight(kernel, uj - 3 * step); w3 += c; l3 += l[m + 3] * c; q3 += r[m + 3] * c; }
        if (left > 4) { c = weight(kernel, uj - 4 * step); w4 += c; l4 += l[m + 4] * c; q4 += r[m + 4] * c; }
        if (left > 5) { c = weight(kernel, uj - 5 * step); w5 += c; l5 += l[m + 5] * c; q5 += r[m + 5] * c; }
        if (left > 6) { c = weight(kernel, uj - 6 * step); w6 += c; l6 += l[m + 6] * c; q6 += r[m + 6] * c; }
        float w = tree(w0, w1, w2, w3, w4, w5, w6, w7);
        outL[k] = tree(l0, l1, l2, l3, l4, l5, l6, l7) / w;
        outR[k] = tree(q0, q1, q2, q3, q4, q5, q6, q7) / w;
    }

    /** The kernel at 17.15 coordinate {@code uj} (≥ 0), interpolated between its two entries. */
    private static float weight(float[] kernel, int uj) {
        int i = (uj >>> FRACTION_BITS) << 1;
        return kernel[i] + ((uj & FRACTION_MASK) * FRACTION) * kernel[i + 1];
    }

    /** Eight partial sums added in the fixed order the vector form's lane tree gives. */
    static float tree(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) {
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
