package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded bad input for robustness tests and fuzzing: valid requests broken in every way a client
 * can break them, each with the error code the server must answer. Driven by the generated schemas,
 * so a new message is fuzzed as soon as it exists.
 */
public final class BadMessages {
    /** A frame to send, the code its answer must carry, and whether it gets an answer at all (a notification does not). */
    public record Bad(String text, int code, boolean answered, String what) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = JsonRpc.mapper();
    private static final java.util.Map<Protocol.Method, JsonNode> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private BadMessages() {
    }

    /** One bad frame made from one of the valid {@code requests} (whole JSON-RPC request objects with ids). */
    public static Bad next(Random random, List<ObjectNode> requests) {
        ObjectNode valid = requests.get(random.nextInt(requests.size()));
        String method = valid.get("method").asText();
        ObjectNode m = valid.deepCopy();
        m.put("id", random.nextInt(1_000_000));
        return switch (random.nextInt(10)) {
            case 0 -> {
                String t = m.toString();
                yield new Bad(t.substring(0, 1 + random.nextInt(t.length() - 2)), RpcError.PARSE_ERROR, true, "truncated JSON");
            }
            case 1 -> new Bad(garbage(random), RpcError.PARSE_ERROR, true, "not JSON");
            case 2 -> {
                m.put("jsonrpc", random.nextBoolean() ? "1.0" : "2");
                yield new Bad(m.toString(), RpcError.INVALID_REQUEST, true, "wrong jsonrpc");
            }
            case 3 -> {
                m.put("method", method + "X" + random.nextInt(100));
                yield new Bad(m.toString(), RpcError.METHOD_NOT_FOUND, true, "unknown method");
            }
            case 4 -> {
                m.remove("id");
                String field = mutate(random, Protocol.method(method), m.withObject("params"));
                yield new Bad(m.toString(), RpcError.INVALID_PARAMS, false, "bad notification " + field);
            }
            case 5 -> {
                m.putArray("params").add(1);
                yield new Bad(m.toString(), RpcError.INVALID_PARAMS, true, "params by position");
            }
            case 6 -> {
                m.set("id", m.objectNode().put("x", 1));
                yield new Bad(m.toString(), RpcError.INVALID_REQUEST, true, "id an object");
            }
            default -> {
                String field = mutate(random, Protocol.method(method), m.withObject("params"));
                yield new Bad(m.toString(), RpcError.INVALID_PARAMS, true, "bad params " + field);
            }
        };
    }

    private static String garbage(Random random) {
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "nul", "tru", "1e99999", "\\u12", "{\"a\":", "\u0000", "é", " "};
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) b.append(pieces[random.nextInt(pieces.length)]);
        try {
            MAPPER.readTree(b.toString());
            return b + "{"; // it happened to be JSON: not garbage enough
        } catch (java.io.IOException | RuntimeException notJson) {
            return b.toString();
        }
    }

    /** Breaks one thing in {@code params} (in place): returns the field broken. */
    public static String mutate(Random random, Protocol.Method method, ObjectNode params) {
        return mutate(random, SCHEMAS.computeIfAbsent(method, m -> SchemaGenerator.record(m.params())), params);
    }

    /** Breaks one thing in {@code params} (in place) against its schema: returns the name of the field broken. */
    public static String mutate(Random random, JsonNode schema, ObjectNode params) {
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
            if (p.has("maximum") && type.equals("integer")) params.put(f, p.get("maximum").bigIntegerValue().add(java.math.BigInteger.valueOf(1 + random.nextInt(1000))));
            else if (p.has("maximum")) params.put(f, p.get("maximum").asDouble() * 2 + 1);
            else params.put(f, "x".repeat(p.get("maxLength").asInt() + 1));
            return f;
        }
        switch (type) {
            case "string" -> params.put(f, 12);
            case "integer" -> params.put(f, random.nextBoolean() ? "12" : "1.5");
            case "number" -> params.put(f, "12");
            case "boolean" -> params.put(f, "yes");
            case "array" -> params.put(f, "[]");
            case "object" -> params.put(f, true);
            default -> params.put(f, 1);
        }
        return f;
    }
}
