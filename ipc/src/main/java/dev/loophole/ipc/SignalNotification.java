package dev.loophole.ipc;

import java.util.List;

/** Throttled summaries from the audio engine, to clients that asked with {@code signal.subscribe}. */
public sealed interface SignalNotification extends Notification {

    @Rpc(value = "signal.voices", doc = "How many voices sound, in all and per program (one entry per Sampler node of the project).")
    record Voices(@Range(min = 0, max = 1e6) int active, @Size(max = 10000) List<ProgramVoices> programs) implements SignalNotification {
    }

    @Rpc(value = "signal.levels", doc = "Peak levels of the master output since the last summary, dBFS per channel.")
    record Levels(@Size(max = 64) List<Double> peakDb) implements SignalNotification {
    }

    /** Voices sounding in one program, played by the Sampler node {@code nodeId}. */
    record ProgramVoices(@Size(min = 1, max = 256) String programId, @Size(min = 1, max = 256) String nodeId,
                         @Range(min = 0, max = 1e6) int voices) {
    }
}
