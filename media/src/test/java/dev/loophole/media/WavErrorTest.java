package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one MediaException that names the file and says what was expected. */
class WavErrorTest {
    @TempDir Path dir;

    private Path valid() throws IOException {
        Path f = dir.resolve("valid.wav");
        WavWriter.write(f, new AudioData(Signals.onGrid(SampleFormat.PCM_16, 2, 100, 1), 44100, SampleFormat.PCM_16,
                new SampleMetadata(60, 0, java.util.List.of())));
        return f;
    }

    @Test
    void everyTruncationOfTheHeaderIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(valid());
        int dataOffset = (int) WavReader.probe(valid()).dataOffset();
        for (int len = 0; len < dataOffset + 4; len++) {
            Path f = Files.write(dir.resolve("cut" + len + ".wav"), Arrays.copyOf(whole, len));
            assertThatThrownBy(() -> AudioFiles.read(f)).as("length %d", len)
                    .isInstanceOf(MediaException.class)
                    .hasMessageStartingWith(f + ": ");
        }
        // One complete frame in: the audio that is there is returned, and the shortfall is reported.
        Path f = Files.write(dir.resolve("oneframe.wav"), Arrays.copyOf(whole, dataOffset + 5));
        assertThat(AudioFiles.read(f).frames()).isEqualTo(1);
        int frameBytes = AudioFiles.probe(valid()).bytesPerFrame();
        assertThat(AudioFiles.probe(f).damage()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.TRUNCATED);
            assertThat(p.file()).isEqualTo(f);
            assertThat(p.message()).contains("(400 bytes) claims " + 400 / frameBytes + " frames but only 1 are present");
        });
        assertThat(AudioFiles.probe(f).warnings()).isEmpty();
    }

    @Test
    void aHeaderClaimingTenGigabytesReadsWhatIsThere() throws IOException {
        Bytes body = Bytes.le().ascii("WAVE")
                .chunk("ds64", Bytes.le().u64(10L << 30).u64(10L << 30).u64(0).u32(0))
                .chunk("fmt ", Bytes.fmt(1, 1, 44100, 16))
                .ascii("data").u32(0xFFFFFFFFL).u16(0x4000).u16(0x2000).u16(0x1000);
        Path f = Bytes.le().ascii("RF64").u32(0xFFFFFFFFL).raw(body.toArray()).writeTo(dir.resolve("liar.wav"));
        AudioData a = AudioFiles.read(f);
        assertThat(a.channels()[0]).containsExactly(0.5f, 0.25f, 0.125f);
        // 10 GiB of 2-byte mono frames claimed, 3 present.
        assertThat(AudioFiles.probe(f).damage()).singleElement().asString()
                .isEqualTo(f + ": data chunk (10737418240 bytes) claims 5368709120 frames but only 3 are present; playing those");

        // The same lie in a plain RIFF header (2 GiB, the most a signed reader might take).
        Path g = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 16)).ascii("data").u32(0x80000000L).u16(0x4000))
                .writeTo(dir.resolve("liar2.wav"));
        assertThat(AudioFiles.read(g).channels()[0]).containsExactly(0.5f);
    }

    @Test
    void zeroLengthData() throws IOException {
        Path f = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 2, 44100, 16)).chunk("data", Bytes.le()))
                .writeTo(dir.resolve("empty.wav"));
        assertThatThrownBy(() -> WavReader.read(f)).isInstanceOf(MediaException.class)
                .hasMessage(f + ": data chunk is empty (0 frames)");
        Path g = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 2, 44100, 16)).chunk("data", Bytes.le().u16(1)))
                .writeTo(dir.resolve("partial.wav"));
        assertThatThrownBy(() -> WavReader.read(g)).hasMessageContaining("less than one 4-byte frame");
    }

    @Test
    void unsupportedCodecsAreNamed() throws IOException {
        Path adpcm = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(2, 1, 44100, 4).u16(2).u16(0x1F4))
                .chunk("data", Bytes.le().zeros(64))).writeTo(dir.resolve("adpcm.wav"));
        assertThatThrownBy(() -> AudioFiles.read(adpcm)).isInstanceOf(MediaException.class)
                .hasMessage(adpcm + ": uses Microsoft ADPCM (format tag 0x0002); only PCM and IEEE float WAV files are supported");
        Path mp3 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(0x55, 2, 44100, 0)).chunk("data", Bytes.le().zeros(64)))
                .writeTo(dir.resolve("mp3.wav"));
        assertThatThrownBy(() -> AudioFiles.read(mp3)).hasMessageContaining("MP3 (format tag 0x0055)");
        Path odd = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(0x1234, 2, 44100, 16)).chunk("data", Bytes.le().zeros(64)))
                .writeTo(dir.resolve("odd.wav"));
        assertThatThrownBy(() -> AudioFiles.read(odd)).hasMessageContaining("an unknown codec (format tag 0x1234)");
        Path guid = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.le().u16(0xFFFE).u16(1).u32(44100).u32(88200).u16(2).u16(16)
                .u16(22).u16(16).u32(0).u16(1).zeros(14)).chunk("data", Bytes.le().zeros(64))).writeTo(dir.resolve("guid.wav"));
        assertThatThrownBy(() -> AudioFiles.read(guid)).hasMessageContaining("subformat 0100000000")
                .hasMessageContaining("expected PCM or IEEE float");
        Path f24 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(3, 1, 44100, 24)).chunk("data", Bytes.le().zeros(60)))
                .writeTo(dir.resolve("f24.wav"));
        assertThatThrownBy(() -> AudioFiles.read(f24)).hasMessageContaining("IEEE float with 24 bits per sample; expected 32 or 64");
    }

    @Test
    void impossibleFormatFields() throws IOException {
        Path ch0 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 0, 44100, 16)).chunk("data", Bytes.le().zeros(8)))
                .writeTo(dir.resolve("ch0.wav"));
        assertThatThrownBy(() -> WavReader.read(ch0)).hasMessage(ch0 + ": fmt chunk says 0 channels");
        Path rate0 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 0, 16)).chunk("data", Bytes.le().zeros(8)))
                .writeTo(dir.resolve("rate0.wav"));
        assertThatThrownBy(() -> WavReader.read(rate0)).hasMessage(rate0 + ": fmt chunk says sample rate 0 Hz");
        Path shortFmt = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.le().u16(1).u16(1)).chunk("data", Bytes.le().zeros(8)))
                .writeTo(dir.resolve("shortfmt.wav"));
        assertThatThrownBy(() -> WavReader.read(shortFmt)).hasMessage(shortFmt + ": fmt chunk is 4 bytes, expected at least 16");
        Path noFmt = Bytes.riff(Bytes.le().chunk("data", Bytes.le().zeros(8))).writeTo(dir.resolve("nofmt.wav"));
        assertThatThrownBy(() -> WavReader.read(noFmt)).hasMessageContaining("has no fmt chunk");
        Path noData = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 16))).writeTo(dir.resolve("nodata.wav"));
        assertThatThrownBy(() -> WavReader.read(noData)).hasMessage(noData + ": has no data chunk, so no audio (the file ends after the 'fmt ' chunk)");
        Path avi = Bytes.le().ascii("RIFF").u32(4).ascii("AVI ").writeTo(dir.resolve("x.avi"));
        assertThatThrownBy(() -> WavReader.read(avi)).hasMessage(avi + ": RIFF file of type 'AVI ', expected 'WAVE'");
        Path rf64 = Bytes.le().ascii("RF64").u32(0xFFFFFFFFL).ascii("WAVE").chunk("fmt ", Bytes.fmt(1, 1, 44100, 16))
                .writeTo(dir.resolve("nods64.wav"));
        assertThatThrownBy(() -> WavReader.read(rf64)).hasMessage(rf64 + ": RF64 file whose first chunk is 'fmt ', expected 'ds64'");
    }

    @Test
    void directoriesMissingFilesAndOtherFiles() throws IOException {
        assertThatThrownBy(() -> AudioFiles.read(dir)).isInstanceOf(MediaException.class)
                .hasMessage(dir + ": is a directory, not an audio file");
        Path missing = dir.resolve("nope.wav");
        assertThatThrownBy(() -> WavReader.read(missing)).hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> AudioFiles.probe(missing)).hasMessage(missing + ": file not found");
        Path text = Files.writeString(dir.resolve("notes.wav"), "hello, this is text");
        assertThatThrownBy(() -> AudioFiles.read(text)).hasMessage(text + ": is not a supported audio file: it starts with 'hell'; "
                + "expected RIFF/RF64 (WAV), FORM (AIFF), fLaC (FLAC) or OggS (Ogg Vorbis)");
        Path tiny = Files.write(dir.resolve("tiny.wav"), new byte[]{1, 2});
        assertThatThrownBy(() -> AudioFiles.read(tiny)).hasMessage(tiny + ": is 2 bytes long, too short to be an audio file");
        assertThatThrownBy(() -> WavWriter.write(dir.resolve("no/such/dir/x.wav"), new AudioData(new float[1][1], 8000, SampleFormat.PCM_16, null)))
                .isInstanceOf(MediaException.class).hasMessageContaining("does not exist");
    }
}
