package dev.loophole.formats.realcontent;

import dev.loophole.formats.sf2.Sf2Audio;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.formats.sf2.Sf2SampleReader;
import dev.loophole.formats.sf2.Sf2SampleRef;
import dev.loophole.formats.sfz.SfzExporter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: one SoundFont preset as an SFZ folder — each {@code sf2:} sample extracted to a WAV file (16 or 24 bit,
 * {@code smpl} chunk with root key and loop), the regions pointed at them, written with {@link SfzExporter}. The same
 * mapping {@code loophole export --program} does, without the media module (formats must not depend on it).
 */
final class Sf2ToSfz {
    private Sf2ToSfz() {}

    record Result(Path sfz, int samplesWritten, List<Diagnostic> exportWarnings) {}

    static Result write(Sf2Bank bank, Sf2Preset preset, Path dir) throws IOException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Map<String, String> wavs = new HashMap<>();
        List<SampleGroup> groups = new ArrayList<>();
        for (SampleGroup g : preset.program().groups()) {
            List<SampleRegion> regions = new ArrayList<>();
            for (SampleRegion r : g.regions()) {
                SampleRegion.Builder b = r.toBuilder();
                b.samples.clear();
                for (SampleRef s : r.samples()) {
                    String wav = wavs.get(s.path());
                    if (wav == null) {
                        Sf2SampleRef ref = Sf2SampleRef.parse(s.path());
                        Sf2Audio a = Sf2SampleReader.read(bank, ref.sampleIndex());
                        Path f = samples.resolve(String.format("%04d %s.wav", ref.sampleIndex(), a.name().replaceAll("[^A-Za-z0-9_+-]+", "_")));
                        writeWav(f, a);
                        wav = f.toString();
                        wavs.put(s.path(), wav);
                    }
                    b.samples.add(new SampleRef(wav));
                }
                // SFZ velocity starts at 1 (velocity 0 is a note-off); SF2 ranges start at 0.
                if (b.velocityRange.lo() == 0) b.velocityRange = new IntRange(1, Math.max(1, b.velocityRange.hi()));
                b.otherOpcodes.remove("sf2_link");
                b.otherOpcodes.remove("sf2_sample_type");
                regions.add(b.build());
            }
            groups.add(new SampleGroup(g.groupId(), g.name(), regions));
        }
        Program p = preset.program();
        Program out = new Program(p.programId(), p.name(), groups, p.settings(), p.ccLabels(), p.keyLabels(), List.of(),
                p.curves(), p.extraSections());
        Path sfz = dir.resolve("preset.sfz");
        return new Result(sfz, wavs.size(), SfzExporter.write(out, sfz));
    }

    /** Mono PCM WAV (16 or 24 bit as the bank's data) with a {@code smpl} chunk: root key, one forward loop (end inclusive). */
    static void writeWav(Path file, Sf2Audio a) throws IOException {
        int bytes = a.bitsPerSample() == 24 ? 3 : 2;
        boolean loop = a.loopStart() >= 0;
        int smplSize = 36 + (loop ? 24 : 0);
        int data = a.frameCount() * bytes;
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + smplSize + 8 + data + (data & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(a.sampleRate())
                .putInt(a.sampleRate() * bytes).putShort((short) bytes).putShort((short) (bytes * 8));
        b.put(ascii("smpl")).putInt(smplSize).putInt(0).putInt(0).putInt((int) Math.round(1e9 / a.sampleRate()))
                .putInt(a.rootKey() >= 0 ? a.rootKey() : 60).putInt(0).putInt(0).putInt(0).putInt(loop ? 1 : 0).putInt(0);
        if (loop) b.putInt(0).putInt(0).putInt((int) a.loopStart()).putInt((int) a.loopEnd()).putInt(0).putInt(0);
        b.put(ascii("data")).putInt(data);
        double scale = bytes == 3 ? 8388608.0 : 32768.0;
        for (float v : a.frames()) {
            long s = Math.clamp(Math.round(v * scale), (long) -scale, (long) scale - 1);
            b.put((byte) s).put((byte) (s >> 8));
            if (bytes == 3) b.put((byte) (s >> 16));
        }
        Files.write(file, b.array());
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
