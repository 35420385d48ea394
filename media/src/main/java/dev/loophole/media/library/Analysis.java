package dev.loophole.media.library;

import dev.loophole.media.AudioFileInfo;
import java.util.Map;
import java.util.Set;

/**
 * What scanning one file learned, before it is written to the library.
 *
 * @param info      format, length and smpl/inst metadata, or null when the file could not be read or is remote
 * @param hash      SHA-256 hex, or null for a remote file
 * @param nameTags  automatic tags from the folder and file names
 * @param soundTags automatic tags from the analysis (loop/one-shot, pitched/unpitched, quiet/loud by RMS level)
 */
record Analysis(String relPath, FileState state, MediaStatus status, String hash, AudioFileInfo info,
                Map<String, String> meta, WaveformOverview peaks, double pitchHz, double loudnessDb, double peakDb,
                boolean oneShot, double tempo, String musicalKey, Set<String> nameTags, Set<String> soundTags,
                String error) {
}
