package dev.loophole.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code loophole} command: picocli's root, with the subcommands ({@link Main} is the entry point). Its model is
 * built in code ({@link SpecBuilder}): every command line builds it.
 */
final class RootCommand implements Runnable {
    /**
     * The subcommands by name, in the order {@code --help} lists them. picocli reflects over every command it is given
     * (options, mixins, nested subcommands) before parsing, so a command line that names one gets only that one: a
     * render starts without building the models of the nine others. Anything else (no command, {@code --help},
     * {@code help}, a misspelt name) gets them all, so help and suggestions are as before.
     */
    static final java.util.SequencedMap<String, Supplier<Object>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        // An annotated command as its class (picocli reflects over it); one with options added in code as its model.
        SUBCOMMANDS.put("demo", DemoCommand::spec);
        SUBCOMMANDS.put("render", RenderCommand::spec);
        SUBCOMMANDS.put("project", () -> ProjectCommand.class);
        SUBCOMMANDS.put("inspect", () -> InspectCommand.class);
        SUBCOMMANDS.put("play", PlayCommand::spec);
        SUBCOMMANDS.put("export", () -> ExportCommand.class);
        SUBCOMMANDS.put("bench", () -> BenchCommand.class);
        SUBCOMMANDS.put("serve", () -> ServeCommand.class);
        SUBCOMMANDS.put("media", () -> MediaCommand.class);
        SUBCOMMANDS.put("kit", () -> KitCommand.class);
        SUBCOMMANDS.put("help", () -> CommandLine.HelpCommand.class);
    }

    private CommandSpec spec;

    /** The root's model, with a fresh root to run. */
    static CommandSpec spec() {
        RootCommand root = new RootCommand();
        root.spec = SpecBuilder.of(root, "loophole", "Loophole Instruments: samplers and virtual instruments of the Loophole DAW.").spec();
        root.spec.versionProvider(new Version());
        return root.spec;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (try `loophole demo` or `loophole --help`)");
    }

    /** Every subcommand's {@code -V}/{@code --version} prints the root's line (picocli prints nothing for one without). */
    private static void shareVersion(CommandLine command, CommandLine.IVersionProvider version) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.versionProvider() == null && spec.version().length == 0) spec.versionProvider(version);
            shareVersion(sub, version);
        }
    }

    /** Runs with the given output and error streams. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(spec());
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) cl.addSubcommand(args[0], named.get());
        else SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        shareVersion(cl, cl.getCommandSpec().versionProvider());
        cl.registerConverter(Path.class, new PathConverter());
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

    /** A named class, not {@code InputFiles::path}: a lambda of picocli's interface would be spun at every start. */
    static final class PathConverter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return InputFiles.path(value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {FastPath.versionLine()};
        }
    }
}
