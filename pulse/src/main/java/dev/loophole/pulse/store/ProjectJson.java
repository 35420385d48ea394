package dev.loophole.pulse.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loophole.model.Program;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.NodeState;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The readable JSON form of a project ({@code docs/specs/project-json.md}) and of a Sampler
 * program (the node's state blob). Records map field by field; unknown fields are errors, so a
 * typo in a hand-edited file is reported rather than dropped. A document carries its format
 * version: an older one is migrated step by step ({@link JsonMigrations}), a newer one is refused
 * with both versions named, and optional fields left out take their documented defaults
 * ({@link JsonDefaults}).
 */
public final class ProjectJson {
    public static final String FORMAT = "loophole-project";
    /** The format version this build writes and the newest it reads; every older one is read too. */
    public static final int VERSION = JsonMigrations.current();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(NodeState.class, NodeStateMixin.class)
            .addMixIn(InstrumentNode.class, InstrumentNodeMixin.class)
            .addMixIn(Command.class, CommandMixin.class)
            .registerSubtypes(CommandJson.namedTypes())
            // Records are their fields: derived accessors (isBuiltin(), getX()) are not part of the data.
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Every field is written (null where absent), so a missing one is a typo or a cut file: say which.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    private static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);
    /** Binds a document as written with optional fields missing, only to find the line of an error the completed document has. */
    private static final ObjectMapper LOCATING = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ProjectJson() {}

    /** The configured mapper (mix-ins for the model's sealed types), for callers that embed model records in their own JSON. */
    public static ObjectMapper mapper() { return MAPPER; }

    /** The project as a readable document: {@code {"format", "version", "project"}}. */
    public static String write(Project project) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.set("project", MAPPER.valueToTree(project));
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write project JSON: " + e.getMessage(), e);
        }
    }

    public static void write(Project project, Path file) throws IOException {
        AtomicFiles.writeString(file, write(project));
    }

    /**
     * Reads a document written by {@link #write} (or by hand, or by an older build); {@code source}
     * names it in errors.
     */
    public static Project read(String json, String source) {
        JsonNode doc = tree(json, source);
        if (!doc.isObject() || !FORMAT.equals(doc.path("format").asText()))
            throw new ProjectFormatException(source + ": not a Loophole project (expected \"format\": \"" + FORMAT + "\")");
        JsonNode v = doc.get("version");
        if (v == null || !v.canConvertToExactIntegral() || v.asInt() < 1)
            throw new ProjectFormatException(source + ": \"version\" must be a whole number from 1 to " + VERSION + " (got " + (v == null ? "none" : v) + ")");
        int version = v.asInt();
        if (version > VERSION)
            throw new ProjectFormatException(source + ": project format version " + version + " is newer than this build reads (versions 1 to "
                    + VERSION + "); open it with a newer Loophole");
        if (!(doc.get("project") instanceof ObjectNode project)) throw new ProjectFormatException(source + ": no \"project\" object");
        JsonMigrations.migrate(project, version);
        boolean filled = JsonDefaults.fill(MAPPER, project);
        if (version == VERSION && !filled) return convert(MAPPER.readerFor(Project.class).at("/project"), json, source);
        // Migrated or completed: bound from the tree. The text as written, where it fails the same way, says the line too.
        try {
            return MAPPER.readerFor(Project.class).readValue(project);
        } catch (IOException e) {
            ProjectFormatException fromTree = failure(e, source);
            try {
                convert(LOCATING.readerFor(Project.class).at("/project"), json, source);
            } catch (ProjectFormatException fromText) {
                if (what(fromText, source).equals(what(fromTree, source))) throw fromText; // where the model saw it
            } catch (RuntimeException other) {
                // the text cannot be bound even leniently: place the tree's error by its path
            }
            JsonLocation at = e instanceof JsonMappingException jm ? locate(json, "/project" + pointer(jm)) : null;
            throw new ProjectFormatException(where(source, at) + what(fromTree, source), e);
        }
    }

    /** The JSON pointer of a binding error's place in the bound value. */
    private static String pointer(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath())
            if (r.getFieldName() != null) b.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            else if (r.getIndex() >= 0) b.append('/').append(r.getIndex());
        return b.toString();
    }

    /** Where in {@code json} the value at {@code pointer} is written, or the nearest value around it that is; null if none. */
    private static JsonLocation locate(String json, String pointer) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            JsonLocation best = null;
            int bestLength = -1;
            while (p.nextToken() != null) {
                String at = p.getParsingContext().pathAsPointer().toString();
                if (at.length() > bestLength && (pointer.equals(at) || pointer.startsWith(at + "/"))) {
                    best = p.currentTokenLocation();
                    bestLength = at.length();
                }
            }
            return best;
        } catch (IOException e) {
            return null;
        }
    }

    /** An error's message after its file (and line) prefix. */
    private static String what(ProjectFormatException e, String source) {
        String m = e.getMessage().substring(source.length());
        return m.replaceFirst("^(:\\d+:\\d+)?: ", "");
    }

    public static Project read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A Sampler program's state blob: compact JSON in UTF-8. */
    public static byte[] programBlob(Program program) {
        try {
            return COMPACT.writeValueAsBytes(program);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write program " + program.programId() + ": " + e.getMessage(), e);
        }
    }

    /** A state blob back into its Program; one written before a Program field was added takes that field's default. */
    public static Program program(byte[] blob, String source) {
        String json = new String(blob, StandardCharsets.UTF_8);
        JsonNode tree = tree(json, source);
        if (!JsonDefaults.fillProgram(MAPPER, tree)) return convert(MAPPER.readerFor(Program.class), json, source);
        return convert(MAPPER.readerFor(Program.class), tree, source);
    }

    static JsonNode tree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProjectFormatException(where(source, e.getLocation()) + e.getOriginalMessage(), e);
        }
    }

    /** Binds an assembled tree (rows of a project file): errors name the path in the document. */
    static <T> T convert(ObjectReader reader, JsonNode tree, String source) {
        try {
            return reader.readValue(tree);
        } catch (IOException e) {
            throw failure(e, source);
        }
    }

    /** Binds from the text (not from a tree) so errors carry the line and column in the file. */
    static <T> T convert(ObjectReader reader, String json, String source) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw failure(e, source);
        }
    }

    private static ProjectFormatException failure(IOException io, String source) {
        if (io instanceof JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String msg = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            if (msg.startsWith("Cannot map `null` into type")) msg = "a value is missing (expected a number)";
            if (msg.startsWith("Missing creator property")) msg = msg.replaceFirst("(?s)Missing creator property '([^']*)'.*", "missing field \"$1\"");
            if (e instanceof UnrecognizedPropertyException u)
                msg = "unknown field \"" + u.getPropertyName() + "\" (expected one of " + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList() + ")";
            return new ProjectFormatException(where(source, e.getLocation()) + msg + path(e), e);
        }
        return new ProjectFormatException(source + ": " + io.getMessage(), io);
    }

    /** " (at tracks[0].lanes[1].clips[0].notes[2])": where in the document, readable. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jm) || jm.getPath().isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : jm.getPath()) {
            if (r.getFieldName() != null) b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) b.append('[').append(r.getIndex()).append(']');
        }
        return b.isEmpty() ? "" : " (at " + b + ")";
    }

    static ObjectMapper compact() { return COMPACT; }

    private static String where(String source, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) return source + ": ";
        return source + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }
}
