package dev.loophole.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.model.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The IPC speed figures of BENCHMARKS.md, over real sockets (not a timed test: it prints, it does
 * not assert). Run:
 * {@code ./mvnw -B -q -pl pulse -am test -Dtest=IpcBenchmark -Dloophole.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "loophole.bench", matches = "true")
class IpcBenchmark {
    static final int SAMPLES = Integer.getInteger("loophole.bench.samples", 2_000);

    @Test
    void editRoundTripWithFourClients() throws Exception {
        Path dir = Files.createTempDirectory("ipc-bench");
        try (PulseServer server = new PulseServer(ServerConfig.defaults().withLimits(1 << 20, 100, 1_000_000), Project.empty("b"), null).start()) {
            List<IpcClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) clients.add(IpcClient.connect(server.webSocketUri()));
            clients.getFirst().call(new InstrumentRequest.LoadProgram(Fixtures.sfz(dir, "kit", 64).toString(), null));
            Thread.sleep(200);
            clients.forEach(c -> c.inbox().clear());
            // One edit at a time: client i edits, client i+1 waits for the notification of exactly that edit.
            long[] sequential = new long[SAMPLES];
            for (int s = -500; s < SAMPLES; s++) {
                IpcClient from = clients.get(Math.floorMod(s, 4)), to = clients.get(Math.floorMod(s + 1, 4));
                String label = "b" + s;
                long t0 = System.nanoTime();
                from.callAsync(new SamplerRequest.UpdateRegion("kit", "r" + (1 + Math.floorMod(s, 64)), new RegionFields(null, null, null, null, null, null, null, null, null, label)));
                awaitLabel(to, label);
                if (s >= 0) sequential[s] = System.nanoTime() - t0;
                for (IpcClient c : clients) c.inbox().clear();
            }
            report("edit round trip, one edit at a time (request → applied → notification at another client)", sequential);
            // All four at once: each client edits in a loop; latency to a fixed observer of each edit.
            long[] concurrent = concurrent(clients);
            report("edit round trip, 4 clients editing at once (to the notification at the next client)", concurrent);
            for (IpcClient c : clients) c.close();
        }
    }

    /** Each client edits in a loop; each edit's latency is until the next client has its notification (observed on that client's own reader). */
    private static long[] concurrent(List<IpcClient> clients) throws Exception {
        int per = SAMPLES / 4;
        java.util.Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        long[] out = new long[per * 4];
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 4; i++) {
            int me = i;
            Thread editor = new Thread(() -> {
                IpcClient from = clients.get(me);
                for (int s = 0; s < per; s++) {
                    String label = "c" + me + "-" + s;
                    sentAt.put(label, System.nanoTime());
                    from.call(new SamplerRequest.UpdateRegion("kit", "r" + (1 + me * 16 + s % 16), new RegionFields(null, null, null, null, null, null, null, null, null, label)));
                }
                done.countDown();
            });
            Thread observer = new Thread(() -> {
                IpcClient at = clients.get(me);
                String from = "c" + ((me + 3) % 4) + "-";
                int got = 0;
                while (got < per) {
                    JsonNode n = at.next(10_000);
                    if (n == null) break;
                    String label = n.path("params").path("region").path("label").asText();
                    if (!"sampler.regionUpdated".equals(n.path("method").asText()) || !label.startsWith(from)) continue;
                    long now = System.nanoTime();
                    out[me * per + Integer.parseInt(label.substring(from.length()))] = now - sentAt.get(label);
                    got++;
                }
                seen.addAndGet(got);
                done.countDown();
            });
            editor.start();
            observer.start();
        }
        done.await();
        if (seen.get() != out.length) throw new AssertionError("saw " + seen.get() + " of " + out.length);
        return out;
    }

    private static void awaitLabel(IpcClient c, String label) {
        while (true) {
            JsonNode n = c.next(10_000);
            if (n == null) throw new AssertionError("no notification for " + label);
            if ("sampler.regionUpdated".equals(n.path("method").asText()) && label.equals(n.path("params").path("region").path("label").asText())) return;
        }
    }

    @Test
    void aTwentyThousandRegionProgramLists() throws Exception {
        Path dir = Files.createTempDirectory("ipc-bench");
        Path sfz = Fixtures.sfz(dir, "big", 20_000);
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("b"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            long t0 = System.nanoTime();
            c.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            System.out.printf("load 20,000-region SFZ over IPC: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            Thread.sleep(300);
            c.inbox().clear();
            long[] times = new long[30];
            for (int i = -5; i < times.length; i++) {
                long s = System.nanoTime();
                c.call(new SamplerRequest.RequestProgramList("big"));
                while (true) {
                    JsonNode n = c.next(30_000);
                    if (n != null && "sampler.regionList".equals(n.path("method").asText())) {
                        if (n.get("params").get("regions").size() != 20_000) throw new AssertionError("not 20,000 regions");
                        break;
                    }
                }
                if (i >= 0) times[i] = System.nanoTime() - s;
                c.inbox().clear();
            }
            report("sampler.requestProgramList → sampler.regionList of 20,000 regions received and parsed", times);
            // The server's share: the list built from the model and written as one frame.
            long[] own = new long[30];
            int size = 0;
            for (int i = -5; i < own.length; i++) {
                long s = System.nanoTime();
                String frame = server.onPulse(() -> server.ipc().rpc().notification(
                        Wire.regionList(Workspace.find(server.pulse().project(), "big").program(), server.pulse().revision())));
                size = frame.length();
                if (i >= 0) own[i] = System.nanoTime() - s;
            }
            report("  of which the server builds and writes the 20,000-region frame", own);
            System.out.printf("  frame size %.1f MB%n", size / 1e6);
            // Where the rest goes: each stage alone, on this thread.
            var program = server.onPulse(() -> Workspace.find(server.pulse().project(), "big").program());
            var list = Wire.regionList(program, 1);
            String frame = server.ipc().rpc().notification(list);
            stage("  build the records (Wire.regionList)", () -> Wire.regionList(program, 1));
            stage("  write them as JSON text (Jackson)", () -> server.ipc().rpc().notification(list));
            stage("  encode the text as UTF-8 (what the socket sends)", () -> frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stage("  client: parse the frame into a JSON tree", () -> c.rpc().tree(frame));
            JsonNode tree = c.rpc().tree(frame);
            var plain = com.fasterxml.jackson.databind.json.JsonMapper.builder().serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build();
            var ours = dev.loophole.ipc.JsonRpc.mapper();
            long[] ta = new long[30], tb = new long[30];
            for (int i = -5; i < 30; i++) {
                long t1 = System.nanoTime();
                plain.writeValueAsString(list);
                long t2 = System.nanoTime();
                ours.writeValueAsString(list);
                long t3 = System.nanoTime();
                if (i >= 0) { ta[i] = t2 - t1; tb[i] = t3 - t2; }
            }
            report("  A/B Jackson's record serializer", ta);
            report("  A/B RegionInfoWriter", tb);
            stage("  client: read the tree into records", () -> c.rpc().read(tree.get("params"), dev.loophole.ipc.SamplerNotification.RegionList.class));
        }
    }

    private static void stage(String what, java.util.function.Supplier<?> work) {
        long[] t = new long[30];
        for (int i = -5; i < t.length; i++) {
            long s = System.nanoTime();
            work.get();
            if (i >= 0) t[i] = System.nanoTime() - s;
        }
        report(what, t);
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: n=%d median %.2f ms, p99 %.2f ms, max %.2f ms%n", what, s.length,
                s[s.length / 2] / 1e6, s[(int) Math.min(s.length - 1, Math.round(s.length * 0.99))] / 1e6, s[s.length - 1] / 1e6);
    }
}
