package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the message sections (### `method`) and their JSON examples out of docs/specs/ipc/pulse/*.md. */
final class DocExamples {
    static final Path DOCS = Path.of("..", "docs", "specs", "ipc", "pulse");
    private static final Pattern HEADING = Pattern.compile("^### `([^`]+)`\\s*$");

    /** One example: the file and line it starts on, and its JSON. */
    record Example(String where, JsonNode json) {
    }

    private DocExamples() {
    }

    /** Section name → its examples, across every doc file; a name documented twice is an error. */
    static Map<String, List<Example>> read() {
        Map<String, List<Example>> out = new LinkedHashMap<>();
        try (var files = Files.list(DOCS)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) read(md, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void read(Path md, Map<String, List<Example>> out) throws IOException {
        List<String> lines = Files.readAllLines(md);
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADING.matcher(lines.get(i));
            if (h.matches()) {
                section = h.group(1);
                if (out.put(section, new ArrayList<>()) != null) throw new IllegalStateException(section + " is documented twice (" + md.getFileName() + ":" + (i + 1) + ")");
            } else if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                section = null;
            } else if (lines.get(i).equals("```json")) {
                int start = i + 1;
                StringBuilder b = new StringBuilder();
                while (!lines.get(++i).equals("```")) b.append(lines.get(i)).append('\n');
                String where = md.getFileName() + ":" + start;
                if (section == null) throw new IllegalStateException("a JSON example outside a message section at " + where);
                out.get(section).add(new Example(where, JsonRpc.mapper().readTree(b.toString())));
            }
        }
    }
}
