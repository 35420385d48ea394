package dev.loophole.pulse.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.loophole.pulse.command.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commands as JSON objects, for IPC and logs: {@code {"command": "AddNote", "clipId": …, "index": -1,
 * "note": {…}}}. The name is the command record's simple name; the fields are its components, in the
 * project JSON's form.
 */
public final class CommandJson {
    /** Every command record by its JSON name. */
    public static final Map<String, Class<? extends Command>> TYPES = leaves();

    private CommandJson() {}

    public static String write(Command command) {
        try {
            return ProjectJson.compact().writerFor(Command.class).writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + command.label() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a command; errors name {@code source}, the position and what was wrong. */
    public static Command read(String json, String source) {
        return ProjectJson.convert(ProjectJson.mapper().readerFor(Command.class), json, source);
    }

    static NamedType[] namedTypes() {
        List<NamedType> out = new ArrayList<>();
        TYPES.forEach((name, type) -> out.add(new NamedType(type, name)));
        return out.toArray(NamedType[]::new);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends Command>> leaves() {
        Map<String, Class<? extends Command>> out = new TreeMap<>();
        List<Class<?>> todo = new ArrayList<>(List.of(Command.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.removeLast();
            if (c.isSealed()) todo.addAll(List.of(c.getPermittedSubclasses()));
            else if (out.put(c.getSimpleName(), (Class<? extends Command>) c) != null)
                throw new IllegalStateException("two commands named " + c.getSimpleName());
        }
        return Map.copyOf(out);
    }
}
