package dev.loophole.ipc;

/** The project's one history, whoever made the change. */
public sealed interface HistoryRequest extends Request {

    @Rpc(value = "history.undo", result = HistoryState.class,
            doc = "Undoes the project's last step (whichever client made it); every client gets the notifications of what changed back.")
    record Undo() implements HistoryRequest {
    }

    @Rpc(value = "history.redo", result = HistoryState.class, doc = "Redoes the step undo took back.")
    record Redo() implements HistoryRequest {
    }
}
