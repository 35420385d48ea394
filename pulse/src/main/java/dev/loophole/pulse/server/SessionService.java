package dev.loophole.pulse.server;

import dev.loophole.ipc.Ack;
import dev.loophole.ipc.Limits;
import dev.loophole.ipc.Protocol;
import dev.loophole.ipc.SessionRequest;
import java.util.function.Supplier;

/** The handshake ({@code initialize}) and summary subscriptions. */
final class SessionService {
    private final IpcServer server;
    private final Supplier<Workspace> workspace;
    private final Meters meters;

    SessionService(IpcServer server, Supplier<Workspace> workspace, Meters meters) {
        this.server = server;
        this.workspace = workspace;
        this.meters = meters;
    }

    void register(HandlerTable t) {
        t.on(SessionRequest.Initialize.class, (p, c) -> {
            if (p.clientName() != null && c instanceof Connection conn) conn.named(p.clientName());
            ServerConfigView limits = new ServerConfigView(server.config());
            return new SessionRequest.ServerInfo("loophole", version(), Protocol.VERSION, t.methods(),
                    Protocol.notifications().stream().map(Protocol.Method::name).toList(), limits.limits(), workspace.get().info());
        });
        t.on(SessionRequest.Subscribe.class, (p, c) -> {
            meters.subscribe(c, p.voices(), p.levels(), p.intervalMs());
            return new Ack(workspace.get().pulse().revision());
        });
    }

    private static String version() {
        String v = SessionService.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private record ServerConfigView(ServerConfig c) {
        Limits limits() {
            return new Limits(c.maxMessageBytes(), c.maxBatch(), c.messagesPerSecond());
        }
    }
}
