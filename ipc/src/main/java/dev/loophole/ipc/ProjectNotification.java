package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** What changed in the project beyond the sampler's own notifications. */
public sealed interface ProjectNotification extends Notification {

    @Rpc(value = "project.changed",
            doc = "The project moved to a new revision (an edit, undo or redo by any client); carries the history and, for structural edits, the changed entity as Pulse's JSON.")
    record Changed(HistoryState history,
                   @Opt @Size(max = 256) String cause,
                   @Opt @Size(max = 64) String entity,
                   @Opt @Size(max = 256) String id,
                   @Opt JsonNode value) implements ProjectNotification {
    }

    @Rpc(value = "project.opened", doc = "Another project replaced the open one (project.new or project.open): clients drop their view and read it again.")
    record Opened(ProjectInfo project) implements ProjectNotification {
    }

    @Rpc(value = "transport.state", doc = "Whether the transport plays, where the playhead is and the tempo.")
    record TransportState(boolean playing, @Range(min = 0, max = 1e9) double beat,
                          @Range(min = 10, max = 999) double bpm) implements ProjectNotification {
    }

    @Rpc(value = "project.renderProgress", doc = "How far a render job is, at most a few times a second, to the client that started it.")
    record RenderProgress(@Size(min = 1, max = 64) String jobId,
                          @Range(min = 0, max = Long.MAX_VALUE) long framesDone,
                          @Range(min = 0, max = Long.MAX_VALUE) long framesExpected) implements ProjectNotification {
    }

    @Rpc(value = "project.rendered",
            doc = "A render job ended, to the client that started it: done (the file, its length and peak), cancelled or failed (no file either way).")
    record Rendered(@Size(min = 1, max = 64) String jobId,
                    RenderOutcome outcome,
                    @Opt @Size(max = Size.DEFAULT_STRING) String path,
                    @Opt @Range(min = 0, max = Long.MAX_VALUE) Long frames,
                    @Opt @Range(min = 8000, max = 192000) Integer sampleRate,
                    @Opt @Range(min = -1000, max = 100) Double peakDb,
                    @Opt @Size(max = 4096) String error) implements ProjectNotification {
    }

    /** How a render job ended. */
    enum RenderOutcome { @JsonProperty("done") DONE, @JsonProperty("cancelled") CANCELLED, @JsonProperty("failed") FAILED }
}
