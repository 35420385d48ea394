package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.ipc.PresetInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank's preset list is kept while its file is unchanged, and read again when the file was replaced — even by
 * another of the same size and modification time (a restored backup, an atomic save): the banks here are built byte by
 * byte with presets of the same name lengths, so only the file key tells them apart.
 */
class SoundFontsTest {
    @TempDir Path dir;

    @Test
    void aBankReplacedByAnotherOfTheSameSizeAndTimeIsReadAgain() throws IOException {
        Path bank = Files.write(dir.resolve("bank.sf2"), bank("Piano", "Organ"));
        FileTime time = Files.getLastModifiedTime(bank);
        assertThat(SoundFonts.presets(bank)).containsExactly(new PresetInfo(0, 0, "Piano"), new PresetInfo(0, 1, "Organ"));

        Path other = Files.write(dir.resolve("other.sf2"), bank("Flute", "Drums"));
        Files.setLastModifiedTime(other, time);
        Files.move(other, bank, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.size(bank)).isEqualTo(bank("Piano", "Organ").length);
        assertThat(Files.getLastModifiedTime(bank)).isEqualTo(time);
        assertThat(SoundFonts.presets(bank)).containsExactly(new PresetInfo(0, 0, "Flute"), new PresetInfo(0, 1, "Drums"));
    }

    /** A SoundFont 2.01 whose presets (bank 0, programs 0, 1, …) have no zones: only headers, all a preset list needs. */
    private static byte[] bank(String... names) {
        ByteBuffer phdr = le(38 * (names.length + 1));
        for (int i = 0; i <= names.length; i++) {
            byte[] name = new byte[20];
            byte[] n = (i < names.length ? names[i] : "EOP").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, name, 0, n.length);
            phdr.put(name).putShort((short) (i < names.length ? i : 0)).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).putInt(0);
        }
        byte[] inst = new byte[22];
        System.arraycopy("EOI".getBytes(StandardCharsets.US_ASCII), 0, inst, 0, 3);
        byte[] shdr = new byte[46];
        System.arraycopy("EOS".getBytes(StandardCharsets.US_ASCII), 0, shdr, 0, 3);
        byte[] pdta = concat(chunk("phdr", phdr.array()), chunk("pbag", new byte[4]), chunk("pmod", new byte[10]), chunk("pgen", new byte[4]),
                chunk("inst", inst), chunk("ibag", new byte[4]), chunk("imod", new byte[10]), chunk("igen", new byte[4]), chunk("shdr", shdr));
        byte[] info = chunk("ifil", le(4).putShort((short) 2).putShort((short) 1).array());
        return chunk("RIFF", concat(ascii("sfbk"), list("INFO", info), list("sdta", chunk("smpl", new byte[0])), list("pdta", pdta)));
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static byte[] list(String type, byte[] body) { return chunk("LIST", concat(ascii(type), body)); }

    private static byte[] chunk(String id, byte[] body) {
        return le(8 + body.length + (body.length & 1)).put(ascii(id)).putInt(body.length).put(body).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
