package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.ExpressionRoute;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.JsonRpc;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RegionInfo;
import dev.loophole.ipc.Request;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients, one truth: four clients make seeded random edits at once (add, update, remove,
 * assign, expression mapping, undo, redo — each other's regions included), each keeping its view
 * only from the notifications it receives. At the end every view equals the server's project.
 */
class ManyClientsTest {
    @TempDir
    Path dir;

    static final int CLIENTS = 4;
    static final int EDITS = Integer.getInteger("loophole.editsPerClient", 1_000);

    /** What a client knows, from notifications alone. */
    static final class View {
        final Map<String, RegionInfo> regions = new TreeMap<>();
        List<ExpressionRoute> mapping = List.of();
        long revision;

        void apply(JsonNode n, JsonRpc rpc) {
            switch (n.path("method").asText()) {
                case "sampler.regionList" -> {
                    var l = rpc.read(n.get("params"), SamplerNotification.RegionList.class);
                    regions.clear();
                    l.regions().forEach(r -> regions.put(r.regionId(), r));
                }
                case "sampler.regionUpdated" -> {
                    var u = rpc.read(n.get("params"), SamplerNotification.RegionUpdated.class);
                    if (u.change() == SamplerNotification.Change.REMOVED) regions.remove(u.region().regionId());
                    else regions.put(u.region().regionId(), u.region());
                }
                case "instrument.capabilities" -> mapping = rpc.read(n.get("params"), InstrumentNotification.Capabilities.class).expressionMapping();
                case "project.changed" -> revision = rpc.read(n.get("params"), ProjectNotification.Changed.class).history().revision();
                default -> { }
            }
        }
    }

    @Test
    void everyClientsViewEqualsTheServersProject() throws Exception {
        ServerConfig config = ServerConfig.defaults().withLimits(1 << 20, 100, 1_000_000);
        try (PulseServer server = new PulseServer(config, Project.empty("t"), null).start()) {
            Path sfz = Fixtures.sfz(dir, "kit", 16);
            List<IpcClient> clients = new ArrayList<>();
            List<View> views = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(IpcClient.connect(server.webSocketUri()));
                views.add(new View());
            }
            clients.getFirst().call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            for (int i = 0; i < CLIENTS; i++) {
                clients.get(i).call(new SamplerRequest.RequestProgramList("kit"));
                drain(clients.get(i), views.get(i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<int[]>> outcomes = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                IpcClient c = clients.get(i);
                View v = views.get(i);
                long seed = 1000 + i;
                outcomes.add(pool.submit(() -> edit(c, v, new Random(seed))));
            }
            int applied = 0, refused = 0;
            for (Future<int[]> f : outcomes) {
                int[] r = f.get();
                applied += r[0];
                refused += r[1];
            }
            pool.shutdown();
            for (int i = 0; i < CLIENTS; i++) drain(clients.get(i), views.get(i));

            Map<String, RegionInfo> truth = server.onPulse(() -> regions(server.pulse().project()));
            List<ExpressionRoute> truthMapping = server.onPulse(() -> Wire.routes(Workspace.find(server.pulse().project(), "kit").program().expression()));
            long revision = server.onPulse(() -> server.pulse().revision());
            for (View v : views) {
                assertThat(v.regions).isEqualTo(truth);
                assertThat(v.mapping).isEqualTo(truthMapping);
                assertThat(v.revision).isEqualTo(revision);
            }
            assertThat(applied).as("most edits apply").isGreaterThan(CLIENTS * EDITS / 2);
            assertThat(applied + refused).isEqualTo(CLIENTS * EDITS);
            for (IpcClient c : clients) c.close();
        }
    }

    /** Regions of the server's program, read from the model directly (not from any notification). */
    private static Map<String, RegionInfo> regions(Project p) {
        Program prog = Workspace.find(p, "kit").program();
        Map<String, RegionInfo> m = new TreeMap<>();
        for (SampleGroup g : prog.groups()) for (SampleRegion r : g.regions()) m.put(r.regionId(), Wire.region(g.groupId(), r));
        return m;
    }

    /** After this, every notification sent to c before now has been applied to v. */
    private static void drain(IpcClient c, View v) {
        c.call(new SessionRequest.Initialize(null, null));
        for (JsonNode n; (n = c.inbox().poll()) != null; ) v.apply(n, c.rpc());
    }

    /** Seeded edits; returns {applied, refused (a region another client removed, nothing to undo…)}. */
    private static int[] edit(IpcClient c, View v, Random random) {
        int applied = 0, refused = 0;
        for (int i = 0; i < EDITS; i++) {
            for (JsonNode n; (n = c.inbox().poll()) != null; ) v.apply(n, c.rpc());
            List<String> known = new ArrayList<>(v.regions.keySet());
            String some = known.isEmpty() ? "r1" : known.get(random.nextInt(known.size()));
            int lo = random.nextInt(100);
            Request r = switch (random.nextInt(10)) {
                case 0, 1 -> new SamplerRequest.AddSampleRegion("kit", null, "/s/" + random.nextInt(50) + ".wav",
                        new RegionFields(lo, lo + random.nextInt(28), null, null, null, null, null, null, null, null));
                case 2, 3, 4 -> new SamplerRequest.UpdateRegion("kit", some, new RegionFields(null, null, lo % 60 + 1, lo % 60 + 1 + random.nextInt(60),
                        random.nextInt(128), -random.nextInt(40) * 0.5, random.nextInt(201) - 100.0, null, null, "e" + i));
                case 5 -> new SamplerRequest.RemoveRegion("kit", some);
                case 6 -> new SamplerRequest.AssignSample("kit", some, "/s/" + random.nextInt(50) + ".wav");
                case 7 -> new InstrumentRequest.SetExpressionMapping("kit", List.of(new ExpressionRoute(ExpressionDimension.PRESSURE, null,
                        ExpressionMapping.Target.AMPLITUDE, null, 0, random.nextInt(12), null, null, null)));
                case 8 -> new HistoryRequest.Undo();
                default -> new HistoryRequest.Redo();
            };
            try {
                c.call(r);
                applied++;
            } catch (IpcClient.Error e) {
                int code = e.error().code();
                assertThat(code).as(e.getMessage()).isIn(RpcError.NOT_FOUND, RpcError.REJECTED);
                refused++;
            }
        }
        return new int[] {applied, refused};
    }
}
