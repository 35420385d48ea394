package dev.loophole.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loophole} command: picocli's root, with the subcommands ({@link Main} is the entry point). */
@Command(name = "loophole", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Loophole Instruments: samplers and virtual instruments of the Loophole DAW.",
        subcommands = {DemoCommand.class, RenderCommand.class, ProjectCommand.class, InspectCommand.class, PlayCommand.class, ExportCommand.class, BenchCommand.class, ServeCommand.class, MediaCommand.class, KitCommand.class, CommandLine.HelpCommand.class})
final class RootCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (try `loophole demo` or `loophole --help`)");
    }

    /** Runs with the given output and error streams. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.registerConverter(Path.class, InputFiles::path);
        cl.setOut(out);
        cl.setErr(err);
        Errors errors = new Errors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        int status;
        try {
            status = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            status = Errors.unexpected(err, e, args);
        }
        out.flush();
        err.flush();
        return status;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {FastPath.versionLine()};
        }
    }
}
