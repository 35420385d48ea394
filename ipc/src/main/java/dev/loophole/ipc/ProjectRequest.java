package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/** Whole projects: make one, open one, save, read it entire, render it. */
public sealed interface ProjectRequest extends Request {

    @Rpc(value = "project.new", result = ProjectInfo.class,
            doc = "Replaces the open project with an empty one (unsaved changes of the old one are dropped: ask project.save first).")
    record New(@Opt @Size(max = 256) String name) implements ProjectRequest {
    }

    @Rpc(value = "project.open", result = ProjectInfo.class, doc = "Opens a project file (SQLite) in place of the open project.")
    record Open(@Size(min = 1, max = Size.DEFAULT_STRING) String path) implements ProjectRequest {
    }

    @Rpc(value = "project.save", result = ProjectInfo.class,
            doc = "Saves the project in one transaction, to path if given (which becomes its file), else to its file.")
    record Save(@Opt @Size(min = 1, max = Size.DEFAULT_STRING) String path) implements ProjectRequest {
    }

    @Rpc(value = "project.get", result = Snapshot.class,
            doc = "The whole project as JSON: what a client that joins late, or checks its view, compares against.")
    record Get() implements ProjectRequest {
    }

    @Rpc(value = "project.render", result = RenderStarted.class,
            doc = "Starts rendering the project offline to a WAV file as a job and answers at once with its id; project.renderProgress and project.rendered follow, other requests are answered meanwhile.")
    record Render(@Size(min = 1, max = Size.DEFAULT_STRING) String path,
                  @Opt @Range(min = 0.001, max = 3600) Double seconds,
                  @Opt @Range(min = 8000, max = 192000) Integer sampleRate,
                  @Opt @Range(min = 0, max = Long.MAX_VALUE) Long seed) implements ProjectRequest {
    }

    @Rpc(value = "project.cancelRender", result = Ack.class,
            doc = "Stops a render job: it ends with project.rendered (cancelled) and leaves no file behind.")
    record CancelRender(@Size(min = 1, max = 64) String jobId) implements ProjectRequest {
    }

    /** The project's JSON form (Pulse's own) and its revision. */
    record Snapshot(@Range(min = 0, max = Long.MAX_VALUE) long revision, JsonNode project) {
    }

    /** The render job that {@code project.render} started. */
    record RenderStarted(@Size(min = 1, max = 64) String jobId) {
    }
}
