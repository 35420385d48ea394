package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlacReaderTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sine16, 2, 44100, 16, 1500", "sine24, 1, 48000, 24, 2000", "noise24, 2, 48000, 24, 600",
            "sine8, 1, 22050, 8, 700", "six16, 6, 32000, 16, 400"})
    void decodesBitIdenticalToTheWavItWasMadeFrom(String name, int channels, int rate, int bits, int frames) throws IOException {
        AudioData wav = WavReader.read(Fixtures.path(name + ".wav"));
        AudioData flac = AudioFiles.read(Fixtures.path(name + ".flac"));
        assertThat(flac.channelCount()).isEqualTo(channels);
        assertThat(flac.sampleRate()).isEqualTo(rate);
        assertThat(flac.format()).isEqualTo(new SampleFormat(bits, false));
        assertThat(flac.frames()).isEqualTo(frames);
        assertThat(wav.frames()).isEqualTo(frames);
        float peak = 0;
        for (int c = 0; c < channels; c++) {
            assertThat(flac.channels()[c]).as("channel %d", c).containsExactly(wav.channels()[c]);
            for (float v : flac.channels()[c]) peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).as("the fixture is not silence").isGreaterThan(0.4f);
    }

    @Test
    void probeSaysWhatTheStreamInfoSays() throws IOException {
        AudioFileInfo info = AudioFiles.probe(Fixtures.path("sine24.flac"));
        assertThat(info.type()).isEqualTo(AudioFileType.FLAC);
        assertThat(info.frames()).isEqualTo(2000);
        assertThat(info.sampleRate()).isEqualTo(48000);
        assertThat(info.isRawPcm()).isFalse();
        assertThat(info.byteOrder()).isNull();
        assertThat(info.metadata()).isEqualTo(SampleMetadata.NONE);
    }

    @Test
    void foreignSmplChunkGivesRootKeyFineTuneAndLoop() throws IOException {
        AudioData a = AudioFiles.read(Fixtures.path("smpl16.flac"));
        assertThat(a.metadata()).isEqualTo(new SampleMetadata(65, 50.0, List.of(new SampleMetadata.SampleLoop(100, 899, 0))));
        for (int i = 0; i < 1000; i++) assertThat(a.channels()[0][i]).isEqualTo(((i * 37) % 2000 - 1000) / 32768f);
    }

    @Test
    void readerContinuesJumpsForwardAndRestartsBackward() throws IOException {
        AudioData wav = WavReader.read(Fixtures.path("sine16.wav"));
        try (AudioReader r = AudioFiles.open(Fixtures.path("sine16.flac"))) {
            assertThat(r.randomAccess()).isFalse();
            int[][] spans = {{0, 300}, {300, 700}, {100, 10}, {1400, 200}, {1499, 1}, {5, 1495}, {1500, 5}};
            for (int[] s : spans) {
                float[][] dst = new float[2][s[1] + 3];
                int n = r.read(s[0], dst, 3, s[1]);
                int expected = Math.max(0, Math.min(s[1], 1500 - s[0]));
                assertThat(n).as("frames from %d", s[0]).isEqualTo(expected);
                for (int c = 0; c < 2; c++)
                    assertThat(Arrays.copyOfRange(dst[c], 3, 3 + n))
                            .containsExactly(Arrays.copyOfRange(wav.channels()[c], s[0], s[0] + n));
            }
        }
    }

    @Test
    void anId3v2TagInFrontIsSkipped() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine8.flac"));
        byte[] tag = Bytes.be().ascii("ID3").u8(3).u8(0).u8(0).u32(10).zeros(10).toArray();
        Path f = dir.resolve("tagged.flac");
        Files.write(f, concat(tag, flac));
        assertThat(AudioFiles.read(f).channels()[0]).containsExactly(WavReader.read(Fixtures.path("sine8.wav")).channels()[0]);
    }

    @Test
    void aCorruptFrameIsAnErrorNotSilence() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine24.flac"));
        byte[] bad = flac.clone();
        bad[bad.length - 700] ^= 0x10;   // inside the audio of a late frame
        Path f = Files.write(dir.resolve("bad.flac"), bad);
        assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith(f + ": FLAC").hasMessageContaining("corrupt");
    }

    @Test
    void aTruncatedStreamGivesTheCompleteFramesBeforeTheCut() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        Path f = Files.write(dir.resolve("cut.flac"), Arrays.copyOf(flac, flac.length / 2));
        AudioData a = AudioFiles.read(f);
        AudioData wav = WavReader.read(Fixtures.path("sine16.wav"));
        assertThat(a.frames()).isPositive().isLessThan(1500).matches(n -> n % 256 == 0, "whole 256-frame blocks");
        assertThat(a.channels()[1]).containsExactly(Arrays.copyOf(wav.channels()[1], a.frames()));
    }

    /** The header alone takes STREAMINFO's word for the length: the cut is found when the file is opened to be decoded. */
    @Test
    void openHeaderDoesNotLookForACutButOpenDoes() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        Path f = Files.write(dir.resolve("cut.flac"), Arrays.copyOf(flac, flac.length / 2));
        int present = AudioFiles.read(f).frames();
        try (AudioReader header = AudioFiles.openHeader(f); AudioReader whole = AudioFiles.open(f)) {
            assertThat(header.info().frames()).as("STREAMINFO's length").isEqualTo(1500);
            assertThat(header.info().damage()).isEmpty();
            assertThat(whole.info().frames()).isEqualTo(present).isLessThan(1500);
            assertThat(whole.info().damage()).hasSize(1);
        }
        Path wav = Fixtures.path("sine16.wav");
        try (AudioReader header = AudioFiles.openHeader(wav)) {
            assertThat(header.info().frames()).as("another kind opens as open() does").isEqualTo(1500);
        }
        Path meta = Files.write(dir.resolve("meta.flac"), Arrays.copyOf(flac, 20));
        assertThatThrownBy(() -> AudioFiles.openHeader(meta)).hasMessage(meta + ": file ends inside metadata block 0 (34 bytes declared, 12 present)");
    }

    @Test
    void badHeadersAreClearErrors() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        Path meta = Files.write(dir.resolve("meta.flac"), Arrays.copyOf(flac, 20));
        assertThatThrownBy(() -> AudioFiles.read(meta)).hasMessage(meta + ": file ends inside metadata block 0 (34 bytes declared, 12 present)");
        Path block1 = Files.write(dir.resolve("block1.flac"), Arrays.copyOf(flac, 43));
        assertThatThrownBy(() -> AudioFiles.read(block1)).hasMessageStartingWith(block1 + ": file ends inside the header of metadata block 1");
        byte[] b32 = flac.clone();
        b32[8 + 12] |= 0x01;              // bits-1 field: 15 -> 31
        b32[8 + 13] |= (byte) 0xF0;
        Path bits32 = Files.write(dir.resolve("b32.flac"), b32);
        assertThatThrownBy(() -> AudioFiles.read(bits32)).hasMessage(bits32 + ": FLAC with 32 bits per sample is not supported; expected 4 to 24");
        byte[] noSi = flac.clone();
        noSi[4] = (byte) ((noSi[4] & 0x80) | 4);
        Path first = Files.write(dir.resolve("first.flac"), noSi);
        assertThatThrownBy(() -> AudioFiles.read(first)).hasMessage(first + ": first metadata block has type 4, expected STREAMINFO (0)");
        byte[] hdr = Arrays.copyOf(flac, 42);
        hdr[4] |= (byte) 0x80;            // STREAMINFO is the last block, and nothing follows it
        Path onlyHeader = Files.write(dir.resolve("hdr.flac"), hdr);
        assertThatThrownBy(() -> AudioFiles.read(onlyHeader)).hasMessage(onlyHeader + ": has no audio frames after its metadata");
    }

    @Test
    void wholeFileReadsCheckTheMd5SignatureStreamingReadsDoNot() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        flac[8 + 18 + 5] ^= 0x40;          // one bit of the MD5 in STREAMINFO (not covered by any CRC)
        Path f = Files.write(dir.resolve("md5.flac"), flac);
        assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class)
                .hasMessage(f + ": decoded FLAC audio does not match the MD5 signature in its STREAMINFO: the file is corrupt");
        try (AudioReader r = AudioFiles.open(f)) {
            assertThat(r.read(0, new float[2][1500], 0, 1500)).isEqualTo(1500);
        }
    }

    @Test
    void aStreamWithoutATotalLengthDecodesToItsEnd() throws IOException {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        flac[8 + 13] &= (byte) 0xF0;       // the 36-bit total: low nibble of byte 13, then bytes 14..17
        Arrays.fill(flac, 8 + 14, 8 + 18, (byte) 0);
        Path f = Files.write(dir.resolve("nototal.flac"), flac);
        assertThat(AudioFiles.probe(f).frames()).isEqualTo(-1);
        assertThat(AudioFiles.probe(f).durationSeconds()).isNaN();
        AudioData a = AudioFiles.read(f);
        assertThat(a.channels()[0]).containsExactly(WavReader.read(Fixtures.path("sine16.wav")).channels()[0]);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
