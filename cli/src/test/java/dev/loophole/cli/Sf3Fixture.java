package dev.loophole.cli;

import dev.loophole.formats.sf2.Sf2Audio;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Sample;
import dev.loophole.formats.sf2.Sf2SampleReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns an SF2 bank into a SoundFont 3 bank the way MuseScore's sf3convert lays one out: ifil 3.1, the chosen
 * samples Ogg Vorbis-encoded by Debian's {@code oggenc} one after another in {@code smpl}, their shdr start/end
 * the byte range of their stream, their loop points relative to the sample, type bit 0x10. Samples not chosen get
 * an empty byte range (unusable, with a load warning), so the fixture stays small; the pdta tables are copied as they are.
 */
final class Sf3Fixture {
    private Sf3Fixture() {}

    static boolean oggencAvailable() {
        try {
            return new ProcessBuilder("oggenc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Path convert(Sf2Bank bank, Set<Integer> keep, Path out) throws IOException, InterruptedException {
        byte[] info = null, pdta = null;
        try (FileChannel ch = FileChannel.open(bank.file())) {
            long pos = 12, end = ch.size();
            while (pos + 12 <= end) { // top-level LIST chunks of sfbk
                ByteBuffer h = read(ch, pos, 12);
                int size = h.getInt(4);
                String type = new String(h.array(), 8, 4, StandardCharsets.US_ASCII);
                if (type.equals("INFO")) info = read(ch, pos + 12, size - 4).array();
                if (type.equals("pdta")) pdta = read(ch, pos + 12, size - 4).array();
                pos += 8 + size + (size & 1);
            }
        }
        setIfil(info);
        ByteArrayOutputStream smpl = new ByteArrayOutputStream();
        ByteBuffer shdr = shdr(pdta);
        for (int i = 0; i < bank.samples().size(); i++) {
            Sf2Sample s = bank.samples().get(i);
            int at = shdr.position() + 46 * i;
            int type = (s.type() | Sf2Sample.COMPRESSED) & ~Sf2Sample.ROM;
            long start = 0, stop = 0, loopStart = 0, loopEnd = 0;
            if (keep.contains(i)) {
                byte[] ogg = encode(Sf2SampleReader.read(bank, i), out.resolveSibling("sf3-" + i));
                start = smpl.size();
                smpl.writeBytes(ogg);
                stop = smpl.size();
                loopStart = s.loopStart() - s.start();
                loopEnd = s.loopEnd() - s.start();
            }
            shdr.putInt(at + 20, (int) start).putInt(at + 24, (int) stop).putInt(at + 28, (int) loopStart)
                    .putInt(at + 32, (int) loopEnd).putShort(at + 44, (short) type);
        }
        byte[] body = concat("sfbk".getBytes(StandardCharsets.US_ASCII), list("INFO", info),
                list("sdta", chunk("smpl", smpl.toByteArray())), list("pdta", pdta));
        return Files.write(out, chunk("RIFF", body));
    }

    /** The sample's 16-bit data as raw PCM through oggenc (quality 6, fixed serial so the file is the same each run). */
    private static byte[] encode(Sf2Audio a, Path base) throws IOException, InterruptedException {
        Path raw = base.resolveSibling(base.getFileName() + ".raw"), ogg = base.resolveSibling(base.getFileName() + ".ogg");
        ByteBuffer pcm = ByteBuffer.allocate(a.frameCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : a.frames()) pcm.putShort((short) Math.round(v * 32768f));
        Files.write(raw, pcm.array());
        Process p = new ProcessBuilder("oggenc", "-Q", "-q", "6", "-s", "1", "-r", "-B", "16", "-C", "1",
                "-R", Integer.toString(a.sampleRate()), "--raw-endianness", "0", "-o", ogg.toString(), raw.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("oggenc failed: " + log);
        return Files.readAllBytes(ogg);
    }

    private static void setIfil(byte[] info) {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p + 12 <= info.length; ) {
            String id = new String(info, p, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(p + 4);
            if (id.equals("ifil")) { b.putShort(p + 8, (short) 3).putShort(p + 10, (short) 1); return; }
            p += 8 + size + (size & 1);
        }
        throw new IllegalStateException("no ifil");
    }

    /** The shdr sub-chunk of pdta, positioned at its first record. */
    private static ByteBuffer shdr(byte[] pdta) {
        ByteBuffer b = ByteBuffer.wrap(pdta).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p + 8 <= pdta.length; ) {
            String id = new String(pdta, p, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(p + 4);
            if (id.equals("shdr")) return b.position(p + 8);
            p += 8 + size + (size & 1);
        }
        throw new IllegalStateException("no shdr");
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) { }
        return b.flip();
    }

    private static byte[] list(String type, byte[] body) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), body));
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
