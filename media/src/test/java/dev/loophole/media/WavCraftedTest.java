package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV files built byte by byte, covering what our writer never produces. */
class WavCraftedTest {
    @TempDir Path dir;

    private static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};

    private static Bytes extensibleFmt(int subTag, int channels, int rate, int containerBits, int validBits) {
        int align = channels * containerBits / 8;
        return Bytes.le().u16(0xFFFE).u16(channels).u32(rate).u32((long) rate * align).u16(align).u16(containerBits)
                .u16(22).u16(validBits).u32(0).u16(subTag).raw(GUID_TAIL);
    }

    @Test
    void extensiblePcm24In32BitContainersThreeChannels() throws IOException {
        // 24 valid bits left-justified in 32-bit words: the low byte is zero.
        Bytes data = Bytes.le().u32(0x7FFFFF00L).u32(0x80000000L).u32(0x00000100L)
                .u32(0xFFFFFF00L).u32(0x40000000L).u32(0);
        Path f = Bytes.riff(Bytes.le().chunk("fmt ", extensibleFmt(1, 3, 48000, 32, 24)).chunk("data", data))
                .writeTo(dir.resolve("ext24.wav"));
        AudioData a = AudioFiles.read(f);
        assertThat(a.format()).isEqualTo(SampleFormat.PCM_32);
        assertThat(a.channelCount()).isEqualTo(3);
        assertThat(a.channels()[0]).containsExactly(8388607f / 8388608, -1f / 8388608);
        assertThat(a.channels()[1]).containsExactly(-1f, 0.5f);
        assertThat(a.channels()[2]).containsExactly(1f / 8388608, 0f);
    }

    @Test
    void extensibleFloatSubformatAndPlainFloat64() throws IOException {
        Path f32 = Bytes.riff(Bytes.le().chunk("fmt ", extensibleFmt(3, 1, 44100, 32, 32))
                .chunk("data", Bytes.le().f32(0.25f).f32(-1.75f).f32(Float.NaN))).writeTo(dir.resolve("extf.wav"));
        AudioData a = WavReader.read(f32);
        assertThat(a.format()).isEqualTo(SampleFormat.FLOAT_32);
        assertThat(a.channels()[0]).containsExactly(0.25f, -1.75f, 0f);

        Path f64 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(3, 2, 96000, 64).u16(0))
                .chunk("data", Bytes.le().f64(0.1).f64(-0.5).f64(1e-3).f64(Double.POSITIVE_INFINITY))).writeTo(dir.resolve("f64.wav"));
        AudioData b = WavReader.read(f64);
        assertThat(b.format()).isEqualTo(new SampleFormat(64, true));
        assertThat(b.sampleRate()).isEqualTo(96000);
        assertThat(b.channels()[0]).containsExactly(0.1f, 1e-3f);
        assertThat(b.channels()[1]).containsExactly(-0.5f, 0f);
    }

    @Test
    void pcm8And16And24AreScaledByTwoToTheBitsMinusOne() throws IOException {
        Path u8 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 8000, 8))
                .chunk("data", Bytes.le().u8(0).u8(0x80).u8(0xFF))).writeTo(dir.resolve("u8.wav"));
        assertThat(WavReader.read(u8).channels()[0]).containsExactly(-1f, 0f, 127f / 128);
        Path s16 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 8000, 16))
                .chunk("data", Bytes.le().u16(0x8000).u16(0x7FFF).u16(0xFFFF))).writeTo(dir.resolve("s16.wav"));
        assertThat(WavReader.read(s16).channels()[0]).containsExactly(-1f, 32767f / 32768, -1f / 32768);
        Path s24 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 8000, 24))
                .chunk("data", Bytes.le().u24(0x800000).u24(0x7FFFFF).u24(0xFFFFFF).u24(0x000001))).writeTo(dir.resolve("s24.wav"));
        assertThat(WavReader.read(s24).channels()[0]).containsExactly(-1f, 8388607f / 8388608, -1f / 8388608, 1f / 8388608);
        // 12-bit PCM sits left-justified in 16-bit containers.
        Path s12 = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 8000, 12))
                .chunk("data", Bytes.le().u16(0x8000).u16(0x0010))).writeTo(dir.resolve("s12.wav"));
        assertThat(WavReader.read(s12).channels()[0]).containsExactly(-1f, 1f / 2048);
    }

    @Test
    void oddChunksArePaddedUnknownChunksSkippedAndMissingPadTolerated() throws IOException {
        Bytes chunks = Bytes.le().chunk("abcd", Bytes.le().u8(1).u8(2).u8(3))          // odd: padded to 4
                .chunk("fmt ", Bytes.fmt(1, 2, 22050, 16))
                .chunk("LIST", Bytes.le().ascii("INFO").chunk("INAM", Bytes.le().ascii("odd\0")))
                .chunk("data", Bytes.le().u16(1).u16(2).u16(3).u16(4));
        AudioData a = WavReader.read(Bytes.riff(chunks).writeTo(dir.resolve("pad.wav")));
        assertThat(a.channels()[0]).containsExactly(1f / 32768, 3f / 32768);
        assertThat(a.channels()[1]).containsExactly(2f / 32768, 4f / 32768);

        // A writer that forgot the pad byte after an odd chunk: the next header is one byte early.
        Bytes unpadded = Bytes.le().ascii("junk").u32(3).u8(9).u8(9).u8(9)
                .chunk("fmt ", Bytes.fmt(1, 1, 22050, 16)).chunk("data", Bytes.le().u16(5));
        AudioFileInfo info = WavReader.probe(Bytes.riff(unpadded).writeTo(dir.resolve("nopad.wav")));
        assertThat(info.frames()).isEqualTo(1);
        assertThat(info.channels()).isEqualTo(1);
    }

    @Test
    void instGivesRootKeyWhenAloneAndSmplWinsWhenBothExist() throws IOException {
        Bytes inst = Bytes.le().u8(57).u8(-7 & 0xFF).u8(0).u8(0).u8(127).u8(1).u8(127);
        Bytes fmtAndData = Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 16)).chunk("data", Bytes.le().zeros(200));
        SampleMetadata alone = WavReader.read(Bytes.riff(Bytes.le().raw(fmtAndData.toArray()).chunk("inst", inst))
                .writeTo(dir.resolve("inst.wav"))).metadata();
        assertThat(alone.rootKey()).isEqualTo(57);
        assertThat(alone.fineTune()).isEqualTo(-7.0);

        Bytes smpl = Bytes.le().u32(0).u32(0).u32(22676).u32(64).u32(0x40000000L).u32(0).u32(0).u32(1).u32(0)
                .u32(0).u32(0).u32(10).u32(90).u32(0).u32(0);
        SampleMetadata both = WavReader.read(Bytes.riff(Bytes.le().chunk("inst", inst).raw(fmtAndData.toArray()).chunk("smpl", smpl))
                .writeTo(dir.resolve("both.wav"))).metadata();
        assertThat(both).isEqualTo(new SampleMetadata(64, 25.0, List.of(new SampleMetadata.SampleLoop(10, 90, 0))));
    }

    @Test
    void smplLoopsOutsideTheAudioAreDroppedWithAWarning() throws IOException {
        Bytes smpl = Bytes.le().u32(0).u32(0).u32(0).u32(60).u32(0).u32(0).u32(0).u32(3).u32(0)
                .u32(0).u32(0).u32(10).u32(99).u32(0).u32(0)        // fine: last frame is 99
                .u32(1).u32(0).u32(50).u32(100).u32(0).u32(0)       // ends past the audio
                .u32(2).u32(1).u32(70).u32(60).u32(0).u32(0);       // end before start
        Path f = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 8)).chunk("data", Bytes.le().zeros(100))
                .chunk("smpl", smpl)).writeTo(dir.resolve("loops.wav"));
        AudioFileInfo info = WavReader.probe(f);
        assertThat(info.metadata().loops()).containsExactly(new SampleMetadata.SampleLoop(10, 99, 0));
        assertThat(info.warnings()).hasSize(2).allMatch(w -> w.contains("ignored"));
    }

    @Test
    void cuePointsWithLabels() throws IOException {
        Bytes cue = Bytes.le().u32(2)
                .u32(1).u32(0).ascii("data").u32(0).u32(0).u32(12)
                .u32(7).u32(30).ascii("data").u32(0).u32(0).u32(0);   // only dwPosition filled in
        Bytes adtl = Bytes.le().ascii("adtl").chunk("labl", Bytes.le().u32(1).ascii("attack\0"))
                .chunk("labl", Bytes.le().u32(7).ascii("tail\0"));
        Path f = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 16)).chunk("data", Bytes.le().zeros(100))
                .chunk("cue ", cue).chunk("LIST", adtl)).writeTo(dir.resolve("cue.wav"));
        assertThat(WavReader.probe(f).cues()).containsExactly(new CuePoint(1, 12, "attack"), new CuePoint(7, 30, "tail"));
    }

    @Test
    void rf64WithDs64SizesAndStreamingDataSize() throws IOException {
        Bytes data = Bytes.le().u16(100).u16(-100 & 0xFFFF).u16(200).u16(-200 & 0xFFFF);
        Bytes body = Bytes.le().ascii("WAVE")
                .chunk("ds64", Bytes.le().u64(0).u64(8).u64(2).u32(0))
                .chunk("fmt ", Bytes.fmt(1, 2, 44100, 16))
                .ascii("data").u32(0xFFFFFFFFL).raw(data.toArray())
                .chunk("smpl", Bytes.le().u32(0).u32(0).u32(0).u32(69).u32(0).u32(0).u32(0).u32(0).u32(0));
        Path f = Bytes.le().ascii("RF64").u32(0xFFFFFFFFL).raw(body.toArray()).writeTo(dir.resolve("rf64.wav"));
        AudioData a = AudioFiles.read(f);
        assertThat(a.channels()[0]).containsExactly(100f / 32768, 200f / 32768);
        assertThat(a.channels()[1]).containsExactly(-100f / 32768, -200f / 32768);
        assertThat(a.metadata().rootKey()).as("the chunk after an RF64 data chunk is found").isEqualTo(69);
    }

    @Test
    void rf64BeyondFourGigabytesProbesAndReadsAtTheEnd() throws IOException {
        // A sparse file: 5 GiB of stereo 16-bit frames, of which only the last one is written.
        long dataBytes = 5L << 30;
        Bytes head = Bytes.le().ascii("RF64").u32(0xFFFFFFFFL).ascii("WAVE")
                .chunk("ds64", Bytes.le().u64(dataBytes + 72).u64(dataBytes).u64(dataBytes / 4).u32(0))
                .chunk("fmt ", Bytes.fmt(1, 2, 48000, 16))
                .ascii("data").u32(0xFFFFFFFFL);
        Path f = head.writeTo(dir.resolve("big.wav"));
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(head.size() + dataBytes);
            raf.seek(head.size() + dataBytes - 4);
            raf.write(Bytes.le().u16(0x4000).u16(0xC000).toArray());
        }
        AudioFileInfo info = AudioFiles.probe(f);
        assertThat(info.frames()).isEqualTo(dataBytes / 4);
        assertThat(info.dataOffset()).isEqualTo(head.size());
        float[][] dst = new float[2][4];
        int n = AudioFiles.readFrames(f, info.frames() - 2, dst, 1, 3);
        assertThat(n).isEqualTo(2);
        assertThat(dst[0]).containsExactly(0f, 0f, 0.5f, 0f);
        assertThat(dst[1]).containsExactly(0f, 0f, -0.5f, 0f);
    }

    @Test
    void readerContinuesFromAnyFrame() throws IOException {
        float[][] x = Signals.onGrid(SampleFormat.PCM_16, 2, 50_000, 11);
        Path f = dir.resolve("stream.wav");
        WavWriter.write(f, new AudioData(x, 44100, SampleFormat.PCM_16, null));
        try (AudioReader r = AudioFiles.open(f)) {
            assertThat(r.randomAccess()).isTrue();
            float[][] head = new float[2][1000];
            assertThat(r.read(0, head, 0, 1000)).isEqualTo(1000);
            float[][] rest = new float[2][49_000 + 10];
            assertThat(r.read(1000, rest, 10, 60_000 - 1000 - 10_000)).isEqualTo(49_000);
            for (int i = 0; i < 49_000; i++) assertThat(rest[1][10 + i]).isEqualTo(x[1][1000 + i]);
            assertThat(head[0][999]).isEqualTo(x[0][999]);
            assertThat(r.read(50_000, rest, 0, 10)).isZero();
        }
    }
}
