package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.EditRequest.Created;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.ProjectNotification.RenderOutcome;
import dev.loophole.ipc.ProjectNotification.RenderProgress;
import dev.loophole.ipc.ProjectNotification.Rendered;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.model.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code project.render} is a job: it answers at once, edits are answered while it renders, progress comes
 * throttled, and a cancelled job leaves no file (nor part file) behind.
 */
class RenderJobsTest {
    @TempDir
    Path dir;

    @Test
    void withLiveSoundARenderJobLeavesTheAudioThreadACore() {
        // cores → threads: without a device as the command line's default; with one, a core stays the audio thread's
        int[][] cases = {{1, 1, 1}, {2, 2, 1}, {4, 2, 2}, {16, 2, 2}};
        for (int[] c : cases) {
            assertThat(RenderJobs.threadsBeside(false, c[0])).as("%d cores, no device", c[0]).isEqualTo(c[1]);
            assertThat(RenderJobs.threadsBeside(true, c[0])).as("%d cores, live sound", c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void editsAreAnsweredWhileARenderRunsAndACancelledRenderLeavesNothing() throws Exception {
        Path sfz = Fixtures.sfz(dir, "kit", 8);
        Path out = dir.resolve("long.wav");
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("r"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            String lane = server.onPulse(() -> server.pulse().project().tracks().getFirst().lanes().getFirst().laneId());
            String clip = c.call(new EditRequest.AddClip(lane, 0, 4, null), Created.class).id();
            c.call(new EditRequest.AddNote(clip, 36, 100, 0, 1));
            // An hour at 192 kHz: far longer than the edits below take (it is cancelled long before its end).
            long start = System.nanoTime();
            String job = c.call(new ProjectRequest.Render(out.toString(), 3600.0, 192000, null), ProjectRequest.RenderStarted.class).jobId();
            double answeredMs = (System.nanoTime() - start) / 1e6;
            RenderProgress first = c.expect(RenderProgress.class, 30_000);
            assertThat(first.jobId()).isEqualTo(job);
            assertThat(first.framesExpected()).isEqualTo(3600L * 192000);

            long[] trips = new long[50];
            for (int i = 0; i < trips.length; i++) {
                long t0 = System.nanoTime();
                c.call(new SamplerRequest.UpdateRegion("kit", "r" + (1 + i % 8), new RegionFields(null, null, null, null, null, null, null, null, null, "e" + i)));
                trips[i] = System.nanoTime() - t0;
            }
            // Still rendering after every edit was answered: a progress notification further on, and no end yet.
            List<JsonNode> seen = drain(c, 600);
            assertThat(seen).noneMatch(n -> "project.rendered".equals(n.path("method").asText()));
            List<Long> done = seen.stream().filter(n -> "project.renderProgress".equals(n.path("method").asText()))
                    .map(n -> n.path("params").path("framesDone").asLong()).toList();
            assertThat(done).as("progress went on during and after the edits").isNotEmpty();
            assertThat(done.getLast()).isGreaterThan(first.framesDone()).isLessThan(first.framesExpected());
            assertThat(Files.exists(out)).as("nothing at the target until the render is complete").isFalse();

            c.call(new ProjectRequest.CancelRender(job));
            Rendered end = c.expect(Rendered.class, 30_000);
            assertThat(end.jobId()).isEqualTo(job);
            assertThat(end.outcome()).isEqualTo(RenderOutcome.CANCELLED);
            assertThat(end.path()).isNull();
            assertThat(Files.exists(out)).isFalse();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part") || n.endsWith(".wav") && !n.equals("a440.wav"));
            }
            assertThatThrownBy(() -> c.call(new ProjectRequest.CancelRender(job)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));

            long[] s = trips.clone();
            Arrays.sort(s);
            System.out.printf("render answered in %.2f ms; edit round trips during the render: median %.2f ms, max %.2f ms%n",
                    answeredMs, s[s.length / 2] / 1e6, s[s.length - 1] / 1e6);
        }
    }

    @Test
    void progressIsThrottledAndARenderIntoNoFolderIsRefusedAtOnce() throws Exception {
        Path sfz = Fixtures.sfz(dir, "kit", 4);
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("r"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            assertThatThrownBy(() -> c.call(new ProjectRequest.Render(dir.resolve("no/such/folder.wav").toString(), 1.0, null, null)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                        assertThat(e.error().code()).isEqualTo(RpcError.REJECTED);
                        assertThat(e.error().message()).contains("folder");
                    });
            c.inbox().clear();
            long t0 = System.nanoTime();
            String job = c.call(new ProjectRequest.Render(dir.resolve("a.wav").toString(), 30.0, 48000, null), ProjectRequest.RenderStarted.class).jobId();
            List<Long> progressAt = new ArrayList<>();
            Rendered r = null;
            while (r == null) {
                JsonNode n = c.next(120_000);
                assertThat(n).as("the render ends").isNotNull();
                if ("project.renderProgress".equals(n.path("method").asText())) progressAt.add(System.nanoTime());
                if ("project.rendered".equals(n.path("method").asText())) r = c.rpc().read(n.get("params"), Rendered.class);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.jobId()).isEqualTo(job);
            assertThat(r.outcome()).isEqualTo(RenderOutcome.DONE);
            assertThat(r.frames()).isEqualTo(30L * 48000);
            assertThat(Files.size(dir.resolve("a.wav"))).isGreaterThan(r.frames() * 6);
            // At most one progress notification per throttle interval (one more for the interval the render ended in).
            assertThat(progressAt.size()).isLessThanOrEqualTo((int) (seconds * 1e9 / RenderJobs.PROGRESS_EVERY_NANOS) + 1);
            System.out.printf("30 s at 48 kHz rendered in %.2f s, %d progress notifications%n", seconds, progressAt.size());
        }
    }

    @Test
    void aRenderRacingAStopIsRefusedAsStoppingAndLeavesNoJobAndAClientCancelStaysTheClients() throws Exception {
        Path sfz = Fixtures.sfz(dir, "kit", 4);
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("r"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri());
             IpcClient racer = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            // A long job its client cancels just before the stop: its end is its client's cancel, not the stop's.
            String mine = c.call(new ProjectRequest.Render(dir.resolve("mine.wav").toString(), 3600.0, 192000, null), ProjectRequest.RenderStarted.class).jobId();
            c.expect(RenderProgress.class, 30_000);
            // Another client asks for renders (each queued behind that one) while the server stops.
            List<CompletableFuture<JsonNode>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(1);
            Thread asking = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300; i++) {
                    asked.add(racer.callAsync(new ProjectRequest.Render(dir.resolve("r" + i + ".wav").toString(), 0.01, 48000, null)));
                    if (i == 20) asked.getFirst().join(); // answered: the requests now stream in
                    if (i == 30) going.countDown();
                }
            });
            going.await();
            c.call(new ProjectRequest.CancelRender(mine));
            List<String> stopped = server.renders().stop();
            asking.join();

