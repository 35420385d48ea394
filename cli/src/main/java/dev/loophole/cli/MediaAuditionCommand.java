package dev.loophole.cli;

import dev.loophole.signal.audition.Auditioner;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.AudioDrivers;
import dev.loophole.signal.driver.AudioUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audition", mixinStandardHelpOptions = true,
        description = "Play a sample once through JACK (or Java Sound) at its own pitch. Starting an audition stops the one playing.",
        footer = {"", "The running audition's process id is kept in audition.pid beside the library; a new audition ends that process.",
                "Exit status: 0 when played (or stopped by a newer audition), 1 on an error."})
final class MediaAuditionCommand implements Callable<Integer> {
    static final long START_TIMEOUT_MS = 3000;

    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(index = "0", paramLabel = "PATH", description = "The sample file.")
    Path path;

    @Option(names = "--driver", paramLabel = "jack|javasound", description = "Audio backend (default: JACK if a server runs, else Java Sound).")
    String driverKind;

    @Option(names = "--jack-server", paramLabel = "NAME", description = "JACK server name (default: $JACK_DEFAULT_SERVER or 'default').")
    String jackServer;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(path)) throw new Errors.UserError(path + ": no such file");
        Path pidFile = library.path().toAbsolutePath().resolveSibling("audition.pid");
        stopPrevious(pidFile);
        AudioDriver driver;
        try {
            driver = AudioDrivers.open(driverKind, AudioConfig.defaults("loophole-audition").withJackServer(jackServer));
        } catch (AudioUnavailableException e) {
            throw new Errors.UserError(e.getMessage(), e);
        }
        try (Auditioner a = new Auditioner(driver, InstrumentLoader.samplesFromDisk())) {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            a.play(path);
            long start = System.currentTimeMillis();
            while (a.voices() == 0 && System.currentTimeMillis() - start < START_TIMEOUT_MS && driver.isRunning()) Thread.sleep(5);
            while (a.voices() > 0 && driver.isRunning()) Thread.sleep(10);
            spec.commandLine().getOut().println("auditioned " + path + " through " + driver.describe());
        } finally {
            clearPid(pidFile);
        }
        return 0;
    }

    /** Ends the process of the audition still playing, if any (it is ours only if its command line says so). */
    static void stopPrevious(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) return;
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            if (p.isPresent() && p.get().pid() != ProcessHandle.current().pid()
                    && p.get().info().commandLine().map(c -> c.contains("audition")).orElse(false)) {
                p.get().destroy();
                p.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException | NumberFormatException | InterruptedException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // no previous audition to stop
        }
    }

    private static void clearPid(Path pidFile) {
        try {
            if (Files.isRegularFile(pidFile) && Files.readString(pidFile).trim().equals(Long.toString(ProcessHandle.current().pid())))
                Files.delete(pidFile);
        } catch (IOException e) {
            // another audition took over the file
        }
    }
}
