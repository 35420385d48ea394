package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.HistoryRequest;
import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.KeyName;
import dev.loophole.ipc.PresetInfo;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.model.project.Project;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SoundFont bank over IPC (Debian's FluidR3_GM.sf2): loading it lists its presets and loads only the first;
 * instrument.selectPreset makes the program play another, one undo step; a bank-128 preset is a drum kit whose
 * keys carry the General MIDI percussion names. Expected presets come from this test's own walk of the bank's
 * phdr chunk; expected names from the GM Level 1 percussion table.
 */
class SoundFontOverIpcTest {
    static final Path BANK = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");

    @Test
    void aBankListsItsPresetsAndAProgramPlaysTheOneChosen() throws Exception {
        assumeTrue(Files.isRegularFile(BANK), "FluidR3_GM.sf2 is not installed (apt-get install fluid-soundfont-gm)");
        List<PresetInfo> expected = phdr(BANK);
        assertThat(expected).hasSize(189);
        Schemas schemas = new Schemas();
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("sf"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            ProgramSummary loaded = schemas.call(c, new InstrumentRequest.LoadProgram(BANK.toString(), "gm"), ProgramSummary.class);
            assertThat(loaded.presets()).isEqualTo(expected);
            assertThat(loaded.preset()).isEqualTo(expected.getFirst()).isEqualTo(new PresetInfo(0, 0, "Yamaha Grand Piano"));
            InstrumentNotification.ProgramList list = next(c, schemas, InstrumentNotification.ProgramList.class);
            assertThat(list.programs()).singleElement().satisfies(p -> {
                assertThat(p.programId()).isEqualTo("gm");
                assertThat(p.presets()).isEqualTo(expected);
                assertThat(p.preset()).isEqualTo(expected.getFirst());
            });
            InstrumentNotification.Capabilities piano = next(c, schemas, InstrumentNotification.Capabilities.class);
            assertThat(piano.drumMapping()).isFalse();
            // Only the chosen preset was built: the piano's regions, not the bank's 17,000.
            int pianoRegions = loaded.regions();
            assertThat(pianoRegions).isBetween(1, 1000);
            assertThat(server.onPulse(() -> server.pulse().project().instruments().getFirst().program().regions().size())).isEqualTo(pianoRegions);

            ProgramSummary kit = schemas.call(c, new InstrumentRequest.SelectPreset("gm", 128, 0), ProgramSummary.class);
            assertThat(kit.programId()).isEqualTo("gm");
            assertThat(kit.preset()).isEqualTo(new PresetInfo(128, 0, "Standard"));
            assertThat(kit.regions()).isNotEqualTo(pianoRegions);
            SamplerNotification.RegionList regions = c.rpc().read(find(c, "sampler.regionList", schemas).get("params"), SamplerNotification.RegionList.class);
            assertThat(regions.regions()).hasSize(kit.regions());
            InstrumentNotification.Capabilities drums = next(c, schemas, InstrumentNotification.Capabilities.class);
            assertThat(drums.drumMapping()).isTrue();
            assertThat(drums.noteNames()).contains(new KeyName(35, "Acoustic Bass Drum"), new KeyName(36, "Bass Drum 1"),
                    new KeyName(38, "Acoustic Snare"), new KeyName(42, "Closed Hi-Hat"), new KeyName(49, "Crash Cymbal 1"));

            // Undo brings the piano back, and the program list says so.
            c.inbox().clear();
            c.call(new HistoryRequest.Undo());
            InstrumentNotification.ProgramList back = next(c, schemas, InstrumentNotification.ProgramList.class);
            assertThat(back.programs().getFirst().preset()).isEqualTo(expected.getFirst());
            assertThat(back.programs().getFirst().regions()).isEqualTo(pianoRegions);

            assertThatThrownBy(() -> c.call(new InstrumentRequest.SelectPreset("gm", 5, 99)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.NOT_FOUND));
            assertThatThrownBy(() -> c.call(new InstrumentRequest.LoadProgram(BANK.toString(), "x", 0, null)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> assertThat(e.error().code()).isEqualTo(RpcError.INVALID_PARAMS));
            ProgramSummary strings = c.call(new InstrumentRequest.LoadProgram(BANK.toString(), null, 0, 48), ProgramSummary.class);
            assertThat(strings.programId()).isEqualTo("FluidR3_GM-b0-p48");
            assertThat(strings.preset()).isEqualTo(expected.stream().filter(p -> p.bank() == 0 && p.program() == 48).findFirst().orElseThrow());
        }
    }

    private static <N> N next(IpcClient c, Schemas schemas, Class<N> type) {
        String method = type.getAnnotation(dev.loophole.ipc.Rpc.class).value();
        return c.rpc().read(find(c, method, schemas).get("params"), type);
    }

    private static JsonNode find(IpcClient c, String method, Schemas schemas) {
        while (true) {
            JsonNode n = c.next(10_000);
            assertThat(n).as("a " + method + " notification").isNotNull();
            schemas.notification(n);
            if (method.equals(n.path("method").asText())) return n;
        }
    }

    /** The bank's preset headers, read here from the RIFF structure (pdta/phdr: 38-byte records, the last a terminal one). */
    static List<PresetInfo> phdr(Path bank) throws IOException {
        try (FileChannel ch = FileChannel.open(bank)) {
            long pos = 12;
            while (pos < ch.size()) {
                ByteBuffer h = read(ch, pos, 12);
                long size = h.getInt(4) & 0xFFFFFFFFL;
                if (new String(h.array(), 8, 4, StandardCharsets.US_ASCII).equals("pdta")) {
                    for (long p = pos + 12; p < pos + 8 + size; ) {
                        ByteBuffer c = read(ch, p, 8);
                        long csize = c.getInt(4) & 0xFFFFFFFFL;
                        if (new String(c.array(), 0, 4, StandardCharsets.US_ASCII).equals("phdr")) {
                            List<PresetInfo> out = new ArrayList<>();
                            ByteBuffer r = read(ch, p + 8, (int) csize);
                            for (int i = 0; i + 1 < csize / 38; i++) {
                                String name = new String(r.array(), 38 * i, 20, StandardCharsets.ISO_8859_1);
                                int nul = name.indexOf('\0');
                                out.add(new PresetInfo(r.getShort(38 * i + 22) & 0xFFFF, r.getShort(38 * i + 20) & 0xFFFF,
                                        (nul < 0 ? name : name.substring(0, nul)).trim()));
                            }
                            out.sort(Comparator.comparingInt(PresetInfo::bank).thenComparingInt(PresetInfo::program));
                            return out;
                        }
                        p += 8 + csize + (csize & 1);
                    }
                }
                pos += 8 + size + (size & 1);
            }
        }
        throw new AssertionError("no phdr chunk");
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) { }
        return b.flip();
    }
}
