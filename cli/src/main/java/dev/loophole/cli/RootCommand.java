package dev.loophole.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loophole} command: picocli's root, with the subcommands ({@link Main} is the entry point). */
@Command(name = "loophole", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Loophole Instruments: samplers and virtual instruments of the Loophole DAW.")
final class RootCommand implements Runnable {
    /**
     * The subcommands by name, in the order {@code --help} lists them. picocli reflects over every command it is given
     * (options, mixins, nested subcommands) before parsing, so a command line that names one gets only that one: a
     * render starts without building the models of the nine others. Anything else (no command, {@code --help},
     * {@code help}, a misspelt name) gets them all, so help and suggestions are as before.
     */
    static final java.util.SequencedMap<String, Class<?>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("demo", DemoCommand.class);
        SUBCOMMANDS.put("render", RenderCommand.class);
        SUBCOMMANDS.put("project", ProjectCommand.class);
        SUBCOMMANDS.put("inspect", InspectCommand.class);
        SUBCOMMANDS.put("play", PlayCommand.class);
        SUBCOMMANDS.put("export", ExportCommand.class);
        SUBCOMMANDS.put("bench", BenchCommand.class);
        SUBCOMMANDS.put("serve", ServeCommand.class);
        SUBCOMMANDS.put("media", MediaCommand.class);
        SUBCOMMANDS.put("kit", KitCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (try `loophole demo` or `loophole --help`)");
    }

    /** Runs with the given output and error streams. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RootCommand());
        Class<?> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) cl.addSubcommand(args[0], named);
        else SUBCOMMANDS.forEach(cl::addSubcommand);
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
