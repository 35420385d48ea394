package dev.loophole.media;

import java.nio.file.Path;

/**
 * Damage found in an audio file that still plays (or, for {@link Kind#UNUSABLE}, that plays nothing). One
 * typed record for every format, so that a loader can count and report them in one place and a batch job
 * can refuse to ship audio made from damaged files.
 *
 * @param file    the damaged file (for a SoundFont sample: the bank)
 * @param kind    what is wrong
 * @param message what was claimed and what is there, in words, without the file name
 */
public record AudioProblem(Path file, Kind kind, String message) {
    public enum Kind {
        /** The header claims more frames than the file holds; the frames that exist play. */
        TRUNCATED,
        /** Not one frame can be played. */
        UNUSABLE,
        /** Sample values that are not audio (NaN, infinite, absurdly large floats) were replaced by silence. */
        REPAIRED_SAMPLES
    }

    /** The header claims {@code claimed} frames, only {@code present} are there. */
    public static AudioProblem truncated(Path file, long claimed, long present, String where) {
        return new AudioProblem(file, Kind.TRUNCATED, where + " claims " + claimed + " frames but only " + present
                + " are present; playing those");
    }

    /** A file that is there but cannot be decoded at all; {@code why} already names it, so the name is not repeated. */
    public static AudioProblem unusable(Path file, MediaException why) {
        String m = why.getMessage();
        String prefix = why.file() + ": ";
        return new AudioProblem(file, Kind.UNUSABLE, "no usable audio: " + (m.startsWith(prefix) ? m.substring(prefix.length()) : m));
    }

    @Override
    public String toString() { return file + ": " + message; }
}
