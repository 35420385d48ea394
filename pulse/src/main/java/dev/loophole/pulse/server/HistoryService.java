package dev.loophole.pulse.server;

import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.HistoryState;
import dev.loophole.ipc.RpcError;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.CommandException;
import java.util.function.Supplier;

/** Undo and redo of the project's one history, whoever made the change. */
final class HistoryService {
    private final Supplier<Workspace> workspace;

    HistoryService(Supplier<Workspace> workspace) {
        this.workspace = workspace;
    }

    void register(HandlerTable t) {
        t.on(HistoryRequest.Undo.class, (p, c) -> step(true));
        t.on(HistoryRequest.Redo.class, (p, c) -> step(false));
    }

    private HistoryState step(boolean undo) {
        Pulse pulse = workspace.get().pulse();
        try {
            if (!(undo ? pulse.undo() : pulse.redo())) throw RpcError.rejected("nothing to " + (undo ? "undo" : "redo"));
        } catch (CommandException e) {
            throw RpcError.rejected(e.getMessage());
        }
        return ChangeNotifier.history(pulse);
    }
}
