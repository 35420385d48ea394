package dev.loophole.media;

/**
 * A marker in a file: a WAV {@code cue} point or an AIFF {@code MARK} marker.
 *
 * @param id    the file's own identifier for the marker
 * @param frame position in frames from the start of the audio
 * @param label the marker's name ({@code labl} in WAV, the marker name in AIFF), or "" when it has none
 */
public record CuePoint(int id, long frame, String label) {
    public CuePoint {
        if (label == null) label = "";
    }
}
