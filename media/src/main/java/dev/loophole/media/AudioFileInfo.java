package dev.loophole.media;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AudioFiles#probe} learns about a file without decoding its audio.
 *
 * @param file       the file
 * @param type       container/codec family
 * @param format     the stored encoding (for Vorbis: 32-bit float, its decoder's native output)
 * @param channels   channel count
 * @param sampleRate frames per second
 * @param frames     audio length in frames, or -1 when the file does not say (a FLAC stream without a total)
 * @param metadata   root key, fine tune and loops
 * @param cues       markers ({@code cue}/{@code MARK}), in file order
 * @param dataOffset byte offset of the first frame of raw interleaved PCM (WAV/AIFF), or -1 for compressed files
 * @param byteOrder  byte order of the raw PCM, or null for compressed files
 * @param warnings   things that were wrong but readable, e.g. a data chunk that claims more bytes than the
 *                   file holds (the audio is then what is really there)
 * @param damage     the audio itself is damaged: frames claimed but missing; {@link #frames()} is what is present
 */
public record AudioFileInfo(Path file, AudioFileType type, SampleFormat format, int channels, int sampleRate,
                            long frames, SampleMetadata metadata, List<CuePoint> cues, long dataOffset,
                            ByteOrder byteOrder, List<String> warnings, List<AudioProblem> damage) {
    public AudioFileInfo {
        cues = List.copyOf(cues);
        warnings = List.copyOf(warnings);
        damage = List.copyOf(damage);
        if (metadata == null) metadata = SampleMetadata.NONE;
    }

    /** Undamaged audio. */
    public AudioFileInfo(Path file, AudioFileType type, SampleFormat format, int channels, int sampleRate,
                         long frames, SampleMetadata metadata, List<CuePoint> cues, long dataOffset,
                         ByteOrder byteOrder, List<String> warnings) {
        this(file, type, format, channels, sampleRate, frames, metadata, cues, dataOffset, byteOrder, warnings, List.of());
    }

    /** Whether the frames are raw PCM at {@link #dataOffset()}, i.e. any frame can be read without decoding others. */
    public boolean isRawPcm() { return dataOffset >= 0; }

    /** Bytes per interleaved frame of the stored encoding. */
    public int bytesPerFrame() { return channels * format.bytesPerSample(); }

    /** Length in seconds, or NaN when the length is unknown. */
    public double durationSeconds() { return frames < 0 ? Double.NaN : (double) frames / sampleRate; }
}
