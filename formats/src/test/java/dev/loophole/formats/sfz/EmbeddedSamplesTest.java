package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSamplesTest {
    @TempDir Path dir;

    /** A WAV-looking byte string holding every byte value, so every escape is exercised. */
    private static byte[] wav() {
        byte[] b = new byte[4 + 512];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        for (int i = 0; i < 512; i++) b[4 + i] = (byte) i;
        return b;
    }

    @Test
    void theDocumentedAlphabet() {
        assertThat(new String(EmbeddedSamples.encode("RIFF".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1))
                .isEqualTo("|spp$");
        // Bytes whose shifted value is forbidden are escaped: 0x13 -> '=' 0x53, 0xD6 -> '=' 0x16, 0xFA -> '=' 0x3A.
        assertThat(EmbeddedSamples.encode(new byte[] {0x13, (byte) 0xD6, (byte) 0xFA})).containsExactly(0x3D, 0x53, 0x3D, 0x16, 0x3D, 0x3A, 0x24);
    }

    @Test
    void everyByteRoundTripsAndLineBreaksInsideAreIgnored() {
        byte[] data = new byte[4096];
        new Random(3).nextBytes(data);
        byte[] enc = EmbeddedSamples.encode(data);
        assertThat(EmbeddedSamples.decode(enc)).isEqualTo(data);
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        for (int i = 0; i < enc.length; i++) {
            wrapped.write(enc[i]);
            if (i % 76 == 75 && enc[i] != 0x3D) wrapped.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(EmbeddedSamples.decode(wrapped.toByteArray())).isEqualTo(data);
    }

    private Path sfz(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        Path f = dir.resolve("embedded.sfz");
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aRegionPlaysItsEmbeddedSampleEvenWhenTheSectionComesLater() throws IOException {
        byte[] wav = wav();
        Program p = SfzImporter.load(sfz(ascii("<region> sample=Tiny.wav key=60 // before\n<sample> name=tiny.wav data="),
                EmbeddedSamples.encode(wav), ascii("\n<region> sample=tiny.wav key=61 label_cc1=Ünïcode\n")));
        assertThat(p.regions()).hasSize(2);
        Path file = Path.of(p.regions().get(0).sample().path());
        assertThat(file.getFileName().toString()).isEqualTo("tiny.wav");
        assertThat(EmbeddedSamples.isCached(file)).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(wav);
        assertThat(p.regions().get(1).sample().path()).isEqualTo(file.toString());
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void base64DataIsAcceptedWithOrWithoutTheEndMarker() throws IOException {
        byte[] wav = wav();
        String b64 = Base64.getEncoder().encodeToString(wav);
        Program p = SfzImporter.load(sfz(ascii("<sample> name=a.wav data=" + b64 + "$\n<sample> name=b.wav data=" + b64
                + "\n<region> sample=a.wav\n<region> sample=b.wav")));
        assertThat(Files.readAllBytes(Path.of(p.regions().get(0).sample().path()))).isEqualTo(wav);
        assertThat(Files.readAllBytes(Path.of(p.regions().get(1).sample().path()))).isEqualTo(wav);
    }

    private static String wrapped(String b64, int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b64.length(); i += width) out.append(b64, i, Math.min(b64.length(), i + width)).append("\r\n");
        return out.toString();
    }

    @Test
    void base64DataWrappedOverManyLinesLoadsWithOrWithoutTheMarker() throws IOException {
        byte[] wav = java.util.Arrays.copyOf(wav(), 517);
        String b64 = Base64.getEncoder().encodeToString(wav); // 692 characters: ten lines of 76 and one of 8 ending in padding
        assertThat(b64).endsWith("==");
        String lines = wrapped(b64, 76);
        Program p = SfzImporter.load(sfz(ascii("<sample> name=a.wav data=" + lines
                + "<sample> name=b.wav base64data=" + lines.strip() + "$\n"
                + "<sample> name=c.wav\nbase64data=\n" + wrapped(b64.replace("=", ""), 64)
                + "<region> sample=a.wav key=1\n<region> sample=b.wav key=2\n<region> sample=c.wav key=3 lovel=5\n")));
        assertThat(p.regions()).hasSize(3);
        for (var r : p.regions()) assertThat(Files.readAllBytes(Path.of(r.sample().path()))).isEqualTo(wav);
        assertThat(p.regions().get(2).velocityRange().lo()).isEqualTo(5);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void documentedEncodingWrappedOverLinesStillRunsToItsMarker() throws IOException {
        byte[] wav = wav();
        byte[] enc = EmbeddedSamples.encode(wav);
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        for (int i = 0; i < enc.length; i++) {
            wrapped.write(enc[i]);
            if (i % 60 == 59 && enc[i] != 0x3D) wrapped.writeBytes(ascii("\n"));
        }
        Program p = SfzImporter.load(sfz(ascii("<sample> name=t.wav data="), wrapped.toByteArray(), ascii("\n<region> sample=t.wav key=9")));
        assertThat(Files.readAllBytes(Path.of(Sfz.only(p).sample().path()))).isEqualTo(wav);
    }

    @Test
    void problemsAreReported() throws IOException {
        Program p = SfzImporter.load(sfz(ascii("<sample> data=abc$\n<sample> name=x.wav data=hello$\n<region> sample=*sine")));
        assertThat(Sfz.warnings(p)).anySatisfy(w -> assertThat(w).endsWith(":1:1: warning: <sample> needs both name= and data=; ignored"))
                .anySatisfy(w -> assertThat(w).endsWith(":2:21: warning: embedded sample x.wav does not look like an audio file (no RIFF/FORM/fLaC/OggS header)"));
        assertThatThrownBy(() -> SfzImporter.load(sfz(ascii("<sample> name=x.wav\ndata=no end marker here"))))
                .isInstanceOf(SfzException.class).hasMessageEndingWith(":2:1: expected '$' to end the embedded sample data");
    }
}
