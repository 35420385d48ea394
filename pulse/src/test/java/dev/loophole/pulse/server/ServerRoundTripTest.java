package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.ExpressionRoute;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.PadInfo;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.ProjectInfo;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RegionInfo;
import dev.loophole.ipc.Request;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a real socket, two clients on the JDK's WebSocket: the specification's messages
 * end to end. Every result and notification is checked against its generated schema; what one
 * client does reaches the other.
 */
class ServerRoundTripTest {
    @TempDir
    Path dir;
    private PulseServer server;
    private IpcClient a, b;
    private final Schemas schemas = new Schemas();

    @BeforeEach
    void start() throws Exception {
        server = new PulseServer(ServerConfig.defaults(), Project.empty("test"), null).start();
        a = IpcClient.connect(server.webSocketUri());
        b = IpcClient.connect(server.webSocketUri());
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        server.close();
    }

    private <R> R call(IpcClient c, Request r, Class<R> type) {
        return schemas.call(c, r, type);
    }

    /** The next notification of this kind at client c, schema-checked. */
    private <N extends dev.loophole.ipc.Notification> N expect(IpcClient c, Class<N> type) {
        String method = type.getAnnotation(dev.loophole.ipc.Rpc.class).value();
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            JsonNode n = c.next(end - System.currentTimeMillis());
            if (n == null) break;
            if (n.has("method")) schemas.notification(n);
            if (method.equals(n.path("method").asText())) return c.rpc().read(n.get("params"), type);
        }
        throw new AssertionError("no " + method);
    }

    /**
     * Every notification caused before now is in c's inbox once a later request is answered (one
     * ordered stream per connection); checks them against their schemas and drops them.
     */
    private void sync(IpcClient c) {
        c.call(new SessionRequest.Initialize(null, null));
        for (JsonNode n; (n = c.inbox().poll()) != null; ) if (n.has("method")) schemas.notification(n);
    }

    /**
     * Every one-program instrument kind loads over IPC as on the command line: a Hydrogen kit from Debian's
     * hydrogen-drumkits, whose pads editors then learn as note names (36 + the instrument's position, named
     * as the kit's XML names them — read here with the JDK's own XML parser, not ours).
     */
    @Test
    void aHydrogenKitLoadsAndItsPadsAreNamed() throws Exception {
        Path kit = Path.of("/usr/share/hydrogen/data/drumkits/VariBreaks/drumkit.xml");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(kit), "hydrogen-drumkits is not installed");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(kit.toFile());
        var instruments = doc.getElementsByTagName("instrument");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < instruments.getLength(); i++) {
            var names = ((org.w3c.dom.Element) instruments.item(i)).getElementsByTagName("name");
            expected.add((36 + i) + "=" + names.item(0).getTextContent().strip());
        }
        ProgramSummary loaded = call(a, new InstrumentRequest.LoadProgram(kit.toString(), "breaks"), ProgramSummary.class);
        assertThat(loaded.regions()).isGreaterThanOrEqualTo(instruments.getLength());
        expect(b, InstrumentNotification.ProgramList.class);
        InstrumentNotification.Capabilities caps = expect(b, InstrumentNotification.Capabilities.class);
        assertThat(caps.noteNames()).extracting(k -> k.key() + "=" + k.name()).containsExactlyElementsOf(expected);
        assertThat(caps.drumMapping()).isTrue();
    }

    /** A kit's pads over IPC: capabilities list them, sampler.updatePad edits one as one undo step, every client hears it. */
    @Test
    void drumPadsAreEditedOverIpcAndEveryClientHearsIt() throws Exception {
        Path kit = Path.of("/usr/share/hydrogen/data/drumkits/VariBreaks/drumkit.xml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(kit), "hydrogen-drumkits is not installed");
        call(a, new InstrumentRequest.LoadProgram(kit.toString(), "breaks"), ProgramSummary.class);
        InstrumentNotification.Capabilities caps = expect(b, InstrumentNotification.Capabilities.class);
        assertThat(caps.pads()).hasSize(caps.noteNames().size()).hasSizeGreaterThanOrEqualTo(16);
        // VariBreaks: instruments 9..11 (notes 45..47) are the hats of mute group 0 (choke group 100)
        assertThat(caps.pads()).filteredOn(pad -> pad.chokeGroup() == 100).extracting(PadInfo::note).containsExactly(45, 46, 47);
        PadInfo first = caps.pads().getFirst();
        sync(b);

        PadInfo edited = call(a, new SamplerRequest.UpdatePad("breaks", first.note(), "Big Kick", "kick", "#FF8800", 7L, 2), PadInfo.class);
        assertThat(edited).isEqualTo(new PadInfo(first.note(), "Big Kick", first.gmName(), "kick", "#ff8800", 7, 2, List.of()));
        assertThat(expect(b, InstrumentNotification.Capabilities.class).pads().getFirst()).isEqualTo(edited);
        // one undo step takes the whole edit back
        call(a, new HistoryRequest.Undo(), dev.loophole.ipc.HistoryState.class);
        assertThat(expect(b, InstrumentNotification.Capabilities.class).pads().getFirst()).isEqualTo(first);

        assertThatThrownBy(() -> a.call(new SamplerRequest.UpdatePad("breaks", first.note(), null, null, "orange", null, null)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().message()).contains("colour 'orange' is not #rrggbb"));
        assertThatThrownBy(() -> a.call(new SamplerRequest.UpdatePad("breaks", 5, "x", null, null, null, null)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().message()).contains("no drum pad on note 5"));
    }

    @Test
    void theSpecificationsMessagesEndToEnd() throws Exception {
        Path sfz = Fixtures.sfz(dir, "kit", 4);
        var info = call(a, new SessionRequest.Initialize("test-a", 1), SessionRequest.ServerInfo.class);
        assertThat(info.methods()).contains("instrument.loadProgram", "sampler.updateRegion", "history.undo");

        ProgramSummary loaded = call(a, new InstrumentRequest.LoadProgram(sfz.toString(), null), ProgramSummary.class);
        assertThat(loaded.programId()).isEqualTo("kit");
        assertThat(loaded.regions()).isEqualTo(4);
        // B hears about it: the list, what it can do, where its sample is.
        assertThat(expect(b, InstrumentNotification.ProgramList.class).programs()).extracting(ProgramSummary::programId).containsExactly("kit");
        InstrumentNotification.Capabilities caps = expect(b, InstrumentNotification.Capabilities.class);
        // a kit (one key per region, labelled keys): its label_keys name 36 and 38, the GM drum map the pads between
        assertThat(caps.noteNames()).extracting(k -> k.key() + "=" + k.name()).containsExactly("36=Kick", "37=Side Stick", "38=Snare", "39=Hand Clap");
        assertThat(caps.drumMapping()).isTrue();
        assertThat(expect(b, SamplerNotification.SampleStatus.class).status()).isEqualTo(SamplerNotification.Status.ONLINE);

        var list = call(a, new SamplerRequest.RequestProgramList("kit"), InstrumentNotification.ProgramList.class);
        assertThat(list.programs()).hasSize(1);
        SamplerNotification.RegionList regions = expect(a, SamplerNotification.RegionList.class);
        assertThat(regions.regions()).extracting(RegionInfo::loKey).containsExactly(36, 37, 38, 39);

        Path c4 = Fixtures.sine(dir.resolve("c4.wav"), 261.63, 0.1);
        RegionInfo added = call(a, new SamplerRequest.AddSampleRegion("kit", null, c4.toString(),
                new RegionFields(60, 64, null, null, 60, -6.0, null, null, null, "C4")), RegionInfo.class);
        assertThat(added.regionId()).isEqualTo("r5");
        assertThat(added.loVel()).isEqualTo(1);
        var addedAtB = expect(b, SamplerNotification.RegionUpdated.class);
        assertThat(addedAtB.change()).isEqualTo(SamplerNotification.Change.ADDED);
        assertThat(addedAtB.region()).isEqualTo(added);

        RegionInfo updated = call(a, new SamplerRequest.UpdateRegion("kit", "r5", new RegionFields(null, 67, null, null, null, null, -25.0, 12.0, null, null)), RegionInfo.class);
        assertThat(List.of(updated.loKey(), updated.hiKey())).containsExactly(60, 67);
        assertThat(updated.pan()).isEqualTo(-25.0);
        assertThat(updated.volume()).isEqualTo(-6.0);
        assertThat(expect(b, SamplerNotification.RegionUpdated.class).region()).isEqualTo(updated);

        // All or nothing: a low key above the high key changes nothing and tells nobody.
        assertThatThrownBy(() -> a.call(new SamplerRequest.UpdateRegion("kit", "r5", new RegionFields(70, null, null, null, null, -1.0, null, null, null, null))))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                    assertThat(e.error().code()).isEqualTo(RpcError.INVALID_PARAMS);
                    assertThat(e.error().message()).contains("key range 70..67");
                });
        assertThatThrownBy(() -> a.call(new SamplerRequest.UpdateRegion("kit", "r99", RegionFields.NONE)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));

        Path missing = dir.resolve("gone.wav");
        RegionInfo assigned = call(a, new SamplerRequest.AssignSample("kit", "r5", missing.toString()), RegionInfo.class);
        assertThat(assigned.sample()).isEqualTo(missing.toString());
        assertThat(assigned.hiKey()).isEqualTo(67);
        assertThat(expect(b, SamplerNotification.RegionUpdated.class).region().sample()).isEqualTo(missing.toString());
        assertThat(expect(b, SamplerNotification.SampleStatus.class).status()).isEqualTo(SamplerNotification.Status.MISSING);
        call(a, new SamplerRequest.AssignSample("kit", "r4", "/no-such-volume-" + System.nanoTime() + "/x/a.wav"), RegionInfo.class);
        assertThat(expect(b, SamplerNotification.SampleStatus.class).status()).isEqualTo(SamplerNotification.Status.OFFLINE);

        call(a, new InstrumentRequest.SetExpressionMapping("kit", List.of(
                new ExpressionRoute(ExpressionDimension.PRESSURE, null, ExpressionMapping.Target.CUTOFF, null, 0, 1200, null, 5.0, null))), dev.loophole.ipc.Ack.class);
        InstrumentNotification.Capabilities after = expect(b, InstrumentNotification.Capabilities.class);
        assertThat(after.perNoteExpression()).containsExactly(ExpressionDimension.PRESSURE);
        assertThat(after.expressionMapping()).singleElement().satisfies(r -> assertThat(r.max()).isEqualTo(1200));

        sync(a);
        // B undoes A's mapping, then A's sample assignment: the project's one history.
        call(b, new HistoryRequest.Undo(), dev.loophole.ipc.HistoryState.class);
        assertThat(expect(a, InstrumentNotification.Capabilities.class).perNoteExpression())
                .containsExactlyInAnyOrder(ExpressionDimension.PITCH, ExpressionDimension.PRESSURE, ExpressionDimension.POLY_AFTERTOUCH, ExpressionDimension.TIMBRE);
        call(b, new HistoryRequest.Undo(), dev.loophole.ipc.HistoryState.class);
        call(b, new HistoryRequest.Undo(), dev.loophole.ipc.HistoryState.class);
        expect(a, SamplerNotification.RegionUpdated.class);
        assertThat(expect(a, SamplerNotification.RegionUpdated.class).region().sample()).isEqualTo(c4.toString());
        sync(b);
        var redo = call(a, new HistoryRequest.Redo(), dev.loophole.ipc.HistoryState.class);
        assertThat(redo.undo()).isEqualTo("assign sample");
        assertThat(expect(b, SamplerNotification.RegionUpdated.class).region().sample()).isEqualTo(missing.toString());

        call(a, new SamplerRequest.RemoveRegion("kit", "r5"), dev.loophole.ipc.Ack.class);
        var removed = expect(b, SamplerNotification.RegionUpdated.class);
        assertThat(removed.change()).isEqualTo(SamplerNotification.Change.REMOVED);
        assertThat(removed.region().regionId()).isEqualTo("r5");

        sync(a);
        // Save the program as SFZ, load it back under another id: the same regions.
        Path saved = dir.resolve("out").resolve("kit2.sfz");
        Files.createDirectories(saved.getParent());
        var savedInfo = call(a, new InstrumentRequest.SaveProgram("kit", saved.toString()), InstrumentRequest.SavedProgram.class);
        assertThat(savedInfo.regions()).isEqualTo(4);
        call(a, new InstrumentRequest.LoadProgram(saved.toString(), "kit2"), ProgramSummary.class);
        call(a, new SamplerRequest.RequestProgramList("kit"), InstrumentNotification.ProgramList.class);
        var original = expect(a, SamplerNotification.RegionList.class);
        var copy = call(a, new SamplerRequest.RequestProgramList("kit2"), InstrumentNotification.ProgramList.class);
        assertThat(copy.programs()).extracting(ProgramSummary::programId).containsExactly("kit", "kit2");
        SamplerNotification.RegionList reread;
        do reread = expect(a, SamplerNotification.RegionList.class); while (!reread.programId().equals("kit2"));
        assertThat(strip(reread.regions())).isEqualTo(strip(original.regions()));

        // Save the project, replace it with a new one, open it again: the same programs and regions.
        Path project = dir.resolve("song.loophole");
        var savedProject = call(a, new ProjectRequest.Save(project.toString()), ProjectInfo.class);
        assertThat(savedProject.dirty()).isFalse();
        assertThat(savedProject.path()).isEqualTo(project.toString());
        call(a, new ProjectRequest.New("blank"), ProjectInfo.class);
        assertThat(expect(b, ProjectNotification.Opened.class).project().name()).isEqualTo("blank");
        assertThat(call(a, new SamplerRequest.RequestProgramList(null), InstrumentNotification.ProgramList.class).programs()).isEmpty();
        sync(a);
        var reopened = call(b, new ProjectRequest.Open(project.toString()), ProjectInfo.class);
        assertThat(reopened.dirty()).isFalse();
        assertThat(expect(a, ProjectNotification.Opened.class).project().path()).isEqualTo(project.toString());
        sync(a);
        call(a, new SamplerRequest.RequestProgramList("kit"), InstrumentNotification.ProgramList.class);
        assertThat(expect(a, SamplerNotification.RegionList.class).regions()).isEqualTo(original.regions());
        var whole = call(a, new ProjectRequest.Get(), ProjectRequest.Snapshot.class);
        assertThat(whole.project().get("tracks").size()).isEqualTo(2);

        assertThat(schemas.requests).containsAll(List.of("instrument.loadProgram", "instrument.saveProgram", "sampler.addSampleRegion",
                "sampler.updateRegion", "sampler.removeRegion", "sampler.assignSample", "sampler.requestProgramList", "instrument.setExpressionMapping"));
        assertThat(schemas.notifications).containsAll(List.of("instrument.programList", "sampler.regionUpdated", "sampler.regionList",
                "sampler.sampleStatus", "instrument.capabilities"));
    }

    /** Regions without their ids' group (a re-import names groups afresh). */
    private static List<String> strip(List<RegionInfo> rs) {
        return rs.stream().map(r -> r.sample() + " " + r.loKey() + ".." + r.hiKey() + " v" + r.loVel() + ".." + r.hiVel()
                + " c" + r.pitchKeycenter() + " " + r.volume() + "dB pan " + r.pan() + " tune " + r.tune() + " " + r.label()).toList();
    }
}
