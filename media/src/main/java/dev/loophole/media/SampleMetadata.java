package dev.loophole.media;

import java.util.List;

/**
 * What a sample file says about how to play it (WAV {@code smpl}, AIFF {@code INST}/{@code MARK}).
 *
 * @param rootKey   MIDI key of the recorded pitch, or -1 when the file does not say
 * @param fineTune  cents
 * @param loops     loop points in frames, end inclusive as in the {@code smpl} chunk
 */
public record SampleMetadata(int rootKey, double fineTune, List<SampleLoop> loops) {
    public static final SampleMetadata NONE = new SampleMetadata(-1, 0, List.of());

    public SampleMetadata {
        loops = List.copyOf(loops);
    }

    /** A loop: frames {@code start..end} inclusive; {@code type} 0 forward, 1 alternate, 2 backward (as in {@code smpl}). */
    public record SampleLoop(long start, long end, int type) {
        public SampleLoop {
            if (start < 0 || end < start) throw new IllegalArgumentException("loop " + start + ".." + end + " is not a valid range");
        }
    }
}
