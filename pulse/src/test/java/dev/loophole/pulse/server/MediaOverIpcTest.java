package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.EditRequest.Created;
import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.MediaRequest;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RegionInfo;
import dev.loophole.ipc.Request;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavReader;
import dev.loophole.media.WavWriter;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.ScanListener;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.media.MediaService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media library through a real server on real sockets: a folder of generated WAVs scanned into a library on
 * disk, searched over IPC; a library sample assigned by media id keeps its link through save and reopen; the
 * library's root renamed away and back reaches another client as sampler.sampleStatus offline, then online.
 */
class MediaOverIpcTest {
    @TempDir Path tmp;
    private final Schemas schemas = new Schemas();
    private Path root, kickDeep, kickLong, kickstart, lead;
    private MediaLibrary library;
    private MediaService media;
    private PulseServer server;
    private IpcClient a, b;

    @BeforeEach
    void start() throws Exception {
        root = tmp.resolve("Samples");
        kickDeep = tone(root.resolve("Drums/Kick Deep.wav"), 55, 0.5, 48000, 1);
        kickLong = tone(root.resolve("Drums/Kick Long.wav"), 50, 1.5, 44100, 2);
        kickstart = tone(root.resolve("Loops/Kickstart Groove.wav"), 220, 0.25, 48000, 1);
        lead = tone(root.resolve("Leads/Lead A4.wav"), 440, 0.25, 48000, 1);
        library = MediaLibrary.open(tmp.resolve("library.db"));
        library.add(List.of(root), ScanListener.NONE);
        media = new MediaService(library, null);
        server = new PulseServer(ServerConfig.defaults(), Project.empty("media"), null, null, media, Duration.ofMillis(100)).start();
        a = IpcClient.connect(server.webSocketUri());
        b = IpcClient.connect(server.webSocketUri());
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        server.close();
        media.close();
        library.close();
    }

    private <R> R call(IpcClient c, Request r, Class<R> type) {
        return schemas.call(c, r, type);
    }

    private List<MediaRequest.Hit> search(String query) {
        return call(a, new MediaRequest.Search(query, null), MediaRequest.Hits.class).hits();
    }

