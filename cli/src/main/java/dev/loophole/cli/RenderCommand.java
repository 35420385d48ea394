package dev.loophole.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code loophole render}. Its model is built in code ({@link SpecBuilder}), not read from annotations: every render
 * starts here, and the annotations' reflection was the largest piece of a one-note render's start.
 */
final class RenderCommand implements Callable<Integer> {
    private CommandSpec spec;

    static final int MAX_THREADS = 64;

    /** The command's model, with a fresh command to run. */
    static CommandSpec spec() {
        RenderCommand command = new RenderCommand();
        SpecBuilder b = SpecBuilder.of(command, "render", "Render a project, or a MIDI file through instruments, into a WAV file.");
        b.spec().usageMessage().footer("", "Examples:",
                "  loophole render song.loophole --out mix.wav --stems stems/",
                "  loophole render kit.loophole --out mix.wav --outputs outs/   (one WAV per pad/mic output)",
                "  loophole render --midi song.mid --instrument keys.sfz --out song.wav",
                "  loophole render --midi song.mid --instrument 1=keys.sfz --instrument 10=drums.sfz --out song.wav --float");
        b.spec().addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("PROJECT").type(Path.class)
                .description("A project (.loophole, or its .json form) to render: every track through its graph, lanes and clips.").build());
        b.option("--midi", Path.class, "SONG.mid", null, "Standard MIDI File (type 0 or 1), with --instrument.")
                .option(SpecBuilder.converted("--instrument", List.class, new InstrumentSpec.Converter(), "[CH=]FILE",
                        "Instrument for MIDI channel CH (1-16), or for every channel without CH. Repeatable.").auxiliaryTypes(InstrumentSpec.class))
                .option("--stems", Path.class, "DIR", null, "With a project: also write one WAV per track into DIR.")
                .option("--outputs", Path.class, "DIR", null, "With a project: also write one WAV per instrument output into DIR "
                        + "(each node's main output and every pad or mic output, alone, before any effect), to check a multi-out kit.")
                .option(OptionSpec.builder("--out", "-o").required(true).type(Path.class).paramLabel("OUT.wav").description("WAV file to write."));
        RenderOptions.addTo(b);
        b.flag("--strict", "Fail (exit 1, nothing written) when a sample is damaged: cut short, "
                + "holding values that are not audio, or without a usable frame. Without it these are warnings, counted in the summary.");
        b.option("--threads", Integer.class, "N", null, "Threads rendering each block's instruments side by side (a project's "
                + "instrument nodes and its tracks' effect chains, each --instrument, a SoundFont's programs), 1-" + MAX_THREADS
                + "; the output is the same bits for any N (default: 2 where the machine has a second core, else 1; "
                + "a helper that keeps the render waiting is left out for a while).");
        command.spec = b.spec();
        return b.spec();
    }

    @Override
    public Integer call() throws Exception {
        Path project = spec.positionalParameters().get(0).getValue(), midi = SpecBuilder.value(spec, "--midi");
        Path stems = SpecBuilder.value(spec, "--stems"), outputs = SpecBuilder.value(spec, "--outputs"), out = SpecBuilder.value(spec, "--out");
        List<InstrumentSpec> instruments = SpecBuilder.value(spec, "--instrument");
        if ((project == null) == (midi == null))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a PROJECT or --midi SONG.mid (with --instrument), not both or neither");
        if (midi != null && (instruments == null || instruments.isEmpty()))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--midi needs at least one --instrument");
        if (project != null && instruments != null)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--instrument goes with --midi; a project has its own instruments");
        if (midi != null && (stems != null || outputs != null))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (stems != null ? "--stems" : "--outputs") + " goes with a PROJECT");
        Integer threads = SpecBuilder.value(spec, "--threads");
        RenderJob.Options options = RenderOptions.job(spec);
        if (threads != null && (threads < 1 || threads > MAX_THREADS))
            throw new Errors.BadOption("--threads " + threads + " is outside 1.." + MAX_THREADS);
        int n = threads != null ? threads : dev.loophole.signal.engine.RenderWorkers.defaultThreads();
        RenderJob.Mode mode = new RenderJob.Mode(SpecBuilder.flag(spec, "--strict"), n);
        RenderJob.Summary s = project != null
                ? new ProjectRenderJob(options, mode, spec.commandLine().getErr()).run(project, out, stems, outputs)
                : new RenderJob(options, mode, spec.commandLine().getErr()).run(midi, instruments, out);
        spec.commandLine().getOut().println(s.line());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
