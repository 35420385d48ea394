package dev.loophole.formats.sf2;

/**
 * One sample header ({@code shdr}) as the bank states it. Frame positions are absolute in the bank's
 * {@code smpl} chunk; {@code loopEnd} is the first frame after the loop, as in the file. The data itself is
 * not read at load: {@link Sf2SampleReader} reads it by offset when asked.
 *
 * @param index           position in {@code shdr}
 * @param originalPitch   MIDI key of the recorded pitch (255 = unpitched)
 * @param pitchCorrection cents to add when playing the sample (signed)
 * @param link            index of the other half of a stereo pair (or of a linked chain)
 * @param type            sample type bits: 1 mono, 2 right, 4 left, 8 linked, 0x8000 ROM
 * @param usable          false when the header points outside the data (such a sample's zones are skipped)
 */
public record Sf2Sample(int index, String name, long start, long end, long loopStart, long loopEnd, int sampleRate,
                        int originalPitch, int pitchCorrection, int link, int type, boolean usable) {
    public static final int MONO = 1, RIGHT = 2, LEFT = 4, LINKED = 8, ROM = 0x8000;

    /** Frames of sample data. */
    public long length() { return end - start; }

    public boolean isRight() { return (type & RIGHT) != 0; }

    public boolean isLeft() { return (type & LEFT) != 0; }
}
