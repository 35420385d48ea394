package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AIFF and AIFF-C files built byte by byte. */
class AiffReaderTest {
    @TempDir Path dir;

    /** Appends an integer sample rate as an 80-bit extended float. */
    static Bytes rate80(Bytes b, long rate) {
        int e = 63 - Long.numberOfLeadingZeros(rate);
        return b.u16(16383 + e).u64(rate << (63 - e));
    }

    static Bytes comm(int channels, long frames, int bits, long rate) {
        return rate80(Bytes.be().u16(channels).u32(frames).u16(bits), rate);
    }

    static Bytes aifcComm(int channels, long frames, int bits, long rate, String compression) {
        return rate80(Bytes.be().u16(channels).u32(frames).u16(bits), rate).ascii(compression).u8(0).u8(0);
    }

    static Bytes ssnd(Bytes data) {
        return Bytes.be().u32(0).u32(0).raw(data.toArray());
    }

    static Bytes form(String type, Bytes chunks) {
        byte[] b = chunks.toArray();
        return Bytes.be().ascii("FORM").u32(4 + b.length).ascii(type).raw(b);
    }

    @Test
    void anAiffWrittenBySoxMatchesTheWavItWasMadeFrom() throws IOException {
        AudioData wav = WavReader.read(Fixtures.path("sine16.wav"));
        AudioData aiff = AudioFiles.read(Fixtures.path("sine16.aiff"));
        assertThat(aiff.sampleRate()).isEqualTo(44100);
        assertThat(aiff.frames()).isEqualTo(1500);
        assertThat(aiff.channels()[0]).containsExactly(wav.channels()[0]);
        assertThat(aiff.channels()[1]).containsExactly(wav.channels()[1]);
    }

