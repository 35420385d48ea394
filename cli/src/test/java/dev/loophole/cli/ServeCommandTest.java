package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.SessionRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `loophole serve` as a user runs it: a process whose first line is the URL, answering on it, stopped by a signal, having saved nothing. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheUrlFirstServesItAndSavesNothing() throws Exception {
        Path project = dir.resolve("p.loophole");
        dev.loophole.pulse.store.ProjectStore.save(dev.loophole.model.project.Project.empty("song"), project);
        long modified = Files.getLastModifiedTime(project).toMillis();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "dev.loophole.cli.Main", "serve", project.toString(), "--no-audio").redirectErrorStream(false);
        // serve opens the user's library by default: a private one here, so the test never touches the real one.
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher m = Pattern.compile("Loophole serving at http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{32})").matcher(first);
            assertThat(m.matches()).as(first).isTrue();
            try (IpcClient c = IpcClient.connect(URI.create("ws://127.0.0.1:" + m.group(1) + "/ipc?token=" + m.group(2)))) {
                var info = c.call(new SessionRequest.Initialize("test", 1), SessionRequest.ServerInfo.class);
                assertThat(info.project().name()).isEqualTo("song");
                assertThat(info.project().path()).isEqualTo(project.toAbsolutePath().toString());
                // The default library, opened and empty: search answers with no hits.
                assertThat(c.call(new dev.loophole.ipc.MediaRequest.Search("kick", null), dev.loophole.ipc.MediaRequest.Hits.class).hits()).isEmpty();
                assertThat(dir.resolve("data/loophole/library.db")).isRegularFile();
                c.call(new dev.loophole.ipc.ProjectRequest.New("changed"));
            }
            String err = new String(p.getErrorStream().readNBytes(p.getErrorStream().available()), StandardCharsets.UTF_8);
            assertThat(err).doesNotContain("SLF4J").doesNotContain("INFO");
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.getLastModifiedTime(project).toMillis()).isEqualTo(modified);
    }
}
