package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.media.MediaService;
import dev.loophole.pulse.server.PulseServer;
import dev.loophole.pulse.server.ServerConfig;
import dev.loophole.pulse.store.ProjectFormatException;
import dev.loophole.pulse.store.ProjectStore;
import dev.loophole.signal.audition.Auditioner;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.AudioDrivers;
import dev.loophole.signal.driver.AudioUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a project to editors: JSON-RPC 2.0 over WebSocket (the specification's IPC messages), until interrupted.",
        footer = {"", "Examples:",
                "  loophole serve                        an empty project on a free port",
                "  loophole serve song.loophole --port 8765",
                "",
                "The first line printed is the URL with this start's token: Loophole serving at http://127.0.0.1:PORT/?token=TOKEN",
                "The WebSocket is ws://127.0.0.1:PORT/ipc, with the same token as ?token=… or an 'Authorization: Bearer' header.",
                "Messages: docs/specs/ipc/pulse/*.md. Nothing is saved unless a client asks (project.save).",
                "",
                "Stopping (Ctrl-C, SIGTERM) cancels running render jobs (their clients get project.rendered, cancelled; no",
                "partial file stays) and closes the audio device. Exit status: 130 after Ctrl-C, 143 after SIGTERM (as for",
                "any signal), 1 on an error (files, port in use), 2 for a wrong command line."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "A project file to open (default: a new, empty project).")
    Path project;

    @Option(names = "--port", defaultValue = "0", description = "TCP port (default: any free one).")
    int port;

    @Option(names = "--listen", paramLabel = "ADDRESS", description = "Listen on ADDRESS instead of loopback only (other machines can then reach it: a warning is printed).")
    String listen;

    @Option(names = "--no-audio", description = "Run without an audio device (editing, transport and render still work; auditions are refused).")
    boolean noAudio;

    @Option(names = "--library", paramLabel = "FILE",
            description = "The media library for the media.* messages, watched while serving (default: $XDG_DATA_HOME/loophole/library.db, i.e. ~/.local/share/loophole/library.db).")
    Path library;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port " + port + " is outside 0..65535");
        if (library != null && library.getParent() != null && !Files.isDirectory(library.toAbsolutePath().getParent()))
            throw new Errors.UserError(library + ": its folder does not exist");
        Project opened = Project.empty("untitled");
        Path file = null;
        if (project != null) {
            file = project.toAbsolutePath();
            if (!Files.isRegularFile(file)) throw new Errors.UserError(project + ": no such project file");
            try {
                opened = ProjectStore.load(file);
            } catch (ProjectFormatException | IOException e) {
                throw new Errors.UserError(e.getMessage(), e);
            }
        }
        ServerConfig config = ServerConfig.defaults().withPort(port);
        if (listen != null) config = config.withHost(listen);
        Path libraryFile = library != null ? library : MediaLibrary.defaultLocation();
        MediaLibrary lib;
        try {
            lib = MediaLibrary.open(libraryFile);
        } catch (LibraryException e) {
            throw new Errors.UserError(e.getMessage(), e);
        }
        AudioDriver driver = noAudio ? null : openAudio(err);
        // Sample auditions get an output of their own (a second JACK client), opened on the first one.
        MediaService.AuditionerFactory auditions = noAudio ? null : () -> {
            try {
                return new Auditioner(AudioDrivers.open("auto", AudioConfig.defaults("loophole-audition")), InstrumentLoader.samplesFromDisk());
            } catch (AudioUnavailableException e) {
                throw new IOException("no audio output for the audition: " + e.getMessage(), e);
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        StopHook hook = new StopHook("loophole-serve-stop", stopped::countDown);
        PulseServer served = null;
        try (lib; MediaService media = new MediaService(lib, auditions);
             PulseServer server = new PulseServer(config, opened, file, driver, media, null).start()) {
            served = server;
            out.println("Loophole serving at " + server.url());
            out.flush();
            if (!config.loopback())
                err.println("warning: listening on " + listen + ": other machines can reach this server (they still need the token)");
            err.println("audio: " + (driver == null ? "none" : driver.describe()) + "; library: " + libraryFile + "; Ctrl-C stops (nothing is saved unasked)");
            err.flush();
            // Ctrl-C: the hook waits (a while) for the server, the library and the audio driver to close, as play's does;
            // the server's close is bounded well inside that wait (PulseServer.close: render jobs first, then the driver)
            hook.add();
            ReadyMark.reached();
            stopped.await();
        } catch (java.io.IOException e) {
            throw new Errors.UserError("cannot listen on " + config.host() + ":" + port + ": " + e.getMessage(), e);
        } finally {
            try {
                if (driver != null) driver.close();
                if (served != null && stopped.getCount() == 0) { // everything closed: said last, so a halt cut short shows
                    List<String> jobs = served.cancelledAtClose();
                    err.println("stopped" + (jobs.isEmpty() ? "" : "; cancelled " + String.join(", ", jobs) + " (no partial file kept)")
                            + (driver == null ? "" : "; audio closed"));
                    err.flush();
                }
            } finally {
                hook.done();
            }
        }
        return 0;
    }

    /** JACK when a server runs, else Java Sound, else none (a headless machine): serving goes on either way. */
    private static AudioDriver openAudio(PrintWriter err) {
        try {
            return AudioDrivers.open("auto", AudioConfig.defaults("loophole"));
        } catch (AudioUnavailableException e) {
            err.println("note: " + e.getMessage() + " — serving without audio");
            return null;
        }
    }
}
