package dev.loophole.signal.expression;

/**
 * MIDI 1.0 values raised to MIDI 2.0 resolution by the MIDI 2.0 translation rule (min–centre–max:
 * 0 stays 0, the centre stays exactly the centre, the maximum becomes all ones), and normalised.
 * Both decoders normalise through the 32-bit form, so a MIDI 1.0 MPE stream and the UMP stream a
 * translator makes of it give the instrument the same floats.
 */
public final class MidiScale {
    private MidiScale() { }

    /** {@code v} of {@code srcBits} bits scaled up to {@code dstBits} bits (dstBits ≤ 32). */
    public static long up(long v, int srcBits, int dstBits) {
        int scaleBits = dstBits - srcBits;
        long shifted = v << scaleBits;
        long centre = 1L << (srcBits - 1);
        if (v <= centre) return shifted;
        int repeatBits = srcBits - 1;
        long repeat = v & ((1L << repeatBits) - 1);
        repeat = scaleBits > repeatBits ? repeat << (scaleBits - repeatBits) : repeat >> (repeatBits - scaleBits);
        while (repeat != 0) { shifted |= repeat; repeat >>= repeatBits; }
        return shifted;
    }

    public static int velocity16(int velocity7) { return (int) up(Math.clamp(velocity7, 0, 127), 7, 16); }

    /** 0..1 from a 32-bit unsigned value (held in an int). */
    public static float unipolar32(int v) { return (float) ((v & 0xFFFF_FFFFL) / 4294967295.0); }

    /** -1..1 from a 32-bit unsigned value centred on 0x80000000. */
    public static float bipolar32(int v) {
        long d = (v & 0xFFFF_FFFFL) - 0x8000_0000L;
        return (float) (d >= 0 ? d / 2147483647.0 : d / 2147483648.0);
    }

    public static float unipolar7(int v) { return unipolar32((int) up(Math.clamp(v, 0, 127), 7, 32)); }

    public static float bipolar14(int v) { return bipolar32((int) up(Math.clamp(v, 0, 16383), 14, 32)); }
}
