package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks JSON against the subset of JSON Schema that {@link SchemaGenerator} writes: type (one or
 * several), const, enum, properties/required/additionalProperties, items, minimum/maximum,
 * minLength/maxLength, minItems/maxItems. A keyword it does not know is an error, so a schema cannot
 * silently say more than is checked. Returns the first violation with where it is, or null.
 */
public final class SchemaValidator {
    private static final java.util.Set<String> KNOWN = java.util.Set.of("$schema", "title", "description", "type",
            "const", "enum", "properties", "required", "additionalProperties", "items", "minimum", "maximum",
            "minLength", "maxLength", "minItems", "maxItems");

    private SchemaValidator() {
    }

    /** The first violation of {@code schema} by {@code value}, as "at: what", or null when it conforms. */
    public static String violation(JsonNode schema, JsonNode value, String at) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("schema keyword " + k + " at " + at + " is not supported");
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value))
            return at + ": expected " + describe(type) + ", got " + kind(value) + shortly(value);
        if (schema.has("const") && !schema.get("const").equals(value))
            return at + ": expected " + schema.get("const") + ", got " + shortly(value).strip();
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) found |= e.equals(value);
            if (!found) return at + ": " + shortly(value).strip() + " is not one of " + schema.get("enum");
        }
        if (value.isNumber()) return number(schema, value, at);
        if (value.isTextual()) {
            int n = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && n < schema.get("minLength").asInt()) return at + ": must not be shorter than " + schema.get("minLength") + " characters";
            if (schema.has("maxLength") && n > schema.get("maxLength").asInt()) return at + ": is " + n + " characters long, the most is " + schema.get("maxLength");
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) return at + ": needs at least " + schema.get("minItems") + " items";
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) return at + ": has " + value.size() + " items, the most is " + schema.get("maxItems");
            JsonNode items = schema.get("items");
            if (items != null) for (int i = 0; i < value.size(); i++) {
                String v = violation(items, value.get(i), at + "[" + i + "]");
                if (v != null) return v;
            }
        }
        if (value.isObject()) return object(schema, value, at);
        return null;
    }

    private static String object(JsonNode schema, JsonNode value, String at) {
        JsonNode props = schema.get("properties");
        if (schema.has("required")) for (JsonNode r : schema.get("required"))
            if (!value.has(r.asText())) return at + ": " + r.asText() + " is missing";
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = props == null ? null : props.get(e.getKey());
            if (p == null) {
                if (additional != null && additional.isBoolean() && !additional.asBoolean())
                    return at + ": " + abbreviate(e.getKey()) + " is not a field here" + (props == null ? "" : " (fields: " + names(props) + ")");
                if (additional != null && additional.isObject()) p = additional;
                else continue;
            }
            String v = violation(p, e.getValue(), at + "." + abbreviate(e.getKey()));
            if (v != null) return v;
        }
        return null;
    }

    private static String number(JsonNode schema, JsonNode value, String at) {
        double d = value.asDouble();
        if (schema.has("minimum") && compare(value, schema.get("minimum")) < 0) return at + ": " + value + " is below the minimum " + schema.get("minimum");
        if (schema.has("maximum") && compare(value, schema.get("maximum")) > 0) return at + ": " + value + " is above the maximum " + schema.get("maximum");
        if (!Double.isFinite(d)) return at + ": " + value + " is not a finite number";
        return null;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) return a.bigIntegerValue().compareTo(b.bigIntegerValue());
        return a.decimalValue().compareTo(b.decimalValue());
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isTextual()) return is(type.asText(), value);
        for (JsonNode t : type) if (is(t.asText(), value)) return true;
        return false;
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("unknown schema type " + type);
        };
    }

    private static String describe(JsonNode type) {
        if (type.isTextual()) return article(type.asText());
        StringBuilder b = new StringBuilder();
        for (JsonNode t : type) b.append(b.isEmpty() ? "" : " or ").append(article(t.asText()));
        return b.toString();
    }

    private static String article(String t) {
        return switch (t) {
            case "object", "array", "integer" -> "an " + t;
            case "null" -> "null";
            default -> "a " + t;
        };
    }

    private static String kind(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "an integer";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        return "null";
    }

    private static String shortly(JsonNode v) {
        if (v.isContainerNode() || v.isNull()) return "";
        return " " + abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    private static String names(JsonNode props) {
        StringBuilder b = new StringBuilder();
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) b.append(b.isEmpty() ? "" : ", ").append(it.next());
        return b.toString();
    }
}
