package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded ways to make a valid params object invalid, driven by its schema; each names the field it broke. */
final class Mutations {
    private Mutations() {
    }

    /** Breaks one thing in {@code params} (in place) and returns the name of the field broken, or null when there was nothing to break. */
    static String mutate(Random random, JsonNode schema, ObjectNode params) {
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        int kind = random.nextInt(4);
        if (kind == 0 || fields.isEmpty()) {
            String name = "bogus" + random.nextInt(1000);
            params.put(name, 1);
            return name;
        }
        String f = fields.get(random.nextInt(fields.size()));
        JsonNode p = schema.get("properties").get(f);
        boolean required = false;
        for (JsonNode r : schema.path("required")) required |= r.asText().equals(f);
        String type = p.path("type").isArray() ? p.path("type").get(0).asText() : p.path("type").asText();
        if (kind == 1 && required) {
            params.remove(f);
            return f;
        }
        if (kind == 2 && (p.has("maximum") || p.has("maxLength"))) {
            if (p.has("maximum") && type.equals("integer")) params.put(f, p.get("maximum").asLong() + 1 + random.nextInt(1000));
            else if (p.has("maximum")) params.put(f, p.get("maximum").asDouble() * 2 + 1);
            else params.put(f, "x".repeat(p.get("maxLength").asInt() + 1));
            return f;
        }
        // Wrong type: a value of a kind the schema does not admit.
        switch (type) {
            case "string" -> params.put(f, 12);
            case "integer", "number" -> params.put(f, "12");
            case "boolean" -> params.put(f, "yes");
            case "array" -> params.put(f, "[]");
            case "object" -> params.put(f, true);
            default -> { params.put(f, 1); return f; }
        }
        return f;
    }
}
