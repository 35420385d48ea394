package dev.loophole.pulse.server;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.media.library.MediaWatcher;
import dev.loophole.pulse.media.LibraryView;
import dev.loophole.pulse.media.MediaService;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
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
    private final SoundService sound;
    private final RenderJobs renders;
    private final LibraryService library;
    private final MediaService media;
    private final Duration libraryPoll;
    private MediaWatcher watcher;
    private volatile List<String> cancelledAtClose = List.of();

    public PulseServer(ServerConfig config, Project project, Path file) {
        this(config, project, file, null);
    }

    public PulseServer(ServerConfig config, Project project, Path file, AudioDriver driver) {
        this(config, project, file, driver, null, null);
    }

    /**
     * @param driver the live audio output (opened, not started; started here and closed by {@link #close()}), or null to
     *               run without a device: editing, transport state and render work; auditions are refused
     * @param media  the media library for the media.* methods and sample status (its watcher runs from
     *               {@link #start()} to {@link #close()}), or null for none; the caller closes it
     * @param libraryPoll how often the watcher checks for roots that went away or came back (null: 2 s)
     */
    public PulseServer(ServerConfig config, Project project, Path file, AudioDriver driver, MediaService media, Duration libraryPoll) {
        ipc = new IpcServer(config);
        Dispatcher d = ipc.dispatcher();
        Workspace[] ws = new Workspace[1];
        SampleStatuses statuses = new SampleStatuses(media == null ? null : media.library());
        ChangeNotifier notifier = new ChangeNotifier(d, () -> ws[0], statuses);
        notifier.reset(project);
        workspace = ws[0] = new Workspace(new Pulse(project), file, notifier);
        SoundService[] soundRef = new SoundService[1];
        meters = new Meters(d, () -> soundRef[0] == null ? null : soundRef[0].meters());
        ipc.onDisconnect(meters::forget);
        HandlerTable t = ipc.table();
        new SessionService(ipc, () -> ws[0], meters).register(t);
        this.media = media;
        this.libraryPoll = libraryPoll == null ? Duration.ofSeconds(2) : libraryPoll;
        LibraryView view = media == null ? null : new LibraryView(media.library());
        library = new LibraryService(media, () -> ws[0], d, () -> {
            view.invalidate();
            if (soundRef[0] != null) soundRef[0].samplesChanged();
        });
        library.register(t);
        new SamplerService(() -> ws[0], library, statuses).register(t);
        new HistoryService(() -> ws[0]).register(t);
        new ProjectService(() -> ws[0], d, notifier).register(t);
        new EditService(() -> ws[0]).register(t);
        sound = soundRef[0] = new SoundService(() -> ws[0], d, driver, view == null ? UnaryOperator.identity() : view);
        sound.register(t);
        renders = new RenderJobs(() -> ws[0], d, view == null ? UnaryOperator.identity() : view, driver != null);
        renders.register(t);
        ws[0].follow(sound::follow);
    }

    public PulseServer start() throws Exception {
        if (media != null) watcher = media.watch(libraryPoll);
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

    /** Clients subscribed to voice and level summaries. */
    int subscriptions() {
        return meters.subscriptions();
    }

    /** The render jobs (tests). */
    RenderJobs renders() {
        return renders;
    }

    SoundService sound() {
        return sound;
    }

    public Pulse pulse() {
        return workspace.pulse();
    }

    /** The render jobs {@link #close()} cancelled (their ids, in start order): what a stopping server reports. */
    public List<String> cancelledAtClose() {
        return cancelledAtClose;
    }

    /**
     * Stops serving, promptly (a Ctrl-C's hook waits for it): render jobs first, cancelled and their clients told while
     * the sockets are open; the audio driver next, so its callback stops before anything it reads is closed; the
     * library's watcher (a rescan stops at its next file); the Pulse thread's queued work; the sockets; the live engine.
     * Each wait is bounded: render jobs 1 s, the driver (a reconnect in its waits lets go at once; its stop handshake
     * milliseconds, up to 2 s more when JACK's thread is late), the watcher 0.5 s, the Pulse thread 0.75 s — inside the
     * hook's 3 s unless JACK's thread is late.
     */
    @Override
    public void close() throws Exception {
        cancelledAtClose = renders.stop();
        sound.closeOutput();
        meters.close();
        if (watcher != null) watcher.close();
        library.close();
        ipc.close();
        sound.close();
    }
}
