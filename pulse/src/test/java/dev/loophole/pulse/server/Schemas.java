package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.Protocol;
import dev.loophole.ipc.SchemaGenerator;
import dev.loophole.ipc.SchemaValidator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks frames seen on the wire against the generated schemas and records which messages were exercised. */
final class Schemas {
    final Set<String> requests = ConcurrentHashMap.newKeySet();
    final Set<String> notifications = ConcurrentHashMap.newKeySet();

    /** A notification frame: valid against its method's schema. */
    void notification(JsonNode frame) {
        Protocol.Method m = Protocol.method(frame.path("method").asText());
        assertThat(m).as("a notification of the protocol: " + frame).isNotNull();
        assertThat(SchemaValidator.violation(SchemaGenerator.notificationMessage(m), frame, "$")).as(frame.toString()).isNull();
        notifications.add(m.name());
    }

    /** A request's result: valid against the method's result schema. */
    void result(String method, JsonNode result) {
        Protocol.Method m = Protocol.method(method);
        var frame = dev.loophole.ipc.JsonRpc.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", 1);
        frame.set("result", result);
        assertThat(SchemaValidator.violation(SchemaGenerator.resultMessage(m), frame, "$")).as(method + " → " + result).isNull();
        requests.add(method);
    }

    /** Calls r at client c, checks the result against its schema and reads it as {@code type}. */
    <R> R call(dev.loophole.ipc.IpcClient c, dev.loophole.ipc.Request r, Class<R> type) {
        JsonNode result = c.call(r);
        result(Protocol.methodOf((Record) r).name(), result);
        return c.rpc().read(result, type);
    }
}
