package dev.loophole.cli;

import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.importer.MidiProjectImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loophole project import}: a MIDI file (with instruments per channel) or a project's JSON form, as a project file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a project file from a MIDI file (one track per channel, its notes and controllers as clips) or from a project's JSON form.",
        footer = {"", "Examples:",
                "  loophole project import --midi song.mid --instrument 1=keys.sfz --instrument 10=kit.sfz --out song.loophole",
                "  loophole project import --midi gm.mid --instrument FluidR3_GM.sf2 --out gm.loophole",
                "  loophole project import --json song.json --out song.loophole"})
final class ProjectImportCommand implements Callable<Integer> {
    private static final int MAX_WARNINGS = 10;

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--midi", paramLabel = "SONG.mid", description = "Standard MIDI File (type 0 or 1).")
        Path midi;

        @Option(names = "--json", paramLabel = "SONG.json", description = "A project in its JSON form (see `project export`).")
        Path json;
    }

    @Option(names = "--instrument", paramLabel = "[CH=]FILE", converter = InstrumentSpec.Converter.class,
            description = "With --midi: instrument (.sfz, .sf2) for MIDI channel CH (1-16), or for every channel without CH. Repeatable.")
    List<InstrumentSpec> instruments = new ArrayList<>();

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "OUT.loophole", description = "Project file to write.")
    Path out;

    @Option(names = "--name", description = "Project name (default: the source file's name).")
    String name;

    @Option(names = "--force", description = "Replace an existing project file.")
    boolean force;

    @Option(names = "--verbose", description = "List every warning; stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ProjectFiles.requireNew(out, force);
        Project project;
        if (source.json != null) {
            if (!instruments.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "--instrument goes with --midi, not --json");
            project = ProjectFiles.loadJson(source.json);
            if (name != null) project = project.withName(name);
        } else {
            MidiSong song = SmfReader.read(InputFiles.require(source.midi, "a MIDI file (.mid)"));
            Chooser chooser = new Chooser(instruments);
            MidiProjectImport.Result r;
            try {
                r = MidiProjectImport.toProject(song, name != null ? name : ProjectCommand.baseName(source.midi), chooser);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            List<String> warnings = new ArrayList<>(chooser.warnings);
            warnings.addAll(r.warnings());
            report(err, warnings);
            project = r.project();
        }
        ProjectFiles.save(project, out, force);
        spec.commandLine().getOut().println("wrote " + out + ": " + ProjectInfo.summary(project));
        return 0;
    }

    private void report(PrintWriter err, List<String> warnings) {
        int shown = 0;
        for (String w : warnings) {
            if (!verbose && shown == MAX_WARNINGS) {
                err.println("warning: … and " + (warnings.size() - MAX_WARNINGS) + " more (--verbose shows all)");
                break;
            }
            err.println(w.contains("warning:") ? w : "warning: " + w);
            shown++;
        }
        err.flush();
    }

    /** The instrument of each channel: the file given for it (or for all channels); a SoundFont's preset by the song's selection. */
    static final class Chooser implements MidiProjectImport.Instruments {
        private final List<InstrumentSpec> specs;
        private final Map<Path, Program> programs = new HashMap<>();
        private final Map<Path, Sf2Bank> banks = new HashMap<>();
        final List<String> warnings = new ArrayList<>();

        Chooser(List<InstrumentSpec> specs) { this.specs = specs; }

        @Override
        public MidiProjectImport.Instrument forChannel(int channel, int bank, int program) {
            Optional<InstrumentSpec> spec = specs.stream().filter(s -> s.channel() == channel).reduce((a, b) -> b)
                    .or(() -> specs.stream().filter(s -> s.channel() == InstrumentSpec.ALL).reduce((a, b) -> b));
            if (spec.isEmpty()) return null;
            Path file = spec.get().file();
            try {
                if (InstrumentLoader.isSoundFont(file)) return preset(file, bank, program);
                Program p = programs.get(file);
                if (p == null) {
                    p = InstrumentLoader.load(file);
                    programs.put(file, p);
                    p.diagnostics().stream().map(Diagnostic::toString).forEach(warnings::add);
                }
                return new MidiProjectImport.Instrument(ProjectCommand.baseName(file), p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private MidiProjectImport.Instrument preset(Path file, int bank, int program) throws IOException {
            Sf2Bank b = banks.get(file);
            if (b == null) {
                b = Sf2Importer.load(InputFiles.require(file, "a SoundFont bank (.sf2, .sf3)"));
                banks.put(file, b);
                b.diagnostics().stream().map(Diagnostic::toString).forEach(warnings::add);
            }
            int wantBank = Math.max(bank, 0), wantProgram = Math.max(program, 0);
            boolean drums = wantBank == 128;
            Sf2Bank bk = b;
            Optional<Sf2Preset> found = bk.find(wantBank, wantProgram).or(() -> bk.find(drums ? 128 : 0, drums ? 0 : wantProgram));
            if (found.isEmpty()) {
                warnings.add(file + ": no preset " + wantBank + ":" + wantProgram + " (nor a fallback) for the channel; it stays silent");
                return null;
            }
            return new MidiProjectImport.Instrument(found.get().name(), found.get().program());
        }
    }
}
