package dev.loophole.cli;

import dev.loophole.formats.midi.SmfReader;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.AudioDrivers;
import dev.loophole.signal.driver.AudioUnavailableException;
import dev.loophole.signal.driver.DriverStats;
import dev.loophole.signal.driver.EngineCallback;
import dev.loophole.signal.driver.SongPlayer;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Play an instrument live through JACK (or Java Sound), from MIDI inputs or a MIDI file.",
        footer = {"", "Examples:",
                "  loophole play keys.sfz                          play from every hardware MIDI input; Ctrl-C stops",
                "  loophole play keys.sfz --midi-in 'a2j:Keystation'",
                "  loophole play keys.sfz --song song.mid          play a MIDI file in real time, then exit",
                "  loophole play song.loophole                     play a project from its start, then exit",
                "  loophole play kit.sfz --route 10=drums          MIDI channel 10 on ports drums_L/drums_R, the rest on out_L/out_R",
                "  loophole play kit.sfz --outputs main,drums --route 10=drums",
                "",
                "JACK ports (client 'loophole'): midi_in, and NAME_L/NAME_R for every output, in --outputs order. "
                        + "Without --outputs there is one output, 'out' (out_L/out_R), plus one per --route name. "
                        + "Only the first output is connected to the system's playback ports; connect the others yourself "
                        + "(jack_connect, qjackctl). Java Sound has one stereo line: every output is mixed into it.",
                "",
                "If the JACK server goes away, play keeps the instrument loaded and reconnects (same ports and "
                        + "connections) as soon as a server with the same name is back.",
                "",
                "Exit status: 0 when played, 1 on an error (files, audio), 2 for a wrong command line, 130 after "
                        + "Ctrl-C and 143 after SIGTERM (the summary is printed and the audio closed first)."})
