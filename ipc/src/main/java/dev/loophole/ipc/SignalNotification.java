package dev.loophole.ipc;

import java.util.List;

/** Throttled summaries from the audio engine, to clients that asked with {@code signal.subscribe}. */
public sealed interface SignalNotification extends Notification {

    @Rpc(value = "signal.voices", doc = "How many voices sound, in all and per program.")
    record Voices(@Range(min = 0, max = 1e6) int active, @Size(max = 10000) List<ProgramVoices> programs) implements SignalNotification {
    }

    @Rpc(value = "signal.levels", doc = "Peak levels of the master output since the last summary, dBFS per channel.")
    record Levels(@Size(max = 64) List<Double> peakDb) implements SignalNotification {
    }

    /** Voices sounding in one program. */
    record ProgramVoices(@Size(min = 1, max = 256) String programId, @Range(min = 0, max = 1e6) int voices) {
    }
}
