package dev.loophole.media;

/** The container/codec families {@link AudioFiles} understands. */
public enum AudioFileType {
    /** RIFF WAVE, including RF64/BW64 and WAVE_FORMAT_EXTENSIBLE. */
    WAV,
    /** AIFF and AIFF-C. */
    AIFF,
    /** Native FLAC. */
    FLAC,
    /** Ogg Vorbis. */
    OGG_VORBIS
}
