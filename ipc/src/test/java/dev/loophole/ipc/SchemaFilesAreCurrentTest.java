package dev.loophole.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The committed schemas are what the records generate today (rewrite them with SchemaFiles' main). */
class SchemaFilesAreCurrentTest {
    @Test
    void committedSchemasMatchTheRecords() throws IOException {
        Path dir = Path.of("..").resolve(SchemaFiles.DIR);
        Map<String, String> committed = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) committed.put(p.getFileName().toString(), Files.readString(p));
        }
        assertThat(committed).as("run: java -cp … dev.loophole.ipc.SchemaFiles . from the repository root")
                .isEqualTo(new TreeMap<>(SchemaFiles.all()));
    }
}