    @Test
    void searchRanksWordsFiltersAndReportsWhatEachFileIs() {
        // Whole-word matches (name and the kick tag) outrank a prefix match inside a longer word.
        List<MediaRequest.Hit> kicks = search("kick");
        assertThat(kicks).extracting(MediaRequest.Hit::path).hasSize(3).endsWith(kickstart.toString())
                .containsExactlyInAnyOrder(kickDeep.toString(), kickLong.toString(), kickstart.toString());
        MediaRequest.Hit longKick = kicks.stream().filter(h -> h.path().equals(kickLong.toString())).findFirst().orElseThrow();
        assertThat(longKick.seconds()).isEqualTo(1.5);
        assertThat(longKick.rate()).isEqualTo(44100);
        assertThat(longKick.channels()).isEqualTo(2);
        assertThat(longKick.tags()).contains("kick");
        assertThat(longKick.status()).isEqualTo(SamplerNotification.Status.ONLINE);

        assertThat(search("kick dur:<1s")).extracting(MediaRequest.Hit::path).containsExactlyInAnyOrder(kickDeep.toString(), kickstart.toString());
        assertThat(search("kick rate:44100 ch:2")).extracting(MediaRequest.Hit::path).containsExactly(kickLong.toString());
        // Filters alone list in library order (as scanned: by media id).
        List<MediaRequest.Hit> at48k = search("rate:48000");
        assertThat(at48k).extracting(MediaRequest.Hit::path).containsExactlyInAnyOrder(kickDeep.toString(), lead.toString(), kickstart.toString());
        assertThat(at48k).extracting(MediaRequest.Hit::mediaId).isSorted();
        assertThat(call(a, new MediaRequest.Search("kick", 1), MediaRequest.Hits.class).hits()).hasSize(1);

        assertThatThrownBy(() -> a.call(new MediaRequest.Search("kick bogus:1", null)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                    assertThat(e.error().code()).isEqualTo(RpcError.INVALID_PARAMS);
                    assertThat(e.error().message()).contains("bogus:");
                });
        // No audio device on this server: a clear refusal, for a sample that exists.
        assertThatThrownBy(() -> a.call(new MediaRequest.Audition(kicks.getFirst().mediaId())))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                    assertThat(e.error().code()).isEqualTo(RpcError.REJECTED);
                    assertThat(e.error().message()).contains("no audio device");
                });
    }

    @Test
    void assignByMediaIdSavesTheLinkAndFollowsTheRootAwayAndBack() throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("kits"));
        ProgramSummary loaded = call(a, new InstrumentRequest.LoadProgram(Fixtures.sfz(kits, "kit", 2).toString(), null), ProgramSummary.class);
        long leadId = search("lead").getFirst().mediaId();

        RegionInfo assigned = call(a, new SamplerRequest.AssignSample(loaded.programId(), "r1", null, leadId), RegionInfo.class);
        assertThat(assigned.sample()).isEqualTo(lead.toString());
        assertThatThrownBy(() -> a.call(new SamplerRequest.AssignSample(loaded.programId(), "r2", null, 999_999L)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));
        assertThatThrownBy(() -> a.call(new SamplerRequest.AssignSample(loaded.programId(), "r2", "/x.wav", leadId)))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.INVALID_PARAMS));

        Path saved = tmp.resolve("song.loophole");
        a.call(new ProjectRequest.Save(saved.toString()));
        a.call(new ProjectRequest.New("other"));
        a.call(new ProjectRequest.Open(saved.toString()));
        SampleRef ref = server.onPulse(() -> server.pulse().project().instruments().stream()
                .flatMap(n -> n.program().regions().stream()).filter(r -> r.regionId().equals("r1"))
                .map(SampleRegion::sample).findFirst().orElseThrow());
        assertThat(ref.path()).isEqualTo(lead.toString());
        assertThat(ref.media()).isNotNull();
        assertThat(ref.media().root()).isEqualTo(library.roots().getFirst().uuid());
        assertThat(ref.media().relativePath()).isEqualTo("Leads/Lead A4.wav");
        assertThat(ref.media().contentHash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lead))));

        drain(b);
        Path away = tmp.resolve("Samples-unplugged");
        Files.move(root, away);
        assertThat(status(b, loaded.programId(), SamplerNotification.Status.OFFLINE).sample()).isEqualTo(lead.toString());
        Files.move(away, root);
        assertThat(status(b, loaded.programId(), SamplerNotification.Status.ONLINE).sample()).isEqualTo(lead.toString());
    }

    @Test
    void aRenderPlaysALibrarySampleWhereTheLibraryHasItNow() throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("kits"));
        Fixtures.sine(kits.resolve("a220.wav"), 220, 1.0);
        Path sfz = Files.writeString(kits.resolve("tone.sfz"), "<region> sample=a220.wav lokey=0 hikey=127 pitch_keycenter=69 loop_mode=no_loop\n");
        a.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
        long leadId = search("lead").getFirst().mediaId();
        a.call(new SamplerRequest.AssignSample("tone", "r1", null, leadId));
        String lane = server.onPulse(() -> server.pulse().project().tracks().getFirst().lanes().getFirst().laneId());
        String clip = a.call(new EditRequest.AddClip(lane, 0, 2, null), Created.class).id();
        a.call(new EditRequest.AddNote(clip, 69, 127, 0, 0.5)); // the key centre for 0.25 s at 120 BPM: the sample as recorded

        // The drive mounts elsewhere and the library is told: the program still names the old path.
        Path elsewhere = tmp.resolve("mnt/usb/Samples");
        Files.createDirectories(elsewhere.getParent());
        Files.move(root, elsewhere);
        library.relink(java.util.Map.of(root, elsewhere), List.of());
        assertThat(server.onPulse(() -> server.pulse().project().instruments().getFirst().program().regions().getFirst().sample().path()))
                .isEqualTo(lead.toString());

        // Its status comes from the library (online, where it is now), not from probing the stale path.
        var program = server.onPulse(() -> server.pulse().project().instruments().getFirst().program());
        assertThat(new SampleStatuses(library).all(program)).singleElement().satisfies(st -> {
            assertThat(st.sample()).isEqualTo(elsewhere.resolve("Leads/Lead A4.wav").toString());
            assertThat(st.status()).isEqualTo(SamplerNotification.Status.ONLINE);
        });
        assertThat(new SampleStatuses(null).all(program).getFirst().status()).isNotEqualTo(SamplerNotification.Status.ONLINE);

        Path wav = tmp.resolve("out.wav");
        Fixtures.render(a, new ProjectRequest.Render(wav.toString(), 0.5, 48000, null));
        float[] left = WavReader.read(wav).channels()[0];
        int crossings = 0;
        for (int i = 1_000; i < 1_000 + 9_600; i++) if ((left[i - 1] < 0) != (left[i] < 0)) crossings++;
        assertThat(crossings / 2.0 / 0.2).as("the library's A4 (440 Hz), not the program's old 220 Hz sample, nor silence").isCloseTo(440, within(5.0));
    }

    @Test
    void droppedSamplesBecomeRegionsAtTheirNotesInOneStep() throws Exception {
        // Three notes of a scale, named as they are: C4 = MIDI 60, E4 = 64, G4 = 67.
        Path keys = tmp.resolve("Keys");
        int[] notes = {60, 64, 67};
        for (String n : List.of("C4", "E4", "G4")) {
            int midi = notes[List.of("C4", "E4", "G4").indexOf(n)];
            tone(keys.resolve("Piano " + n + ".wav"), 440 * Math.pow(2, (midi - 69) / 12.0), 0.3, 48000, 1);
        }
        library.add(List.of(keys), ScanListener.NONE);
        Path kits = Files.createDirectories(tmp.resolve("kits"));
        String kit = call(a, new InstrumentRequest.LoadProgram(Fixtures.sfz(kits, "kit", 2).toString(), null), ProgramSummary.class).programId();
        List<Long> ids = search("piano").stream().map(MediaRequest.Hit::mediaId).toList();
        assertThat(ids).hasSize(3);
        drain(b);

        var added = call(a, new SamplerRequest.AddSamples(kit, ids), SamplerRequest.AddedSamples.class);
        assertThat(added.skipped()).isEmpty();
        List<RegionInfo> regions = added.regions().stream().sorted(java.util.Comparator.comparingInt(RegionInfo::loKey)).toList();
        assertThat(regions).extracting(RegionInfo::pitchKeycenter).containsExactly(60, 64, 67);
        assertThat(regions).extracting(RegionInfo::sample).containsExactly(
                keys.resolve("Piano C4.wav").toString(), keys.resolve("Piano E4.wav").toString(), keys.resolve("Piano G4.wav").toString());
        // The keys are shared out: from 0 to 127, no gap, no overlap, each centre inside its own range.
        assertThat(regions.getFirst().loKey()).isZero();
        assertThat(regions.getLast().hiKey()).isEqualTo(127);
        for (int i = 0; i < regions.size(); i++) {
            assertThat(regions.get(i).pitchKeycenter()).isBetween(regions.get(i).loKey(), regions.get(i).hiKey());
            if (i > 0) assertThat(regions.get(i).loKey()).isEqualTo(regions.get(i - 1).hiKey() + 1);
        }
        assertThat(regions).extracting(RegionInfo::regionId).doesNotContain("r1", "r2").doesNotHaveDuplicates();
        long linked = server.onPulse(() -> server.pulse().project().instruments().getFirst().program().regions().stream()
                .filter(r -> r.sample().media() != null).count());
        assertThat(linked).as("each new region holds its library link").isEqualTo(3);
        // The other client sees the program with its 2 + 3 regions.
        assertThat(listAt(b, kit).regions()).hasSize(5);

        a.call(new HistoryRequest.Undo());
        assertThat((long) server.onPulse(() -> server.pulse().project().instruments().getFirst().program().regions().size())).isEqualTo(2);
        assertThatThrownBy(() -> a.call(new SamplerRequest.AddSamples(kit, List.of(ids.getFirst(), 987_654L))))
                .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));
        assertThat((long) server.onPulse(() -> server.pulse().project().instruments().getFirst().program().regions().size())).isEqualTo(2);
    }

    /** The first notification of this kind at client c that {@code wanted} accepts (each one schema-checked); others are skipped. */
    private <N extends dev.loophole.ipc.Notification> N await(IpcClient c, Class<N> type, java.util.function.Predicate<N> wanted) {
        String method = type.getAnnotation(dev.loophole.ipc.Rpc.class).value();
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            JsonNode n = c.next(end - System.currentTimeMillis());
            if (n == null) break;
            if (!n.has("method")) continue;
            schemas.notification(n);
            if (!n.get("method").asText().equals(method)) continue;
            N got = c.rpc().read(n.get("params"), type);
            if (wanted.test(got)) return got;
        }
        throw new AssertionError("no matching " + method);
    }

    private SamplerNotification.RegionList listAt(IpcClient c, String programId) {
        return await(c, SamplerNotification.RegionList.class, l -> l.programId().equals(programId));
    }

    /** The sampleStatus naming the assigned sample with this status at client c. */
    private SamplerNotification.SampleStatus status(IpcClient c, String programId, SamplerNotification.Status want) {
        return await(c, SamplerNotification.SampleStatus.class,
                s -> s.programId().equals(programId) && s.sample().equals(lead.toString()) && s.status() == want);
    }

    /** Drops what c has been sent so far (all of it is in the inbox once a later request is answered). */
    private void drain(IpcClient c) {
        c.call(new SessionRequest.Initialize(null, null));
        for (JsonNode n; (n = c.inbox().poll()) != null; ) if (n.has("method")) schemas.notification(n);
    }

    private static Path tone(Path file, double hz, double seconds, int rate, int channels) throws Exception {
        Files.createDirectories(file.getParent());
        float[][] x = new float[channels][(int) Math.round(seconds * rate)];
        for (float[] ch : x) for (int i = 0; i < ch.length; i++) ch[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        WavWriter.write(file, new AudioData(x, rate, SampleFormat.PCM_16, SampleMetadata.NONE));
        return file;
    }
}
