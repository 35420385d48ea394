package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed schema files under {@code docs/specs/ipc/pulse/schemas/}: one per request
 * ({@code METHOD.json}), its result ({@code METHOD.result.json}), one per notification, and
 * {@code error.json}. {@code main} rewrites them; a test fails when the committed ones are stale.
 */
public final class SchemaFiles {
    public static final String DIR = "docs/specs/ipc/pulse/schemas";

    private SchemaFiles() {
    }

    /** File name → schema text, for every message. */
    public static Map<String, String> all() {
        ObjectMapper pretty = JsonRpc.mapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, String> out = new LinkedHashMap<>();
        for (Protocol.Method m : Protocol.all().values()) {
            if (m.request()) {
                out.put(m.name() + ".json", text(pretty, SchemaGenerator.requestMessage(m)));
                out.put(m.name() + ".result.json", text(pretty, SchemaGenerator.resultMessage(m)));
            } else {
                out.put(m.name() + ".json", text(pretty, SchemaGenerator.notificationMessage(m)));
            }
        }
        out.put("error.json", text(pretty, SchemaGenerator.errorMessage()));
        return out;
    }

    private static String text(ObjectMapper pretty, JsonNode schema) {
        try {
            return pretty.writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every schema file under the given repository root (default: the current directory). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".").resolve(DIR);
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) Files.delete(p);
        }
        for (var e : all().entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue());
        System.out.println(all().size() + " schemas written to " + dir);
    }
}
