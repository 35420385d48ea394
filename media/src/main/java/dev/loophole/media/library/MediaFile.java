package dev.loophole.media.library;

import java.nio.file.Path;
import java.util.List;

/**
 * One audio file in the library, as the last scan saw it.
 *
 * @param id        the media id (IPC's {@code mediaId})
 * @param root      the root it lives under
 * @param relPath   its path under the root, '/'-separated
 * @param hash      SHA-256 of the content in hex, or null while the content is not local
 * @param format    WAV, AIFF, FLAC or OGG_VORBIS, or null when the file could not be read
 * @param rootKey   MIDI key from the {@code smpl}/{@code inst} chunk, or -1
 * @param pitchKey  MIDI key nearest the detected pitch, or -1 when none was clear
 * @param pitchHz   detected fundamental in Hz, or NaN
 * @param loudnessDb RMS level of the whole file in dBFS
 * @param oneShot   false when the file is a loop (loop points, an acid loop, or "loop" in its name)
 * @param tempo     beats per minute from an acid chunk or a BPM tag, or NaN
 * @param tags      all tags (user, name and analysis), sorted
 * @param error     why it could not be read, or null
 */
public record MediaFile(long id, Root root, String relPath, long size, long modified, String hash, MediaStatus status,
                        String format, int bits, int sampleRate, int channels, long frames, double duration,
                        int rootKey, double fineTune, long loopStart, long loopEnd, double tempo, String musicalKey,
                        double pitchHz, int pitchKey, double loudnessDb, double peakDb, boolean oneShot,
                        List<String> tags, String error) {
    public MediaFile {
        tags = List.copyOf(tags);
    }

    /** Where the file is now (its root's current path + its relative path). */
    public Path path() { return Relative.resolve(root.path(), relPath); }

    /** The key to map it at: the file's own root key, else the detected pitch, else -1. */
    public int mappingKey() { return rootKey >= 0 ? rootKey : pitchKey; }
}
