package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * JSON Schemas (draft 2020-12) generated from the message records, so schema and code cannot drift:
 * each component becomes a property; {@link Opt} leaves it out of {@code required} and admits null;
 * {@link Range} and {@link Size} become bounds. The server validates incoming params against these
 * same schemas before decoding them.
 */
public final class SchemaGenerator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private SchemaGenerator() {
    }

    /** The schema of a record as a JSON object. */
    public static ObjectNode record(Class<?> type) {
        ObjectNode s = F.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (RecordComponent c : type.getRecordComponents()) {
            ObjectNode p = of(c.getGenericType(), c.getAnnotation(Range.class), c.getAnnotation(Size.class));
            if (c.isAnnotationPresent(Opt.class)) admitNull(p);
            else required.add(c.getName());
            props.set(c.getName(), p);
        }
        if (!required.isEmpty()) s.set("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    /** The schema of a whole request message: the JSON-RPC envelope with its id and params. */
    public static ObjectNode requestMessage(Protocol.Method m) {
        return call(m, true);
    }

    /** The schema of the successful response to a request. */
    public static ObjectNode resultMessage(Protocol.Method m) {
        ObjectNode s = header(m.name() + " (result)", "The response to " + m.name() + ".");
        ObjectNode props = s.putObject("properties");
        props.putObject("jsonrpc").put("const", "2.0");
        props.set("id", idSchema());
        props.set("result", record(m.result()));
        s.set("required", F.arrayNode().add("jsonrpc").add("id").add("result"));
        s.put("additionalProperties", false);
        return s;
    }

    /** The schema of a notification message (no id). */
    public static ObjectNode notificationMessage(Protocol.Method m) {
        return call(m, false);
    }

    /** A method call: a request (with an id, params optional when none is required) or a notification (params required). */
    private static ObjectNode call(Protocol.Method m, boolean request) {
        ObjectNode s = header(m.name(), m.doc());
        ObjectNode props = s.putObject("properties");
        props.putObject("jsonrpc").put("const", "2.0");
        if (request) props.set("id", idSchema());
        props.putObject("method").put("const", m.name());
        props.set("params", record(m.params()));
        s.set("required", request ? F.arrayNode().add("jsonrpc").add("id").add("method") : F.arrayNode().add("jsonrpc").add("method").add("params"));
        s.put("additionalProperties", false);
        return s;
    }

    /** The schema of any error response. */
    public static ObjectNode errorMessage() {
        ObjectNode s = header("error", "An error response: the request failed and changed nothing.");
        ObjectNode props = s.putObject("properties");
        props.putObject("jsonrpc").put("const", "2.0");
        props.set("id", idSchema().deepCopy().set("type", F.arrayNode().add("string").add("integer").add("null")));
        props.set("error", record(RpcError.class));
        s.set("required", F.arrayNode().add("jsonrpc").add("id").add("error"));
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode header(String title, String doc) {
        return F.objectNode().put("$schema", DRAFT).put("title", title).put("description", doc).put("type", "object");
    }

    private static ObjectNode idSchema() {
        ObjectNode id = F.objectNode();
        id.set("type", F.arrayNode().add("string").add("integer"));
        return id.put("maxLength", 256);
    }

    private static void admitNull(ObjectNode p) {
        JsonNode t = p.get("type");
        if (t != null && t.isTextual()) p.set("type", F.arrayNode().add(t.asText()).add("null"));
        else if (t != null && t.isArray() && !contains((ArrayNode) t, "null")) ((ArrayNode) t).add("null");
    }

    private static boolean contains(ArrayNode a, String v) {
        for (JsonNode n : a) if (n.asText().equals(v)) return true;
        return false;
    }

    private static ObjectNode of(Type type, Range range, Size size) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            ObjectNode s = F.objectNode().put("type", "array");
            s.set("items", of(pt.getActualTypeArguments()[0], null, null));
            if (size != null && size.min() > 0) s.put("minItems", size.min());
            return s.put("maxItems", size == null ? Size.DEFAULT_LIST : size.max());
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            ObjectNode s = F.objectNode().put("type", "string");
            if (size != null && size.min() > 0) s.put("minLength", size.min());
            return s.put("maxLength", size == null ? Size.DEFAULT_STRING : size.max());
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return bounded("integer", range);
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) return bounded("number", range);
        if (c == boolean.class || c == Boolean.class) return F.objectNode().put("type", "boolean");
        if (c.isEnum()) {
            ObjectNode s = F.objectNode().put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object e : c.getEnumConstants()) values.add(jsonName((Enum<?>) e));
            return s;
        }
        if (c.isRecord()) return record(c);
        if (JsonNode.class.isAssignableFrom(c)) return F.objectNode();
        throw new IllegalArgumentException("no schema for " + type + ": use a record, a List, a String, a number, a boolean or an enum");
    }

    private static ObjectNode bounded(String type, Range range) {
        ObjectNode s = F.objectNode().put("type", type);
        if (range != null) {
            number(s, "minimum", range.min());
            number(s, "maximum", range.max());
        }
        return s;
    }

    private static void number(ObjectNode s, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) <= 9.2e18) s.put(key, v >= 9.2e18 ? Long.MAX_VALUE : (long) v);
        else s.put(key, v);
    }

    /** The name an enum constant has on the wire. */
    public static String jsonName(Enum<?> e) {
        try {
            JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
            return p == null ? e.name() : p.value();
        } catch (NoSuchFieldException x) {
            throw new IllegalStateException(x);
        }
    }
}
