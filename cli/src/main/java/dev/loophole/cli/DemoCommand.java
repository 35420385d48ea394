package dev.loophole.cli;

import dev.loophole.demo.DemoContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Render the demo song through the demo keys and drums into demo.wav.",
                "The demo instruments are synthesized by Loophole itself (licence-clean) and written as WAV + SFZ."})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"--out", "-o"}, defaultValue = "demo.wav", paramLabel = "OUT.wav", description = "WAV file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--content", paramLabel = "DIR",
            description = "Where the demo instruments and song are written (default: the user cache folder).")
    Path content;

    @Option(names = "--mpe", description = "Render the MPE demo instead: slides, vibrato and pressure swells, one member channel per note, through the demo keys.")
    boolean mpe;

    /** The command's model: its annotations, and the render options ({@link RenderOptions#addTo}). */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new DemoCommand());
        RenderOptions.addTo(SpecBuilder.onto(spec));
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        RenderJob.Options options = RenderOptions.job(spec);
        RenderJob.requireWritable(out);
        Path dir = content != null ? content : defaultContentDir();
        DemoContent.DemoFiles files = DemoContent.write(dir);
        // The MPE demo routes only the zone's manager channel: member-channel notes play through it.
        List<InstrumentSpec> instruments = mpe ? List.of(new InstrumentSpec(1, files.keysMpeSfz()))
                : List.of(new InstrumentSpec(1, files.keysSfz()), new InstrumentSpec(10, files.drumsSfz()));
        RenderJob.Summary s = new RenderJob(options, RenderJob.Mode.DEFAULT, spec.commandLine().getErr()).run(mpe ? files.mpeSong() : files.song(), instruments, out);
        spec.commandLine().getOut().println(s.line());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Path defaultContentDir() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("loophole").resolve("demo");
        Files.createDirectories(dir);
        return dir;
    }
}