    @Test
    void extendedRatesDecode() {
        for (long rate : new long[]{8000, 11025, 22050, 44100, 48000, 96000, 192000, 1})
            assertThat(AiffReader.extendedToDouble(ByteBuffer.wrap(rate80(Bytes.be(), rate).toArray()), 0)).isEqualTo(rate);
        // The classic Macintosh rate 22254.545454… (0x400D ADDD1745D145826B).
        byte[] mac = Bytes.be().u16(0x400D).u64(0xADDD1745D145826BL).toArray();
        assertThat(AiffReader.extendedToDouble(ByteBuffer.wrap(mac), 0)).isCloseTo(22254.545454, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void bigEndianPcmAtEveryWidth() throws IOException {
        Path f8 = form("AIFF", Bytes.be().chunk("COMM", comm(1, 3, 8, 22050))
                .chunk("SSND", ssnd(Bytes.be().u8(0x80).u8(0x7F).u8(0xFF)))).writeTo(dir.resolve("s8.aif"));
        AudioData a8 = AudioFiles.read(f8);
        assertThat(a8.channels()[0]).as("AIFF 8-bit is signed").containsExactly(-1f, 127f / 128, -1f / 128);
        assertThat(a8.sampleRate()).isEqualTo(22050);

        Path f16 = form("AIFF", Bytes.be().chunk("COMM", comm(2, 2, 16, 44100))
                .chunk("SSND", ssnd(Bytes.be().u16(0x8000).u16(0x7FFF).u16(0x0001).u16(0xFFFF)))).writeTo(dir.resolve("s16.aiff"));
        AudioData a16 = AudioFiles.read(f16);
        assertThat(a16.channels()[0]).containsExactly(-1f, 1f / 32768);
        assertThat(a16.channels()[1]).containsExactly(32767f / 32768, -1f / 32768);

        Path f24 = form("AIFF", Bytes.be().chunk("COMM", comm(1, 2, 24, 96000))
                .chunk("SSND", ssnd(Bytes.be().u24(0x800000).u24(0x400000)))).writeTo(dir.resolve("s24.aiff"));
        assertThat(AudioFiles.read(f24).channels()[0]).containsExactly(-1f, 0.5f);
        assertThat(AudioFiles.read(f24).format()).isEqualTo(SampleFormat.PCM_24);

        // 20-bit samples are left-justified in 3 bytes.
        Path f20 = form("AIFF", Bytes.be().chunk("COMM", comm(1, 1, 20, 48000))
                .chunk("SSND", ssnd(Bytes.be().u24(0x000010)))).writeTo(dir.resolve("s20.aiff"));
        assertThat(AudioFiles.read(f20).channels()[0]).containsExactly(1f / (1 << 19));

        Path f32 = form("AIFF", Bytes.be().chunk("COMM", comm(1, 2, 32, 48000))
                .chunk("SSND", ssnd(Bytes.be().u32(0x80000000L).u32(0x00000100L)))).writeTo(dir.resolve("s32.aiff"));
        assertThat(AudioFiles.read(f32).channels()[0]).containsExactly(-1f, 256f / 2147483648f);
    }

    @Test
    void aifcCompressionTypes() throws IOException {
        Path sowt = form("AIFC", Bytes.be().chunk("FVER", Bytes.be().u32(0xA2805140L))
                .chunk("COMM", aifcComm(1, 2, 16, 44100, "sowt"))
                .chunk("SSND", ssnd(Bytes.le().u16(0x4000).u16(0x8000)))).writeTo(dir.resolve("sowt.aifc"));
        AudioData a = AudioFiles.read(sowt);
        assertThat(a.channels()[0]).containsExactly(0.5f, -1f);
        assertThat(AudioFiles.probe(sowt).byteOrder()).isEqualTo(java.nio.ByteOrder.LITTLE_ENDIAN);

        Path fl32 = form("AIFC", Bytes.be().chunk("COMM", aifcComm(2, 1, 32, 48000, "fl32"))
                .chunk("SSND", ssnd(Bytes.be().f32(0.75f).f32(-2.5f)))).writeTo(dir.resolve("fl32.aifc"));
        AudioData b = AudioFiles.read(fl32);
        assertThat(b.format()).isEqualTo(SampleFormat.FLOAT_32);
        assertThat(b.channels()[0]).containsExactly(0.75f);
        assertThat(b.channels()[1]).containsExactly(-2.5f);

        Path fl64 = form("AIFC", Bytes.be().chunk("COMM", aifcComm(1, 2, 64, 48000, "fl64"))
                .chunk("SSND", ssnd(Bytes.be().f64(0.125).f64(-0.0625)))).writeTo(dir.resolve("fl64.aifc"));
        assertThat(AudioFiles.read(fl64).channels()[0]).containsExactly(0.125f, -0.0625f);

        Path in24 = form("AIFC", Bytes.be().chunk("COMM", aifcComm(1, 1, 24, 48000, "in24"))
                .chunk("SSND", ssnd(Bytes.be().u24(0xC00000)))).writeTo(dir.resolve("in24.aifc"));
        assertThat(AudioFiles.read(in24).channels()[0]).containsExactly(-0.5f);

        Path ima = form("AIFC", Bytes.be().chunk("COMM", aifcComm(1, 64, 16, 44100, "ima4"))
                .chunk("SSND", ssnd(Bytes.be().zeros(34)))).writeTo(dir.resolve("ima.aifc"));
        assertThatThrownBy(() -> AudioFiles.read(ima)).isInstanceOf(MediaException.class)
                .hasMessage(ima + ": AIFF-C compression 'ima4' (IMA 4:1 ADPCM) is not supported; "
                        + "expected NONE, twos, sowt, in24, in32, raw, fl32 or fl64");
    }

    @Test
    void ssndOffsetAndChunkOrderAndUnknownChunks() throws IOException {
        // SSND first, with a 4-byte offset before the samples; an odd-sized unknown chunk in between.
        Bytes chunks = Bytes.be().chunk("SSND", Bytes.be().u32(4).u32(0).u32(0xDEADBEEFL).u16(0x2000).u16(0xE000))
                .chunk("NAME", Bytes.be().ascii("abc"))
                .chunk("COMM", comm(1, 2, 16, 32000));
        AudioData a = AudioFiles.read(form("AIFF", chunks).writeTo(dir.resolve("order.aiff")));
        assertThat(a.channels()[0]).containsExactly(0.25f, -0.25f);
        assertThat(a.sampleRate()).isEqualTo(32000);
    }

    @Test
    void markAndInstBecomeRootKeyFineTuneAndLoops() throws IOException {
        Bytes mark = Bytes.be().u16(3)
                .u16(1).u32(100).u8(5).ascii("begin")           // 1 + 5 = 6 bytes: already even
                .u16(2).u32(900).u8(3).ascii("end")             // 1 + 3 = 4 bytes: even
                .u16(7).u32(50).u8(2).ascii("rl").u8(0);        // 1 + 2 = 3 bytes: padded
        Bytes inst = Bytes.be().u8(62).u8(-12 & 0xFF).u8(0).u8(127).u8(1).u8(127).u16(0)
                .u16(1).u16(1).u16(2)          // sustain: forward, markers 1..2
                .u16(2).u16(7).u16(1);         // release: forward/backward, markers 7..1
        Path f = form("AIFF", Bytes.be().chunk("COMM", comm(1, 1000, 16, 44100)).chunk("MARK", mark).chunk("INST", inst)
                .chunk("SSND", ssnd(Bytes.be().zeros(2000)))).writeTo(dir.resolve("inst.aiff"));
        AudioFileInfo info = AudioFiles.probe(f);
        assertThat(info.metadata()).isEqualTo(new SampleMetadata(62, -12, List.of(
                new SampleMetadata.SampleLoop(100, 899, 0), new SampleMetadata.SampleLoop(50, 99, 1))));
        assertThat(info.cues()).containsExactly(new CuePoint(1, 100, "begin"), new CuePoint(2, 900, "end"), new CuePoint(7, 50, "rl"));
        assertThat(info.type()).isEqualTo(AudioFileType.AIFF);
        assertThat(info.warnings()).isEmpty();
    }

    @Test
    void instLoopToAMissingMarkerIsIgnoredWithAWarning() throws IOException {
        Bytes inst = Bytes.be().u8(60).u8(0).u8(0).u8(127).u8(1).u8(127).u16(0).u16(1).u16(1).u16(9).u16(0).u16(0).u16(0);
        Path f = form("AIFF", Bytes.be().chunk("COMM", comm(1, 10, 16, 44100)).chunk("INST", inst)
                .chunk("SSND", ssnd(Bytes.be().zeros(20)))).writeTo(dir.resolve("nomark.aiff"));
        AudioFileInfo info = AudioFiles.probe(f);
        assertThat(info.metadata().rootKey()).isEqualTo(60);
        assertThat(info.metadata().loops()).isEmpty();
        assertThat(info.warnings()).singleElement().asString().contains("marker");
    }

    @Test
    void truncatedAndEmptyAndBrokenFiles() throws IOException {
        Path shortData = form("AIFF", Bytes.be().chunk("COMM", comm(2, 1_000_000_000L, 16, 44100))
                .chunk("SSND", ssnd(Bytes.be().u16(0x4000).u16(0x2000).u16(1)))).writeTo(dir.resolve("short.aiff"));
        AudioData a = AudioFiles.read(shortData);
        assertThat(a.frames()).isEqualTo(1);
        assertThat(a.channels()[1]).containsExactly(0.25f);
        assertThat(AudioFiles.probe(shortData).damage()).singleElement().asString()
                .isEqualTo(shortData + ": COMM chunk claims 1000000000 frames but only 1 are present; playing those");

        Path empty = form("AIFF", Bytes.be().chunk("COMM", comm(1, 0, 16, 44100)).chunk("SSND", ssnd(Bytes.be())))
                .writeTo(dir.resolve("empty.aiff"));
        assertThatThrownBy(() -> AudioFiles.read(empty)).hasMessage(empty + ": COMM chunk says 0 frames (no audio)");
        Path noComm = form("AIFF", Bytes.be().chunk("SSND", ssnd(Bytes.be().zeros(4)))).writeTo(dir.resolve("nocomm.aiff"));
        assertThatThrownBy(() -> AudioFiles.read(noComm)).hasMessageContaining("has no COMM chunk");
        Path noSsnd = form("AIFF", Bytes.be().chunk("COMM", comm(1, 5, 16, 44100))).writeTo(dir.resolve("nossnd.aiff"));
        assertThatThrownBy(() -> AudioFiles.read(noSsnd)).hasMessage(noSsnd + ": has no SSND chunk, so no audio");
        Path shortComm = form("AIFC", Bytes.be().chunk("COMM", comm(1, 5, 16, 44100))).writeTo(dir.resolve("shortcomm.aifc"));
        assertThatThrownBy(() -> AudioFiles.read(shortComm)).hasMessage(shortComm + ": COMM chunk has 18 bytes, expected 22 for AIFC");
        Path rate0 = form("AIFF", Bytes.be().chunk("COMM", Bytes.be().u16(1).u32(1).u16(16).zeros(10))
                .chunk("SSND", ssnd(Bytes.be().zeros(2)))).writeTo(dir.resolve("rate0.aiff"));
        assertThatThrownBy(() -> AudioFiles.read(rate0)).hasMessage(rate0 + ": COMM chunk says sample rate 0.0 Hz");
        Path svx = Bytes.be().ascii("FORM").u32(4).ascii("8SVX").writeTo(dir.resolve("x.8svx"));
        assertThatThrownBy(() -> AudioFiles.read(svx)).hasMessage(svx + ": FORM file of type '8SVX', expected 'AIFF' or 'AIFC'");
    }
}
