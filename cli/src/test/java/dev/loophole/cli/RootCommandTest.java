package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A command line that names one subcommand gets only that one; help and the others behave as with all of them. */
class RootCommandTest {

    /** A subcommand's -V / --version prints the same line as the root's (it printed nothing). */
    @Test
    void everySubcommandsVersionOptionPrintsTheVersionLine() {
        String line = FastPath.versionLine();
        for (String[] args : new String[][] {{"render", "-V"}, {"render", "--version"}, {"demo", "-V"}, {"media", "add", "--version"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.out().strip()).as(String.join(" ", args)).isEqualTo(line);
        }
    }

    @Test
    void theTableNamesEachCommandAsItsModelDoes() {
        RootCommand.SUBCOMMANDS.forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandSpec().name()).as(name).isEqualTo(name));
    }

    /**
     * The root's and render's models are built in code: a render's command line reads no annotation (each annotation
     * type read spins a proxy class at run time). Checked in a child JVM's class-load
     * log, on a command line that gets as far as the render's own checks (the MIDI file does not exist).
     */
    @Test
    void aRenderCommandLineReadsNoAnnotation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String missing = dir.resolve("missing.mid").toString();
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "render", "--midi", missing, "--instrument", "1=" + dir.resolve("a.sfz"), "--out", dir.resolve("x.wav").toString(),
                "--rate", "44100", "--float", "--max-length", "10m", "--tail", "1")
                .redirectErrorStream(true).start();
        String child = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(child).isEqualTo(1);
        List<String> lines = child.lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("loophole: " + missing + ": no such file")); // it parsed and ran render
        assertThat(lines).anyMatch(l -> l.contains(" picocli.CommandLine ")); // the log is the one we think
        assertThat(lines).noneMatch(l -> l.contains("$Proxy")); // an annotation's instance is a proxy
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
