package dev.loophole.signal.sampler;

import dev.loophole.model.SampleRef;
import java.io.IOException;

/** Resolves a region's sample reference into decoded data, on the control side (never the audio thread). */
@FunctionalInterface
public interface SampleProvider {
    SampleData load(SampleRef ref) throws IOException;

    /**
     * Loads a sample whose first {@code minHeadFrames} frames (at least) must be in memory: the part
     * voices may read before streaming catches up (offsets, loops). Providers that keep whole samples
     * in memory ignore it. {@code ramMode} asks for the whole sample in memory (SFZ {@code hint_ram_based}).
     */
    default SampleData load(SampleRef ref, long minHeadFrames, boolean ramMode) throws IOException {
        return load(ref);
    }

    /**
     * The sample's length, rate, channels and loops without its audio (an empty head), for regions that cannot
     * sound in this run (an offline render whose song never plays their keys): their region still compiles,
     * and nothing is decoded. Providers that keep whole samples in memory return them whole.
     */
    default SampleData header(SampleRef ref) throws IOException {
        return load(ref);
    }
}
