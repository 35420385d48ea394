package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.EditRequest.Created;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.Point;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.RpcError;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracks, lanes, nodes, parameters, clips, notes and expression curves over IPC: each is one Pulse step, seen by the other client, undone by either. */
class EditsOverIpcTest {
    @Test
    void structuralEditsReachThePulseModelAndTheOtherClient() throws Exception {
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("e"), null).start();
             IpcClient a = IpcClient.connect(server.webSocketUri());
             IpcClient b = IpcClient.connect(server.webSocketUri())) {
            String track = a.call(new EditRequest.AddTrack("Keys"), Created.class).id();
            ProjectNotification.Changed seen = b.expect(ProjectNotification.Changed.class, 10_000);
            assertThat(seen.entity()).isEqualTo("track");
            assertThat(seen.id()).isEqualTo(track);
            assertThat(seen.value().get("name").asText()).isEqualTo("Keys");

            String lane = a.call(new EditRequest.AddLane(track, "RH"), Created.class).id();
            String node = a.call(new EditRequest.AddNode(track, EditRequest.NodeKind.SAMPLER, "pads"), Created.class).id();
            a.call(new EditRequest.RouteLane(lane, List.of(node)));
            a.call(new EditRequest.SetParameter(node, "volume", -6));
            String clip = a.call(new EditRequest.AddClip(lane, 4, 8, null), Created.class).id();
            a.call(new EditRequest.AutomateParameter(clip, node, "volume", List.of(new Point(0, -12), new Point(4, 0))));
            long note = Long.parseLong(a.call(new EditRequest.AddNote(clip, 60, 100, 0.5, 1), Created.class).id());
            a.call(new EditRequest.UpdateNote(clip, note, 62, null, null, 0.25));
            a.call(new EditRequest.SetExpressionCurve(clip, note, ExpressionDimension.PITCH, List.of(new Point(0, 0), new Point(0.25, 0.5))));

            Project p = server.onPulse(() -> server.pulse().project());
            int tpq = p.ticksPerQuarter();
            assertThat(p.lane(lane).orElseThrow().lane().targets()).singleElement().satisfies(t -> assertThat(t.nodeId()).isEqualTo(node));
            assertThat(p.instruments()).singleElement().satisfies(n -> assertThat(n.value("volume")).isEqualTo(-6));
            Clip c = p.clip(clip).orElseThrow().clip();
            assertThat(c.start()).isEqualTo(4L * tpq);
            assertThat(c.length()).isEqualTo(8L * tpq);
            assertThat(c.automation()).singleElement().satisfies(cur -> assertThat(cur.points().get(1).tick()).isEqualTo(4L * tpq));
            Note n = c.note(note).orElseThrow();
            assertThat(List.of(n.key(), (int) n.start(), (int) n.length())).containsExactly(62, tpq / 2, tpq / 4);
            assertThat(n.expression()).singleElement().satisfies(e -> assertThat(e.points().get(1).value()).isEqualTo(0.5));

            // Ids of nothing, and values the model refuses, change nothing.
            long revision = server.onPulse(() -> server.pulse().revision());
            assertThatThrownBy(() -> a.call(new EditRequest.AddNote("c99", 60, 100, 0, 1)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));
            assertThatThrownBy(() -> a.call(new EditRequest.SetParameter(node, "volume", 99)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.REJECTED));
            assertThat(server.onPulse(() -> server.pulse().revision())).isEqualTo(revision);

            // B undoes A's last three steps: the curve, the note change, the note.
            for (int i = 0; i < 3; i++) b.call(new HistoryRequest.Undo());
            assertThat(server.onPulse(() -> server.pulse().project().clip(clip).orElseThrow().clip().notes())).isEmpty();
            JsonNode whole = b.call(new dev.loophole.ipc.ProjectRequest.Get()).get("project");
            assertThat(whole.get("tracks").get(0).get("trackId").asText()).isEqualTo(track);
        }
    }
}
