package dev.loophole.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a project, or a MIDI file through instruments, into a WAV file.",
        footer = {"", "Examples:",
                "  loophole render song.loophole --out mix.wav --stems stems/",
                "  loophole render kit.loophole --out mix.wav --outputs outs/   (one WAV per pad/mic output)",
                "  loophole render --midi song.mid --instrument keys.sfz --out song.wav",
                "  loophole render --midi song.mid --instrument 1=keys.sfz --instrument 10=drums.sfz --out song.wav --float"})
final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT",
            description = "A project (.loophole, or its .json form) to render: every track through its graph, lanes and clips.")
    Path project;

    @Option(names = "--midi", paramLabel = "SONG.mid", description = "Standard MIDI File (type 0 or 1), with --instrument.")
    Path midi;

    @Option(names = "--instrument", paramLabel = "[CH=]FILE", converter = InstrumentSpec.Converter.class,
            description = "Instrument for MIDI channel CH (1-16), or for every channel without CH. Repeatable.")
    List<InstrumentSpec> instruments;

    @Option(names = "--stems", paramLabel = "DIR", description = "With a project: also write one WAV per track into DIR.")
    Path stems;

    @Option(names = "--outputs", paramLabel = "DIR", description = "With a project: also write one WAV per instrument output into DIR "
            + "(each node's main output and every pad or mic output, alone, before any effect), to check a multi-out kit.")
    Path outputs;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "OUT.wav", description = "WAV file to write.")
    Path out;

    @Mixin RenderOptions render;

    @Option(names = "--strict", description = "Fail (exit 1, nothing written) when a sample is damaged: cut short, "
            + "holding values that are not audio, or without a usable frame. Without it these are warnings, counted in the summary.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Threads rendering a SoundFont's programs (--midi), 1-"
            + MAX_THREADS + "; the output is the same bits for any N (default: 2 where the machine has a second core, else 1).")
    Integer threads;

    static final int MAX_THREADS = 64;

    @Override
    public Integer call() throws Exception {
        if ((project == null) == (midi == null))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a PROJECT or --midi SONG.mid (with --instrument), not both or neither");
        if (midi != null && (instruments == null || instruments.isEmpty()))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--midi needs at least one --instrument");
        if (project != null && instruments != null)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--instrument goes with --midi; a project has its own instruments");
        if (midi != null && (stems != null || outputs != null))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (stems != null ? "--stems" : "--outputs") + " goes with a PROJECT");
        RenderJob.Options options = render.toJob();
        if (threads != null && (threads < 1 || threads > MAX_THREADS))
            throw new Errors.BadOption("--threads " + threads + " is outside 1.." + MAX_THREADS);
        RenderJob.Summary s = project != null
                ? new ProjectRenderJob(options, spec.commandLine().getErr()).run(project, out, stems, outputs)
                : new RenderJob(options, spec.commandLine().getErr()).strict(strict).threads(threads != null ? threads : RenderJob.defaultThreads()).run(midi, instruments, out);
        spec.commandLine().getOut().println(s.line());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