final class PlayCommand implements Callable<Integer> {
    static final double PREROLL_SECONDS = 0.2;   // the song starts a little after the driver, so no event is late
    static final double MAX_TAIL_SECONDS = 30;   // held loops would never fall silent
    static final long STALL_NANOS = 5_000_000_000L;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTRUMENT.sfz|PROJECT",
            description = "The instrument to play (every MIDI channel), or a project (.loophole or .json) to play through its graph.")
    Path instrument;

    @Option(names = "--midi-in", paramLabel = "NAME",
            description = "Connect MIDI sources whose names contain NAME (repeatable). Default: every hardware MIDI source.")
    List<String> midiIn;

    @Option(names = "--song", paramLabel = "SONG.mid", description = "Play this MIDI file in real time, then exit after its release tail.")
    Path song;

    @Option(names = "--driver", paramLabel = "jack|javasound", description = "Audio backend (default: JACK if a server runs, else Java Sound).")
    String driverKind;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds.")
    Double seconds;

    @Option(names = "--jack-server", paramLabel = "NAME", description = "JACK server name (default: $JACK_DEFAULT_SERVER or 'default').")
    String jackServer;

    @Option(names = "--polyphony", defaultValue = "" + ProjectEngine.Settings.DEFAULT_POLYPHONY, description = "Voice cap (default: ${DEFAULT-VALUE}).")
    int polyphony;

    @Option(names = "--seed", defaultValue = "" + ProjectEngine.Settings.DEFAULT_SEED, description = "Seed for round-robin and random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--outputs", split = ",", paramLabel = "NAME",
            description = "Stereo outputs by name, the first is the main one (default: out, plus the --route names). JACK ports NAME_L, NAME_R.")
    List<String> outputs;

    @Option(names = "--route", paramLabel = "CHANNEL=OUTPUT",
            description = "Render MIDI channel CHANNEL (1-16) to output OUTPUT instead of the main one (repeatable).")
    List<String> routes;

    @Option(names = "--verbose", description = "Show every warning, and stack traces on errors.")
    boolean verbose;

    private volatile boolean stopRequested;

    /** The command's model: its annotations, and {@code --max-length} ({@link SongLength#addTo}). */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new PlayCommand());
        SongLength.addTo(SpecBuilder.onto(spec));
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (seconds != null && !(seconds > 0 && seconds <= SongLength.MAX_SECONDS))
            throw new Errors.BadOption("--seconds " + seconds + " is outside 0.." + (long) SongLength.MAX_SECONDS + " (more than 0)");
        if (polyphony < 1 || polyphony > RenderOptions.MAX_POLYPHONY)
            throw new Errors.BadOption("--polyphony " + polyphony + " is outside 1.." + RenderOptions.MAX_POLYPHONY + " voices");
        if (driverKind != null && !driverKind.equals("jack") && !driverKind.equals("javasound"))
            throw new Errors.BadOption("--driver " + driverKind + " is not known; expected jack or javasound");
        OutputRouting routing = OutputRouting.parse(outputs, routes);
        if (ProjectRenderJob.isProject(instrument)) return playProject(out, err);
        // Everything that can fail on the user's files fails before any audio opens.
        Program program = InstrumentLoader.load(instrument);
        MidiSong midi = song == null ? null : SmfReader.read(InputFiles.require(song, "a MIDI file (.mid)"));
        if (midi != null) {
            SongLength.check(song, midi, -1, SongLength.maxSeconds(spec));
            err.println(SongLength.describe(song, midi));
        }
        Warnings.print(err, program.diagnostics().stream().map(Diagnostic::toString).toList(), verbose);

        AudioConfig config = AudioConfig.defaults("loophole").withMidiInputs(midiIn == null ? List.of() : midiIn).withJackServer(jackServer)
                .withOutputs(routing.outputs()).withReconnect(true);
        AudioDriver driver;
        try {
            driver = AudioDrivers.open(driverKind, config);
        } catch (AudioUnavailableException e) {
            throw new Errors.UserError(driverKind == null ? e.getMessage() : "--driver " + driverKind + ": " + e.getMessage(), e);
        }
        StopHook hook = new StopHook("loophole-play-stop", () -> stopRequested = true);
        SongPlayer player = null;
        String failure = null;
        try {
            try {
                int rate = driver.sampleRate();
                Patch patch = new PatchCompiler(InstrumentLoader.samplesFromDisk(), rate).compile(program);
                Warnings.print(err, patch.warnings(), verbose);
                if (patch.regionCount() == 0) throw new Errors.UserError("nothing to play: " + InstrumentLoader.noRegion(instrument, program.regions().size()));
                Engine engine = new Engine(rate, AudioConfig.MAX_BLOCK);
                // One instrument per output bus: an instrument renders to one bus, so routed channels get their own voices.
                SamplerInstrument[] perBus = new SamplerInstrument[routing.outputs().size()];
                for (int c = 0; c < 16; c++) {
                    int bus = routing.busOf(c);
                    if (perBus[bus] == null) perBus[bus] = new SamplerInstrument(patch, rate, polyphony, seed);
                    engine.route(c, perBus[bus], bus);
                }
                hook.add();
                driver.start(new EngineCallback(engine));
                err.println("playing " + instrument.getFileName() + " through " + driver.describe()
                        + (midi == null && seconds == null ? "; Ctrl-C stops" : ""));
                err.flush();
                ReadyMark.reached();
                if (midi != null) {
                    player = new SongPlayer(driver, midi, PREROLL_SECONDS);
                    player.start();
                }
                SongPlayer p = player;
                failure = runUntilDone(driver, p == null ? () -> false
                        : () -> p.finished() && (driver.stats().voices() == 0 || driver.streamFrame() > p.lastEventFrame() + Math.round(MAX_TAIL_SECONDS * driver.sampleRate())), out);
            } finally {
                if (player != null) player.close();
                driver.close();
            }
            printSummary(driver, out);
        } finally {
            hook.done(); // after the summary: a Ctrl-C's hook waits for both (and at once where it failed)
        }
        if (failure != null) throw new Errors.UserError(failure);
        return 0;
    }

    /** The driver is closed: the line that says what was played. */
    private static void printSummary(AudioDriver driver, PrintWriter out) {
        if (Progress.onTerminal()) out.println();
        out.println(summary(driver));
        out.flush();
    }

    /**
     * A project, live: its graph and transport on the driver, played from the start until its last
     * event has rung out (or --seconds, or Ctrl-C). MIDI inputs play into the first lane.
     */
    private int playProject(PrintWriter out, PrintWriter err) throws Exception {
        if (song != null) throw new Errors.UserError("--song goes with an instrument; a project plays its own clips");
        if (routes != null || outputs != null) throw new Errors.UserError("--route and --outputs go with an instrument; a project mixes its tracks");
        dev.loophole.model.project.Project project = ProjectRenderJob.load(instrument);
        AudioConfig config = AudioConfig.defaults("loophole").withMidiInputs(midiIn == null ? List.of() : midiIn).withJackServer(jackServer)
                .withReconnect(true);
        AudioDriver driver;
        try {
            driver = AudioDrivers.open(driverKind, config);
        } catch (AudioUnavailableException e) {
            throw new Errors.UserError(driverKind == null ? e.getMessage() : "--driver " + driverKind + ": " + e.getMessage(), e);
        }
        String failure;
        List<String> warnings = new java.util.ArrayList<>();
        StopHook hook = new StopHook("loophole-play-stop", () -> stopRequested = true);
        try {
            try (ProjectEngine engine = new ProjectEngine(project, projectSettings(driver.sampleRate()), warnings::add)) {
                try {
                    Warnings.print(err, warnings, verbose);
                    long end = engine.endFrame();
                    engine.streamer().startLoader(); // live: samples stream on a loader thread, never on the audio thread
                    engine.transport().play();
                    hook.add();
                    driver.start(engine.callback());
                    err.println("playing " + instrument.getFileName() + " (" + project.tracks().size() + " tracks) through " + driver.describe());
                    err.flush();
                    ReadyMark.reached();
                    var transport = engine.transport();
                    failure = runUntilDone(driver, () -> transport.position() >= end
                            && (driver.stats().voices() == 0 || transport.position() > end + Math.round(MAX_TAIL_SECONDS * driver.sampleRate())), out);
                } finally {
                    driver.close(); // before the engine its callback renders is closed
                }
            } finally {
                driver.close(); // (again, at no cost: where the engine could not be made)
            }
            printSummary(driver, out);
        } finally {
            hook.done(); // after the summary: a Ctrl-C's hook waits for both (and at once where it failed)
        }
        if (failure != null) throw new Errors.UserError(failure);
        return 0;
    }

    /** A project's live settings at {@code rate}: the server's live engine's ({@link ProjectEngine.Settings#live}), with --polyphony and --seed. */
    ProjectEngine.Settings projectSettings(int rate) {
        return ProjectEngine.Settings.live(rate, polyphony, seed);
    }

    /** Waits for the end ({@code finished}, --seconds, Ctrl-C, or the backend going away); returns a failure or null. */
    private String runUntilDone(AudioDriver driver, java.util.function.BooleanSupplier finished, PrintWriter out) throws InterruptedException {
        boolean terminal = Progress.onTerminal();
        int rate = driver.sampleRate();
        long limit = seconds == null ? Long.MAX_VALUE : Math.round(seconds * rate);
        long lastFrame = -1, lastMove = System.nanoTime(), reconnectsSeen = 0;
        boolean away = false;
        while (!stopRequested) {
            if (!driver.isRunning()) return driver.stopReason() == null ? "the audio driver stopped" : driver.stopReason();
            long now = driver.streamFrame();
            DriverStats stats = driver.stats();
            if (stats.reconnecting() != away || stats.reconnects() != reconnectsSeen) { // said once per change, not every refresh
                away = stats.reconnecting();
                reconnectsSeen = stats.reconnects();
                if (!terminal) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(away ? stats.awayLine() : "reconnected to JACK (" + reconnectsSeen + " reconnects)");
                    err.flush();
                }
            }
            if (now != lastFrame || away) { lastFrame = now; lastMove = System.nanoTime(); }
            else if (System.nanoTime() - lastMove > STALL_NANOS) return "the audio driver stopped calling back (no block for 5 s)";
            if (now >= limit) break;
            if (finished.getAsBoolean()) break;
            if (terminal) {
                out.print("\r" + driver.stats().line() + "   ");
                out.flush();
            }
            Thread.sleep(200);
        }
        return null;
    }

    static String summary(AudioDriver driver) {
        DriverStats s = driver.stats();
        return String.format("played %.1f s via %s (%d blocks of %d frames at %d Hz): max %d voices, CPU max %.0f%% (block %d), %d xruns, %d underruns, %d late events%s",
                s.frames() / (double) driver.sampleRate(), driver.kind(), s.blocks(), driver.blockSize(), driver.sampleRate(), s.maxVoices(),
                100 * s.maxLoad(), s.maxLoadBlock(), s.xruns(), s.underruns(), s.lateEvents(),
                s.reconnects() == 0 ? "" : ", " + s.reconnects() + " reconnects");
    }
}
