package dev.loophole.formats.sf2;

/**
 * One decoded sample of a bank, mono, full scale ±1.0, shaped like {@code dev.loophole.media.AudioData} +
 * {@code SampleMetadata} so that the media layer can wrap it without conversion (formats does not depend on media).
 *
 * @param frames          the sample's frames, from its shdr start (inclusive) to its end (exclusive)
 * @param bitsPerSample   16, or 24 when the bank has a usable {@code sm24} chunk
 * @param rootKey         the sample's original pitch 0..127, or -1 when unpitched (255) or out of range
 * @param pitchCorrection cents the bank says to ADD on playback. Regions imported by {@link Sf2Importer} already
 *                        include it in {@code Tuning.tune}: the media wrapper must put fineTune 0 in SampleMetadata
 *                        (the engine subtracts SampleMetadata.fineTune), or the correction counts twice
 * @param loopStart       first loop frame relative to {@code frames[0]}, or -1 when the header's loop is unusable
 * @param loopEnd         last loop frame, inclusive (the file's end-loop minus one), or -1
 * @param type            shdr sample type bits (1 mono, 2 right, 4 left, 8 linked)
 * @param link            shdr sample link (the other half of a stereo pair)
 */
public record Sf2Audio(String name, float[] frames, int sampleRate, int bitsPerSample, int rootKey, int pitchCorrection,
                       long loopStart, long loopEnd, int type, int link) {
    public int frameCount() { return frames.length; }
}
