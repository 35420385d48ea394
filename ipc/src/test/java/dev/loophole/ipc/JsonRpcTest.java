package dev.loophole.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Decoding frames: JSON-RPC's envelope and batch rules, and params errors that name the field. */
class JsonRpcTest {
    private final JsonRpc rpc = new JsonRpc(10);

    private RpcError error(String frame) {
        Incoming in = rpc.decode(frame);
        return switch (in) {
            case Incoming.Invalid(RpcError e) -> e;
            case Incoming.Single(Incoming.Bad b) -> b.error();
            default -> throw new AssertionError("decoded without error: " + in);
        };
    }

    @Test
    void envelopeErrorsHaveTheStandardCodes() {
        assertThat(error("{\"jsonrpc\":\"2.0\",").code()).isEqualTo(-32700);
        assertThat(error("").code()).isEqualTo(-32700);
        assertThat(error("[]").code()).isEqualTo(-32600);
        assertThat(error("42").code()).isEqualTo(-32600);
        assertThat(error("{\"id\":1,\"method\":\"history.undo\"}").message()).contains("jsonrpc");
        assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"history.undo\"}").message()).contains("id must be");
        assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope.nothing\"}")).satisfies(e -> {
            assertThat(e.code()).isEqualTo(-32601);
            assertThat(e.message()).contains("nope.nothing");
        });
        // Notifications of the server are not methods a client may call.
        assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampler.regionList\",\"params\":{}}").code()).isEqualTo(-32601);
        assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"history.undo\",\"params\":[1]}").code()).isEqualTo(-32602);
        assertThat(error("[" + "{\"jsonrpc\":\"2.0\",\"method\":\"history.undo\"},".repeat(10) + "{\"jsonrpc\":\"2.0\",\"method\":\"history.undo\"}]").message()).contains("11");
        assertThat(error("[".repeat(200) + "]".repeat(200)).code()).isEqualTo(-32700);
    }

    @Test
    void paramErrorsNameTheFieldAndWhatWasExpected() {
        String upd = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"sampler.updateRegion\",\"params\":";
        assertThat(error(upd + "{\"programId\":\"p\",\"regionId\":\"r\",\"changes\":{\"loKey\":200}}}").message())
                .isEqualTo("sampler.updateRegion: params.changes.loKey: 200 is above the maximum 127");
        assertThat(error(upd + "{\"programId\":\"p\",\"regionId\":\"r\",\"changes\":{\"loKey\":\"low\"}}}").message())
                .isEqualTo("sampler.updateRegion: params.changes.loKey: expected an integer or null, got a string \"low\"");
        assertThat(error(upd + "{\"programId\":\"p\",\"changes\":{}}}").message()).endsWith("params: regionId is missing");
        assertThat(error(upd + "{\"programId\":\"p\",\"regionId\":\"r\",\"changes\":{},\"x\":1}}").message()).contains("params: x is not a field here");
        assertThat(error(upd + "{\"programId\":\"\",\"regionId\":\"r\",\"changes\":{}}}").message()).contains("params.programId: must not be shorter than 1");
        assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"instrument.setExpressionMapping\",\"params\":{\"programId\":\"p\",\"routes\":[{\"source\":\"SMELL\",\"target\":\"PITCH\",\"min\":0,\"max\":1}]}}").message())
                .contains("params.routes[0].source: \"SMELL\" is not one of");
    }

    @Test
    void aBatchKeepsItsOrderAndItsNotifications() {
        Incoming in = rpc.decode("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"history.undo\"},{\"jsonrpc\":\"2.0\",\"method\":\"history.redo\"},7,{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\"}]");
        assertThat(in).isInstanceOf(Incoming.Batch.class);
        List<Incoming.Item> items = ((Incoming.Batch) in).items();
        assertThat(items.get(0)).isInstanceOfSatisfying(Incoming.Call.class, c -> {
            assertThat(c.id().asText()).isEqualTo("a");
            assertThat(c.params()).isInstanceOf(HistoryRequest.Undo.class);
        });
        assertThat(items.get(1)).isInstanceOfSatisfying(Incoming.Call.class, c -> assertThat(c.expectsResponse()).isFalse());
        assertThat(items.get(2)).isInstanceOfSatisfying(Incoming.Bad.class, b -> assertThat(b.error().code()).isEqualTo(-32600));
        assertThat(items.get(3)).isInstanceOfSatisfying(Incoming.Bad.class, b -> {
            assertThat(b.error().code()).isEqualTo(-32601);
            assertThat(b.id().asInt()).isEqualTo(9);
        });
    }

    /**
     * Every documented request, mutated at random (a field dropped, retyped, pushed out of range or
     * added), is refused with -32602 naming the field — never decoded into a record.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mutatedRequestsAreRefusedNamingTheField(long seed) {
        Random random = new Random(seed);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<DocExamples.Example>> s : DocExamples.read().entrySet()) {
            Protocol.Method m = Protocol.method(s.getKey());
            if (m == null || !m.request()) continue;
            JsonNode request = s.getValue().getFirst().json();
            JsonNode schema = SchemaGenerator.record(m.params());
            for (int i = 0; i < 50; i++) {
                ObjectNode bad = request.deepCopy();
                String field = BadMessages.mutate(random, schema, bad.withObject("params"));
                if (field == null) continue;
                Incoming in = rpc.decode(bad.toString());
                if (!(in instanceof Incoming.Single(Incoming.Bad b)) || b.error().code() != RpcError.INVALID_PARAMS
                        || !b.error().message().contains(field))
                    problems.add(m.name() + " " + bad.get("params") + " → " + in + " (expected an error naming " + field + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void writesEnvelopes() {
        JsonNode n = rpc.tree(rpc.notification(new SamplerNotification.SampleStatus("p", "/x.wav", SamplerNotification.Status.MISSING)));
        assertThat(n.toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"sampler.sampleStatus\",\"params\":{\"programId\":\"p\",\"sample\":\"/x.wav\",\"status\":\"missing\"}}");
        assertThat(rpc.error(new TextNode("q"), new RpcError(-32001, "no region r9"))).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"error\":{\"code\":-32001,\"message\":\"no region r9\"}}");
        assertThat(rpc.error(null, new RpcError(-32700, "not JSON"))).contains("\"id\":null");
    }
}
