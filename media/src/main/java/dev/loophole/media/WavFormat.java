package dev.loophole.media;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The {@code fmt } chunk of a WAV file, reduced to what decoding needs.
 *
 * @param format   the stored sample encoding (container size: 20-bit audio in 3 bytes reads as 24-bit)
 * @param channels channel count
 * @param rate     frames per second
 */
record WavFormat(SampleFormat format, int channels, int rate) {
    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int EXTENSIBLE = 0xFFFE;

    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE GUIDs for PCM/float; bytes 0..1 hold the format tag. */
    static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
    /** The same for the ambisonic B-format subtypes, whose samples are laid out like plain PCM/float. */
    private static final byte[] AMBISONIC_TAIL = {0, 0, 0x21, 0x07, (byte) 0xD3, 0x11, (byte) 0x86, 0x44,
            (byte) 0xC8, (byte) 0xC1, (byte) 0xCA, 0, 0, 0};

    private static final Map<Integer, String> CODECS = Map.ofEntries(
            Map.entry(0x0002, "Microsoft ADPCM"), Map.entry(0x0006, "A-law"), Map.entry(0x0007, "µ-law"),
            Map.entry(0x0011, "IMA ADPCM"), Map.entry(0x0022, "TrueSpeech"), Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0040, "G.721 ADPCM"), Map.entry(0x0050, "MPEG audio"), Map.entry(0x0055, "MP3"),
            Map.entry(0x00FF, "AAC"), Map.entry(0x0161, "Windows Media Audio"), Map.entry(0x0162, "Windows Media Audio Pro"),
            Map.entry(0x0163, "Windows Media Audio Lossless"), Map.entry(0x1610, "HE-AAC"), Map.entry(0x2000, "Dolby AC-3"),
            Map.entry(0x2001, "DTS"), Map.entry(0x6771, "Ogg Vorbis"), Map.entry(0xF1AC, "FLAC"));

    /** Parses the body of a {@code fmt } chunk ({@code b} little-endian, positioned at 0). */
    static WavFormat parse(FileSource src, ByteBuffer b, List<String> warnings) throws MediaException {
        if (b.limit() < 16)
            throw src.fail("fmt chunk is " + b.limit() + " bytes, expected at least 16");
        int tag = Short.toUnsignedInt(b.getShort(0));
        int channels = Short.toUnsignedInt(b.getShort(2));
        long rate = Integer.toUnsignedLong(b.getInt(4));
        int blockAlign = Short.toUnsignedInt(b.getShort(12));
        int bits = Short.toUnsignedInt(b.getShort(14));
        int codec = tag;
        if (tag == EXTENSIBLE) {
            if (b.limit() < 40)
                throw src.fail("WAVE_FORMAT_EXTENSIBLE fmt chunk is " + b.limit() + " bytes, expected 40");
            codec = Short.toUnsignedInt(b.getShort(24));
            if (!tailMatches(b, GUID_TAIL) && !tailMatches(b, AMBISONIC_TAIL))
                throw src.fail("WAVE_FORMAT_EXTENSIBLE subformat " + guid(b) + " is not supported (expected PCM or IEEE float)");
        }
        if (codec != PCM && codec != IEEE_FLOAT) {
            String name = CODECS.getOrDefault(codec, "an unknown codec");
            throw src.fail("uses " + name + " (format tag 0x" + String.format("%04X", codec)
                    + "); only PCM and IEEE float WAV files are supported");
        }
        if (channels == 0) throw src.fail("fmt chunk says 0 channels");
        if (rate == 0 || rate > Integer.MAX_VALUE) throw src.fail("fmt chunk says sample rate " + rate + " Hz");
        SampleFormat format;
        if (codec == IEEE_FLOAT) {
            if (bits != 32 && bits != 64)
                throw src.fail("IEEE float with " + bits + " bits per sample; expected 32 or 64");
            format = new SampleFormat(bits, true);
        } else {
            // WAV PCM is 8 bits or more; narrower claims are damage or a packed codec read as if it were PCM.
            if (bits < 8 || bits > 32)
                throw src.fail("PCM with " + bits + " bits per sample; expected 8 to 32");
            // Samples narrower than their container are left-justified, so decode the whole container.
            format = new SampleFormat((bits + 7) / 8 * 8, false);
        }
        long expectedAlign = (long) channels * format.bytesPerSample();
        if (!format.floatingPoint() && bits % 8 != 0 && blockAlign != expectedAlign)
            // e.g. 12-bit pairs packed in 3 bytes: decoding them as 16-bit containers would be noise.
            throw src.fail(bits + "-bit PCM with block align " + blockAlign + " is packed, which is not supported; expected "
                    + bits + "-bit samples left-justified in " + format.bytesPerSample() + "-byte containers (block align " + expectedAlign + ")");
        if (blockAlign != expectedAlign)
            warnings.add("fmt chunk says block align " + blockAlign + ", expected " + expectedAlign + " for "
                    + channels + " channels of " + format + "; using " + expectedAlign);
        return new WavFormat(format, channels, (int) rate);
    }

    private static boolean tailMatches(ByteBuffer b, byte[] tail) {
        for (int i = 0; i < tail.length; i++) if (b.get(26 + i) != tail[i]) return false;
        return true;
    }

    private static String guid(ByteBuffer b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 24; i < 40; i++) sb.append(String.format("%02X", b.get(i)));
        return sb.toString();
    }
}
