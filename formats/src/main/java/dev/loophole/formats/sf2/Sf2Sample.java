package dev.loophole.formats.sf2;

/**
 * One sample header ({@code shdr}) as the bank states it. Frame positions are absolute in the bank's
 * {@code smpl} chunk; {@code loopEnd} is the first frame after the loop, as in the file. The data itself is
 * not read at load: {@link Sf2SampleReader} reads it by offset when asked.
 *
 * <p>A compressed (SoundFont 3) sample's shdr start/end are byte offsets of its Ogg stream in {@code smpl}, and its
 * loop points are frames of the decoded sample. Here such a sample has {@code start} 0, {@code end} its decoded length
 * (the stream's last granule position) and the loop points as the file states them, so that every position means
 * the same as for a PCM sample; the stream's bytes are {@code dataStart .. dataEnd}.
 *
 * @param index           position in {@code shdr}
 * @param originalPitch   MIDI key of the recorded pitch (255 = unpitched)
 * @param pitchCorrection cents to add when playing the sample (signed)
 * @param link            index of the other half of a stereo pair (or of a linked chain)
 * @param type            sample type bits: 1 mono, 2 right, 4 left, 8 linked, 0x10 compressed (SF3), 0x8000 ROM
 * @param usable          false when the header points outside the data (such a sample's zones are skipped)
 * @param dataStart       compressed samples: first byte of the Ogg stream in {@code smpl}; else -1
 * @param dataEnd         compressed samples: the byte after it; else -1
 */
public record Sf2Sample(int index, String name, long start, long end, long loopStart, long loopEnd, int sampleRate,
                        int originalPitch, int pitchCorrection, int link, int type, boolean usable, long dataStart,
                        long dataEnd) {
    public static final int MONO = 1, RIGHT = 2, LEFT = 4, LINKED = 8, COMPRESSED = 0x10, ROM = 0x8000;

    /** A PCM sample. */
    public Sf2Sample(int index, String name, long start, long end, long loopStart, long loopEnd, int sampleRate,
                     int originalPitch, int pitchCorrection, int link, int type, boolean usable) {
        this(index, name, start, end, loopStart, loopEnd, sampleRate, originalPitch, pitchCorrection, link, type, usable, -1, -1);
    }

    /** SoundFont 3: the sample is an Ogg Vorbis stream (type bit 0x10). */
    public boolean compressed() { return (type & COMPRESSED) != 0; }

    /** Frames of sample data. */
    public long length() { return end - start; }

    public boolean isRight() { return (type & RIGHT) != 0; }

    public boolean isLeft() { return (type & LEFT) != 0; }
}
