package dev.loophole.cli;

import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.importer.AudioFileImport;
import dev.loophole.pulse.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loophole project add-audio}: an audio file onto a new audio lane of a track, saved in place (one Pulse command). */
@Command(name = "add-audio", mixinStandardHelpOptions = true,
        description = "Put an audio file (WAV, AIFF, FLAC, Ogg) on a new audio lane of a track, at a bar.",
        footer = {"", "Examples:", "  loophole project add-audio song.loophole print.wav --track 1 --at 1",
                "  loophole project add-audio song.loophole drums.wav          (a new track, at bar 1)",
                "  loophole project add-audio song.loophole vox.flac --track Vocals --at 9 --beat 2"})
final class ProjectAddAudioCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SONG.loophole", description = "Project file (changed in place).")
    Path project;

    @Parameters(index = "1", paramLabel = "FILE", description = "Audio file to add.")
    Path file;

    @Option(names = "--track", paramLabel = "N|ID|NAME", description = "Track: its number (1-based), id or name (default: a new track named after the file).")
    String track;

    @Option(names = "--at", paramLabel = "BAR", description = "Bar the clip starts at, 1-based (default ${DEFAULT-VALUE}).", defaultValue = "1")
    int bar;

    @Option(names = "--beat", paramLabel = "BEATS", description = "Beats into that bar, 0-based, may be fractional (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double beat;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (bar < 1) throw new Errors.BadOption("--at " + bar + ": bars count from 1");
        if (!(beat >= 0)) throw new Errors.BadOption("--beat " + beat + ": expected 0 or more");
        InputFiles.require(file, "an audio file (WAV, AIFF, FLAC, Ogg)");
        Project p = ProjectFiles.load(project);
        Track t = track == null ? null : trackOf(p, track);
        try {
            var placed = AudioFileImport.onNewLane(p, t == null ? null : t.trackId(), file, AudioFileImport.tickOfBar(p, bar, beat));
            Pulse pulse = new Pulse(p);
            pulse.apply(placed.command());
            ProjectStore.save(pulse.project(), project);
            var info = placed.info();
            Track on = pulse.project().track(placed.trackId()).orElseThrow();
            spec.commandLine().getOut().printf("added %s (%.2f s, %d Hz, %d ch) to track \"%s\" on lane %s as clip %s at bar %d%s%n", file,
                    (double) info.frames() / info.sampleRate(), info.sampleRate(), info.channels(), on.name().isEmpty() ? on.trackId() : on.name(),
                    placed.laneId(), placed.clip().clipId(), bar, beat == 0 ? "" : " + " + beat + " beats");
        } catch (CommandException e) {
            throw new Errors.UserError(project + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private static Track trackOf(Project p, String which) {
        try {
            int n = Integer.parseInt(which);
            if (n < 1 || n > p.tracks().size())
                throw new Errors.BadOption("--track " + n + ": the project has " + p.tracks().size() + " track(s), numbered from 1");
            return p.tracks().get(n - 1);
        } catch (NumberFormatException notNumber) {
            return p.track(which).or(() -> p.tracks().stream().filter(t -> t.name().equals(which)).findFirst())
                    .orElseThrow(() -> new Errors.BadOption("--track " + which + ": no track with that id or name"));
        }
    }
}
