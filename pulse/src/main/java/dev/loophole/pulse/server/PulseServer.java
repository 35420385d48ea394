package dev.loophole.pulse.server;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code loophole serve}: one open project, its Pulse, and the IPC server that every editor talks
 * to. The services translate messages into Pulse commands; Pulse's events become notifications.
 */
public final class PulseServer implements AutoCloseable {
    private final IpcServer ipc;
    private final Workspace workspace;
    private final Meters meters;

    public PulseServer(ServerConfig config, Project project, Path file) {
        ipc = new IpcServer(config);
        Dispatcher d = ipc.dispatcher();
        Workspace[] ws = new Workspace[1];
        ChangeNotifier notifier = new ChangeNotifier(d, () -> ws[0]);
        notifier.reset(project);
        workspace = ws[0] = new Workspace(new Pulse(project), file, notifier);
        meters = new Meters(d, () -> null);
        HandlerTable t = ipc.table();
        new SessionService(ipc, () -> ws[0], meters).register(t);
        new SamplerService(() -> ws[0]).register(t);
        new HistoryService(() -> ws[0]).register(t);
        new ProjectService(() -> ws[0], d, notifier).register(t);
        new EditService(() -> ws[0]).register(t);
    }

    public PulseServer start() throws Exception {
        ipc.start();
        return this;
    }

    public String url() {
        return ipc.url();
    }

    public URI webSocketUri() {
        return ipc.webSocketUri();
    }

    public IpcServer ipc() {
        return ipc;
    }

    /** Runs {@code read} on the Pulse thread, between requests: a consistent view of the project. */
    public <T> T onPulse(Callable<T> read) throws Exception {
        return ipc.dispatcher().call(read);
    }

    public Pulse pulse() {
        return workspace.pulse();
    }

    @Override
    public void close() throws Exception {
        meters.close();
        ipc.close();
    }
}
