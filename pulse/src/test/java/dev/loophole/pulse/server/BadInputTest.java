package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loophole.ipc.BadMessages;
import dev.loophole.ipc.ExpressionRoute;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.JsonRpc;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.Request;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded bad messages over a real socket — malformed JSON, wrong envelopes, unknown methods, wrong
 * types, out-of-range values, ids of nothing, edits the model refuses, oversized frames, bad
 * batches: each is answered with the right error (notifications with none), and afterwards the
 * project is exactly as it was, the connection open and the server answering.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** In-process: the server's own decoding, limits and dispatch, without WebSocket framing. */
    @Test
    void aHundredThousandBadMessagesInProcess() throws Exception {
        run(Integer.getInteger("loophole.badMessages", 100_000), false);
    }

    /** The same over a real socket (the opt-in stress profile sends 100,000). */
    @Test
    void badMessagesOverTheSocket() throws Exception {
        run(Integer.getInteger("loophole.badSocketMessages", 5_000), true);
    }

    private void run(int count, boolean socket) throws Exception {
        ServerConfig config = ServerConfig.defaults().withLimits(1 << 20, 100, 10_000_000);
        try (PulseServer server = new PulseServer(config, Project.empty("t"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(Fixtures.sfz(dir, "kit", 8).toString(), null));
            c.call(new SamplerRequest.UpdateRegion("kit", "r1", new RegionFields(null, null, null, null, null, -3.0, null, null, null, null)));
            Project before = server.onPulse(() -> server.pulse().project());
            long revision = server.onPulse(() -> server.pulse().revision());
            c.inbox().clear();
            Channel ch = socket ? Channel.socket(server) : Channel.inProcess(server);

            JsonRpc rpc = c.rpc();
            List<ObjectNode> valid = new ArrayList<>();
            for (Request r : List.<Request>of(new SessionRequest.Initialize("x", 1),
                    new InstrumentRequest.LoadProgram(dir.resolve("kit.sfz").toString(), "other"),
                    new InstrumentRequest.SaveProgram("kit", dir.resolve("x.sfz").toString()),
                    new InstrumentRequest.SetExpressionMapping("kit", List.of(new ExpressionRoute(ExpressionDimension.PRESSURE, null, ExpressionMapping.Target.AMPLITUDE, null, 0, 6, null, null, null))),
                    new SamplerRequest.AddSampleRegion("kit", "g1", "/a.wav", new RegionFields(1, 2, 3, 4, 60, 0.0, 0.0, 0.0, 0, "l")),
                    new SamplerRequest.UpdateRegion("kit", "r2", new RegionFields(1, 2, 3, 4, 60, 0.0, 0.0, 0.0, 0, "l")),
                    new SamplerRequest.RemoveRegion("kit", "r3"), new SamplerRequest.AssignSample("kit", "r4", "/b.wav"),
                    new SamplerRequest.RequestProgramList("kit"), new HistoryRequest.Undo()))
                valid.add((ObjectNode) rpc.tree(rpc.request(1, r)));

            Random random = new Random(20261207);
            Map<Integer, Integer> expected = new TreeMap<>();
            int answered = 0;
            for (int i = 0; i < count; i++) {
                String text;
                int code;
                boolean answers = true;
                int kind = random.nextInt(100);
                if (kind < 4) { // an id of nothing, well formed otherwise
                    text = rpc.request(i, random.nextBoolean() ? new SamplerRequest.RemoveRegion("kit", "r" + (100 + random.nextInt(1000)))
                            : new SamplerRequest.AssignSample("nope" + random.nextInt(9), "r1", "/c.wav"));
                    code = RpcError.NOT_FOUND;
                } else if (kind < 7) { // well formed, but the model refuses it: low key above high key
                    int lo = 1 + random.nextInt(127);
                    text = rpc.request(i, new SamplerRequest.UpdateRegion("kit", "r" + (1 + random.nextInt(8)),
                            new RegionFields(lo, random.nextInt(lo), null, null, null, null, null, null, null, null)));
                    code = RpcError.INVALID_PARAMS;
                } else if (kind < 8) { // a batch: one array answer, of its requests' errors
                    StringBuilder b = new StringBuilder("[");
                    int n = 1 + random.nextInt(5);
                    int inBatch = 0;
                    for (int k = 0; k < n; k++) {
                        BadMessages.Bad bad = BadMessages.next(random, valid);
                        boolean parseable = bad.code() != RpcError.PARSE_ERROR;
                        String item = parseable ? bad.text() : "17";
                        int itemCode = parseable ? bad.code() : RpcError.INVALID_REQUEST;
                        b.append(k == 0 ? "" : ",").append(item);
                        if (bad.answered() || !parseable) { expected.merge(itemCode, 1, Integer::sum); inBatch++; }
                    }
                    ch.send(b.append(']').toString());
                    if (inBatch > 0) answered++;
                    continue;
                } else if (i % 2_000 == 1_999) { // oversized
                    text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"history.undo\",\"params\":{\"pad\":\"" + "x".repeat(config.maxMessageBytes()) + "\"}}";
                    code = RpcError.TOO_LARGE;
                } else {
                    BadMessages.Bad bad = BadMessages.next(random, valid);
                    text = bad.text();
                    code = bad.code();
                    answers = bad.answered();
                }
                ch.send(text);
                if (answers) {
                    expected.merge(code, 1, Integer::sum);
                    answered++;
                }
            }
            Map<Integer, Integer> got = new TreeMap<>();
            for (int i = 0; i < answered; i++) {
                JsonNode r = ch.next(30_000);
                assertThat(r).as("answer " + i + " of " + answered).isNotNull();
                if (r.isArray()) for (JsonNode item : r) got.merge(item.get("error").get("code").asInt(), 1, Integer::sum);
                else {
                    assertThat(r.has("error")).as(r.toString()).isTrue();
                    got.merge(r.get("error").get("code").asInt(), 1, Integer::sum);
                }
            }
            assertThat(got).isEqualTo(expected);
            assertThat(ch.next(200)).as("nothing more").isNull();

            ch.close();
            assertThat(c.isOpen()).isTrue();
            assertThat(c.call(new SamplerRequest.RequestProgramList(null)).get("programs").size()).isEqualTo(1);
            assertThat(server.onPulse(() -> server.pulse().revision())).isEqualTo(revision);
            assertThat(server.onPulse(() -> server.pulse().project())).isEqualTo(before);
            assertThat(expected.keySet()).contains(-32700, -32600, -32601, -32602, -32001, -32003);
        }
    }
}
