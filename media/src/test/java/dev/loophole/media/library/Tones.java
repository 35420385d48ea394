package dev.loophole.media.library;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Test files with known content: sines of a known pitch and level, seeded noise, and extra RIFF chunks. */
final class Tones {
    private Tones() {}

    static Path sine(Path file, double hz, double amp, double seconds, int rate, int channels, int rootKey) throws Exception {
        int frames = (int) Math.round(seconds * rate);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < frames; i++) x[c][i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        return write(file, x, rate, rootKey);
    }

    static Path noise(Path file, double amp, double seconds, int rate, long seed) throws Exception {
        int frames = (int) Math.round(seconds * rate);
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[1][frames];
        for (int i = 0; i < frames; i++) x[0][i] = (float) (amp * r.nextDouble(-1, 1));
        return write(file, x, rate, -1);
    }

    static Path write(Path file, float[][] x, int rate, int rootKey) throws Exception {
        Files.createDirectories(file.getParent());
        SampleMetadata meta = rootKey >= 0 ? new SampleMetadata(rootKey, 0, java.util.List.of()) : SampleMetadata.NONE;
        WavWriter.write(file, new AudioData(x, rate, SampleFormat.PCM_16, meta));
        return file;
    }

    /** Appends a chunk to a RIFF file and fixes the RIFF size. */
    static void appendChunk(Path wav, String id, byte[] body) throws IOException {
        try (FileChannel ch = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = ch.size();
            ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
            b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
            ch.write(b.flip(), end);
            ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (ch.size() - 8));
            ch.write(size.flip(), 4);
        }
    }

    /** A BWF bext chunk with a description and originator. */
    static byte[] bext(String description, String originator) {
        ByteBuffer b = ByteBuffer.allocate(602).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, description.getBytes(StandardCharsets.US_ASCII));
        b.put(256, originator.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** LIST/INFO with one INAM (title) and one ICMT (comment). */
    static byte[] info(String title, String comment) {
        byte[] t = (title + "\0").getBytes(StandardCharsets.US_ASCII), c = (comment + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + t.length + (t.length & 1) + 8 + c.length + (c.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put("INFO".getBytes(StandardCharsets.US_ASCII));
        b.put("INAM".getBytes(StandardCharsets.US_ASCII)).putInt(t.length).put(t);
        if ((t.length & 1) != 0) b.put((byte) 0);
        b.put("ICMT".getBytes(StandardCharsets.US_ASCII)).putInt(c.length).put(c);
        return b.array();
    }

    /** An acid chunk: a loop (flags 0 = not one-shot) with root note set, beats and tempo. */
    static byte[] acid(int rootNote, int beats, float tempo) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 2).putShort(4, (short) rootNote).putInt(12, beats).putShort(16, (short) 4).putShort(18, (short) 4).putFloat(20, tempo);
        return b.array();
    }

    /** Copies a folder tree. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
