package dev.loophole.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loophole kit …}: drum kits. */
@Command(name = "kit", mixinStandardHelpOptions = true, description = "Drum kits: make one from a folder of one-shots.",
        subcommands = {KitMakeCommand.class})
final class KitCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a kit command is needed (make)");
    }
}
