package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A command line that names one subcommand gets only that one; help and the others behave as with all of them. */
class RootCommandTest {

    @Test
    void theTableNamesEachCommandAsItsAnnotationDoes() {
        RootCommand.SUBCOMMANDS.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
    }

    @Test
    void rootHelpListsEveryCommandInTheTablesOrder() {
        CliRun run = CliRun.of("--help");
        assertThat(run.status()).isZero();
        List<String> listed = run.out().lines().dropWhile(l -> !l.startsWith("Commands:")).skip(1)
                .filter(l -> l.matches("  \\S.*")).map(l -> l.strip().split("\\s+")[0]).toList(); // (wrapped descriptions indent deeper)
        // written out, not read from the table: a command dropped from the table must fail here
        assertThat(listed).containsExactly("demo", "render", "project", "inspect", "play", "export", "bench", "serve", "media", "kit", "help");
        assertThat(listed).containsExactlyElementsOf(RootCommand.SUBCOMMANDS.sequencedKeySet());
    }

    /** {@code help NAME} builds every command (the path before the table); {@code NAME --help} only its own. */
    @ParameterizedTest
    @ValueSource(strings = {"render", "media", "project", "kit", "play"})
    void aCommandsHelpIsTheSameBuiltAloneOrWithAllTheOthers(String name) {
        CliRun alone = CliRun.of(name, "--help"), all = CliRun.of("help", name);
        assertThat(alone.status()).isZero();
        assertThat(alone.out()).startsWith("Usage: loophole " + name).isEqualTo(all.out());
    }

    @Test
    void aMisspeltCommandStillGetsPicocliSuggestions() {
        CliRun run = CliRun.of("rendr", "--midi", "x.mid");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("rendr").contains("render");
    }
}