            int started = 0, refused = 0;
            for (CompletableFuture<JsonNode> f : asked) {
                try {
                    f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    started++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(IpcClient.Error.class, err -> {
                        assertThat(err.error().code()).as(err.error().message()).isEqualTo(RpcError.REJECTED);
                        assertThat(err.error().message()).isEqualTo("the server is stopping");
                    });
                    refused++;
                }
            }
            assertThatThrownBy(() -> racer.call(new ProjectRequest.Render(dir.resolve("late.wav").toString(), 0.01, 48000, null)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().message()).isEqualTo("the server is stopping"));
            assertThat(server.renders().running()).as("jobs left after the stop").isZero();
            assertThat(stopped).as("the stop's list").doesNotContain(mine);
            Rendered end = c.expect(Rendered.class, 10_000);
            assertThat(end.jobId()).isEqualTo(mine);
            assertThat(end.outcome()).isEqualTo(RenderOutcome.CANCELLED);
            assertThat(end.error()).as("cancelled by its client, not by the stop").isNull();
            // Every racing job that started ended with one project.rendered: done, or cancelled by the stop.
            List<Rendered> ends = new ArrayList<>();
            for (JsonNode n; (n = racer.next(started == ends.size() ? 300 : 10_000)) != null; )
                if ("project.rendered".equals(n.path("method").asText())) ends.add(racer.rpc().read(n.get("params"), Rendered.class));
            assertThat(ends).hasSize(started);
            assertThat(ends).allMatch(r -> r.outcome() == RenderOutcome.DONE || "the server is stopping".equals(r.error()));
            assertThat(stopped).hasSize((int) ends.stream().filter(r -> r.outcome() == RenderOutcome.CANCELLED).count());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no part file left").noneMatch(n -> n.endsWith(".part"));
            }
            System.out.printf("renders racing a stop: %d started, %d refused as stopping, %d cancelled by the stop%n", started, refused, stopped.size());
        }
    }

    /** Every frame that arrives within {@code ms}. */
    private static List<JsonNode> drain(IpcClient c, long ms) {
        List<JsonNode> out = new ArrayList<>();
        long end = System.currentTimeMillis() + ms;
        for (long left; (left = end - System.currentTimeMillis()) > 0; ) {
            JsonNode n = c.next(left);
            if (n != null) out.add(n);
        }
        return out;
    }
}
