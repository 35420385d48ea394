package dev.loophole.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a MIDI file through instruments into a WAV file.",
        footer = {"", "Examples:",
                "  loophole render --midi song.mid --instrument keys.sfz --out song.wav",
                "  loophole render --midi song.mid --instrument 1=keys.sfz --instrument 10=drums.sfz --out song.wav --float"})
final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--midi", required = true, paramLabel = "SONG.mid", description = "Standard MIDI File (type 0 or 1).")
    Path midi;

    @Option(names = "--instrument", required = true, paramLabel = "[CH=]FILE", converter = InstrumentSpec.Converter.class,
            description = "Instrument for MIDI channel CH (1-16), or for every channel without CH. Repeatable.")
    List<InstrumentSpec> instruments;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "OUT.wav", description = "WAV file to write.")
    Path out;

    @Mixin RenderOptions render;

    @Option(names = "--strict", description = "Fail (exit 1, nothing written) when a sample is damaged: cut short, "
            + "holding values that are not audio, or without a usable frame. Without it these are warnings, counted in the summary.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        RenderJob.Options options = render.toJob();
        RenderJob.Summary s = new RenderJob(options, spec.commandLine().getErr()).strict(strict).run(midi, instruments, out);
        spec.commandLine().getOut().println(s.line());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
