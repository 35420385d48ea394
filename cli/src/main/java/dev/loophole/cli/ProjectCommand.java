package dev.loophole.cli;

import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.pulse.store.ProjectJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loophole project new|import|info|export}: project files (one SQLite file each) and their readable JSON form. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Create, import, inspect and export projects (.loophole files); add audio files to them.",
        subcommands = {ProjectCommand.New.class, ProjectImportCommand.class, ProjectCommand.Info.class, ProjectCommand.Export.class,
                ProjectAddAudioCommand.class},
        footer = {"", "Examples:",
                "  loophole project import --midi song.mid --instrument 1=keys.sfz --instrument 10=kit.sfz --out song.loophole",
                "  loophole project info song.loophole",
                "  loophole project export song.loophole --json song.json",
                "  loophole project import --json song.json --out song.loophole",
                "  loophole project add-audio song.loophole print.wav --track 1 --at 5"})
final class ProjectCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a project command is needed: new, import, info, export or add-audio");
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Create an empty project file.")
    static final class New implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "OUT.loophole", description = "Project file to create.")
        Path out;

        @Option(names = "--name", description = "Project name (default: the file name).")
        String name;

        @Option(names = "--tempo", paramLabel = "BPM", description = "Tempo in beats per minute (default ${DEFAULT-VALUE}).", defaultValue = "120")
        double tempo;

        @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate (default ${DEFAULT-VALUE}).", defaultValue = "48000")
        int rate;

        @Option(names = "--ppq", paramLabel = "TICKS", description = "Ticks per quarter note (default ${DEFAULT-VALUE}).", defaultValue = "960")
        int ppq;

        @Option(names = "--force", description = "Replace an existing file.")
        boolean force;

        @Option(names = "--verbose", description = "Stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            if (!(tempo >= 10 && tempo <= 1000)) throw new CommandLine.ParameterException(spec.commandLine(), "--tempo " + tempo + " is outside 10..1000");
            Project p;
            try {
                p = new Project(name != null ? name : baseName(out), ppq, rate, TempoTrack.constant(tempo), List.of());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ProjectFiles.save(p, out, force);
            spec.commandLine().getOut().println("wrote " + out + ": empty project \"" + p.name() + "\", " + ProjectInfo.tempo(p) + ", " + rate + " Hz");
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show a project's tracks, lanes, clips, nodes and length.")
    static final class Info implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SONG.loophole", description = "Project file.")
        Path file;

        @Option(names = "--verbose", description = "Stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            Project p = ProjectFiles.load(file);
            ProjectInfo.print(file, p, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a project in its readable JSON form.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SONG.loophole", description = "Project file.")
        Path file;

        @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "JSON file to write.")
        Path json;

        @Option(names = "--force", description = "Replace an existing file.")
        boolean force;

        @Option(names = "--verbose", description = "Stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            Project p = ProjectFiles.load(file);
            ProjectFiles.requireNew(json, force);
            ProjectJson.write(p, json);
            spec.commandLine().getOut().println("wrote " + json + ": " + ProjectInfo.summary(p) + ", " + Files.size(json) + " bytes");
            return 0;
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
