package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.model.project.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client over its rate gets -32002 for what it sent too fast, nothing of it applied; the rest applies; it can go on afterwards. */
class FloodTest {
    @TempDir
    Path dir;

    @Test
    void aFloodIsRefusedPastTheRateAndNothingOfItApplies() throws Exception {
        int perSecond = 20;
        try (PulseServer server = new PulseServer(ServerConfig.defaults().withLimits(1 << 20, 100, perSecond), Project.empty("t"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(Fixtures.sfz(dir, "kit", 4).toString(), null));
            Thread.sleep(1100); // the bucket refills
            long before = server.onPulse(() -> server.pulse().revision());
            c.inbox().clear();
            int sent = 500;
            long t0 = System.nanoTime();
            var rpc = c.rpc();
            for (int i = 0; i < sent; i++)
                c.sendText(rpc.request(1_000_000 + i, new SamplerRequest.UpdateRegion("kit", "r1", new RegionFields(null, null, null, null, null, -(i % 40) * 0.5, null, null, null, null))));
            int ok = 0, limited = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (ok + limited < sent && System.currentTimeMillis() < deadline) {
                JsonNode n = c.next(5_000);
                if (n == null) break;
                if (n.has("result")) ok++;
                else if (n.has("error")) {
                    assertThat(n.get("error").get("code").asInt()).isEqualTo(RpcError.RATE_LIMITED);
                    assertThat(n.get("error").get("message").asText()).contains("20 messages a second");
                    limited++;
                }
            }
            // The server read the frames within this window (from the first send to the last answer).
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(ok + limited).isEqualTo(sent);
            // A full bucket (one second's worth) plus what refilled while sending; the rest refused.
            assertThat(ok).isBetween(perSecond, (int) Math.ceil(perSecond * (seconds + 1)) + 1);
            assertThat(limited).isPositive();
            // Exactly the answered edits applied: one revision each.
            assertThat(server.onPulse(() -> server.pulse().revision()) - before).isEqualTo(ok);
            Thread.sleep(1100);
            assertThat(c.call(new SamplerRequest.RequestProgramList(null)).get("programs").size()).isEqualTo(1);
        }
    }
}
