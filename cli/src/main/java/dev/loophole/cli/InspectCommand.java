package dev.loophole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.media.AudioProblem;
import dev.loophole.model.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarize an instrument: regions, key and velocity coverage, articulations, labels, samples, warnings.",
        footer = {"", "Examples:", "  loophole inspect piano.sfz --map piano.svg", "  loophole inspect FluidR3_GM.sf2",
                "  loophole inspect FluidR3_GM.sf2 --program 128:0 --json"})
final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "An .sfz or .sf2 file.")
    Path file;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--map", paramLabel = "MAP.svg", description = "Draw the keyboard × velocity map of the regions as SVG.")
    Path map;

    @Option(names = "--program", paramLabel = "[BANK:]PROGRAM", description = "SoundFont preset to inspect (default: list them all).")
    String program;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Option(names = "--strict", description = "Exit 1 when a sample is damaged (cut short, or without a usable frame).")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sf2") || name.endsWith(".sf3")) return soundFont();
        Program p = InstrumentLoader.load(file);
        List<AudioProblem> damage = DamageReport.probe(InstrumentSummary.samplePaths(p));
        report(InstrumentSummary.of(file, p, damage));
        if (map != null) writeMap(p);
        return damaged(damage);
    }

    /** After the summary is out: with --strict, damage is a failure. */
    private int damaged(List<AudioProblem> damage) {
        spec.commandLine().getOut().flush();
        new DamageReport(() -> damage, spec.commandLine().getErr(), strict).failIfStrict("the instrument would not play as made");
        return 0;
    }

    private int soundFont() throws Exception {
        Sf2Bank bank = Sf2Importer.load(InputFiles.require(file, "a SoundFont bank (.sf2, .sf3)"));
        if (program == null) {
            List<PresetLine> presets = bank.presets().stream().map(PresetLine::of).toList();
            if (json) print(new BankSummary(file.toString(), bank.info().name(), presets));
            else {
                spec.commandLine().getOut().println(file + " — " + bank.info().name() + ": " + presets.size() + " presets");
                for (PresetLine l : presets) spec.commandLine().getOut().println("  " + l.text());
            }
            if (!bank.damage().isEmpty() && !json) {
                spec.commandLine().getOut().println("  damaged samples: " + bank.damage().size());
                bank.damage().forEach(d -> spec.commandLine().getOut().println("    damaged: " + d));
            }
            if (map != null && !bank.presets().isEmpty()) writeMap(bank.presets().getFirst().program());
            return damaged(bank.damage());
        }
        Sf2Preset preset = find(bank, program);
        report(InstrumentSummary.of(file, preset.program(), bank.damage()));
        if (map != null) writeMap(preset.program());
        return damaged(bank.damage());
    }

    static Sf2Preset find(Sf2Bank bank, String spec) {
        String[] parts = spec.split(":");
        try {
            int b = parts.length > 1 ? Integer.parseInt(parts[0]) : 0, p = Integer.parseInt(parts[parts.length - 1]);
            return bank.find(b, p).orElseThrow(() -> new Errors.UserError(bank.file() + ": no preset " + b + ":" + p + " (see `loophole inspect " + bank.file() + "`)"));
        } catch (NumberFormatException e) {
            throw new Errors.BadOption("--program " + spec + ": expected PROGRAM or BANK:PROGRAM, numbers");
        }
    }

    record BankSummary(String file, String name, List<PresetLine> presets) {}

    record PresetLine(int bank, int program, String name, int regions, String keys) {
        static PresetLine of(Sf2Preset p) {
            InstrumentSummary s = InstrumentSummary.of(Path.of(""), p.program());
            String keys = s.keys().lowest() < 0 ? "none"
                    : InstrumentSummary.NoteName.of(s.keys().lowest()) + ".." + InstrumentSummary.NoteName.of(s.keys().highest());
            return new PresetLine(p.bank(), p.preset(), p.name(), s.regions(), keys);
        }

        String text() { return String.format("%3d:%-3d %-24s %4d regions, keys %s", bank, program, name, regions, keys); }
    }

    private void report(InstrumentSummary s) throws Exception {
        if (json) print(s);
        else s.text().forEach(spec.commandLine().getOut()::println);
    }

    private void print(Object o) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(m.writeValueAsString(o));
    }

    private void writeMap(Program p) throws Exception {
        RenderJob.requireWritable(map);
        Files.writeString(map, KeyMapSvg.draw(p));
    }
}
