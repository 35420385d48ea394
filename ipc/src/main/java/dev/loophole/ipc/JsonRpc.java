package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jackson codec of the protocol: JSON-RPC 2.0 envelopes around the message records. Incoming
 * params are checked against the method's generated schema first (so an error names the field and
 * what was expected), then decoded; nothing a client sends reaches a handler unchecked.
 */
public final class JsonRpc {
    private static final Map<String, JsonNode> PARAM_SCHEMAS = new HashMap<>();
    private final ObjectMapper mapper;
    private final int maxBatch;

    public JsonRpc(int maxBatch) {
        this.maxBatch = maxBatch;
        this.mapper = mapper();
    }

    /** The mapper the protocol uses: strict on the way in, nulls left out on the way out. */
    public static ObjectMapper mapper() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        m.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("regions").addSerializer(RegionInfo.class, new RegionInfoWriter()));
        // Deep nesting is a cheap way to exhaust a parser's stack; no message of ours nests past a dozen.
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        return m;
    }

    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** Decodes one text frame. Never throws: whatever is wrong becomes an error item. */
    public Incoming decode(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Incoming.Invalid(new RpcError(RpcError.PARSE_ERROR, "not JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) return new Incoming.Invalid(new RpcError(RpcError.PARSE_ERROR, "not JSON: the message is empty"));
        if (root.isArray()) {
            if (root.isEmpty()) return new Incoming.Invalid(new RpcError(RpcError.INVALID_REQUEST, "an empty batch"));
            if (root.size() > maxBatch)
                return new Incoming.Invalid(new RpcError(RpcError.INVALID_REQUEST, "a batch of " + root.size() + " messages; the most is " + maxBatch));
            List<Incoming.Item> items = new ArrayList<>(root.size());
            for (JsonNode n : root) items.add(item(n));
            return new Incoming.Batch(items);
        }
        return new Incoming.Single(item(root));
    }

    private Incoming.Item item(JsonNode n) {
        if (!n.isObject()) return new Incoming.Bad(null, new RpcError(RpcError.INVALID_REQUEST, "a message must be a JSON object, not " + n.getNodeType().name().toLowerCase()), false);
        JsonNode id = n.get("id");
        boolean notification = !n.has("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull()))
            return bad(null, RpcError.INVALID_REQUEST, "id must be a string, an integer or null", false);
        if (id != null && id.isTextual() && id.asText().length() > 256)
            return bad(null, RpcError.INVALID_REQUEST, "id is longer than 256 characters", false);
        if (id != null && id.isIntegralNumber() && !id.canConvertToLong())
            return bad(null, RpcError.INVALID_REQUEST, "id is too large a number", false);
        if (!"2.0".equals(n.path("jsonrpc").asText(null)) || !n.get("jsonrpc").isTextual())
            return bad(id, RpcError.INVALID_REQUEST, "jsonrpc must be \"2.0\"", notification);
        JsonNode method = n.get("method");
        if (method == null || !method.isTextual())
            return bad(id, RpcError.INVALID_REQUEST, "method must be a string", notification);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("jsonrpc") && !f.equals("id") && !f.equals("method") && !f.equals("params"))
                return bad(id, RpcError.INVALID_REQUEST, "unknown member " + abbreviate(f) + " (a request has jsonrpc, id, method, params)", notification);
        }
        Protocol.Method m = Protocol.method(method.asText());
        if (m == null || !m.request())
            return bad(id, RpcError.METHOD_NOT_FOUND, "no method " + abbreviate(method.asText()), notification);
        JsonNode params = n.has("params") ? n.get("params") : mapper.createObjectNode();
        if (params.isNull()) params = mapper.createObjectNode();
        if (!params.isObject())
            return bad(id, RpcError.INVALID_PARAMS, "params of " + m.name() + " must be an object (by name)", notification);
        String violation = SchemaValidator.violation(paramSchema(m), params, "params");
        if (violation != null) return bad(id, RpcError.INVALID_PARAMS, m.name() + ": " + violation, notification);
        try {
            return new Incoming.Call(notification ? null : id, m, (Request) mapper.treeToValue(params, m.params()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return bad(id, RpcError.INVALID_PARAMS, m.name() + ": " + why, notification);
        }
    }

    private static Incoming.Bad bad(JsonNode id, int code, String message, boolean notification) {
        return new Incoming.Bad(id, new RpcError(code, message), notification);
    }

    private static JsonNode paramSchema(Protocol.Method m) {
        synchronized (PARAM_SCHEMAS) {
            return PARAM_SCHEMAS.computeIfAbsent(m.name(), k -> SchemaGenerator.record(m.params()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    // ---- writing ----

    /** Frames are written straight from the records (no intermediate tree): a 20,000-region list is one pass. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"jsonrpc", "id", "result"})
    private record ResultFrame(String jsonrpc, JsonNode id, Object result) {
    }

    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"jsonrpc", "method", "params"})
    private record NotificationFrame(String jsonrpc, String method, Object params) {
    }

    private String write(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame: " + e.getOriginalMessage(), e);
        }
    }

    public String result(JsonNode id, Object result) {
        return write(new ResultFrame("2.0", id, result));
    }

    public ObjectNode errorNode(JsonNode id, RpcError error) {
        ObjectNode o = envelope();
        o.set("id", id == null ? mapper.nullNode() : id);
        o.set("error", mapper.valueToTree(error));
        return o;
    }

    public String error(JsonNode id, RpcError error) {
        return errorNode(id, error).toString();
    }

    public String notification(Notification params) {
        return write(new NotificationFrame("2.0", Protocol.methodOf((Record) params).name(), params));
    }

    public String request(long id, Request params) {
        ObjectNode o = envelope();
        o.put("id", id);
        o.put("method", Protocol.methodOf((Record) params).name());
        o.set("params", mapper.valueToTree(params));
        return o.toString();
    }

    private ObjectNode envelope() {
        return mapper.createObjectNode().put("jsonrpc", "2.0");
    }

    /** Reads a server → client message's params or result into its record (clients and tests). */
    public <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    public JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
