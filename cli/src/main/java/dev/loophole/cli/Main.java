package dev.loophole.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loophole} command. */
@Command(name = "loophole", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Loophole Instruments: samplers and virtual instruments of the Loophole DAW.",
        subcommands = {DemoCommand.class, RenderCommand.class, ProjectCommand.class, InspectCommand.class, PlayCommand.class, ExportCommand.class, BenchCommand.class, ServeCommand.class, MediaCommand.class, KitCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (try `loophole demo` or `loophole --help`)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this in-process). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs with the given output and error streams. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
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
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"loophole " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
