package dev.loophole.signal.sampler;

import dev.loophole.model.SampleRef;
import java.io.IOException;

/** Resolves a region's sample reference into decoded data, on the control side (never the audio thread). */
@FunctionalInterface
public interface SampleProvider {
    SampleData load(SampleRef ref) throws IOException;
}
