package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WavRoundTripTest {
    @TempDir Path dir;

    static Stream<Arguments> formatsAndChannels() {
        List<SampleFormat> formats = List.of(new SampleFormat(8, false), SampleFormat.PCM_16, SampleFormat.PCM_24,
                SampleFormat.PCM_32, SampleFormat.FLOAT_32, new SampleFormat(64, true));
        return formats.stream().flatMap(f -> Stream.of(1, 2, 6).map(ch -> Arguments.of(f, ch)));
    }

    @ParameterizedTest(name = "{0}, {1} channels")
    @MethodSource("formatsAndChannels")
    void gridValuesRoundTripExactly(SampleFormat format, int channels) throws IOException {
        float[][] x = Signals.onGrid(format, channels, 3001, 42 + channels);
        Path f = dir.resolve("rt.wav");
        WavWriter.write(f, new AudioData(x, 48000, format, null));

        AudioData back = WavReader.read(f);
        assertThat(back.format()).isEqualTo(format);
        assertThat(back.sampleRate()).isEqualTo(48000);
        assertThat(back.channelCount()).isEqualTo(channels);
        for (int c = 0; c < channels; c++) assertThat(back.channels()[c]).as("channel %d", c).containsExactly(x[c]);
        // Odd byte counts (8-bit mono) must be padded: the file length is even.
        assertThat(Files.size(f) % 2).isZero();
        AudioFileInfo info = AudioFiles.probe(f);
        assertThat(info.frames()).isEqualTo(3001);
        assertThat(info.warnings()).isEmpty();
        long dataBytes = 3001L * channels * format.bytesPerSample();
        assertThat(Files.size(f)).isEqualTo(info.dataOffset() + dataBytes + (dataBytes & 1));
    }

    @Test
    void sixteenBitClampsAndRoundsToNearestEven() throws IOException {
        float q = 0x1p-15f;
        float[] in = {1.0f, -1.5f, 0.4f * q, 0.6f * q, Float.NaN, 2.5f * q, 3.5f * q, -2.5f * q, -1.0f};
        Path f = dir.resolve("clamp.wav");
        WavWriter.write(f, new AudioData(new float[][]{in}, 44100, SampleFormat.PCM_16, null));
        AudioFileInfo info = WavReader.probe(f);
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        short[] codes = new short[in.length];
        for (int i = 0; i < in.length; i++) codes[i] = raw.getShort((int) info.dataOffset() + 2 * i);
        assertThat(codes).containsExactly((short) 32767, (short) -32768, (short) 0, (short) 1, (short) 0, (short) 2,
                (short) 4, (short) -2, (short) -32768);
        assertThat(WavReader.read(f).channels()[0]).containsExactly(32767 * q, -1f, 0f, q, 0f, 2 * q, 4 * q, -2 * q, -1f);
    }

    @Test
    void eightBitIsUnsignedOnDisk() throws IOException {
        Path f = dir.resolve("u8.wav");
        WavWriter.write(f, new AudioData(new float[][]{{-1f, 0f, 0.5f, 1f}}, 8000, new SampleFormat(8, false), null));
        AudioFileInfo info = WavReader.probe(f);
        byte[] b = Files.readAllBytes(f);
        int at = (int) info.dataOffset();
        assertThat(new int[]{b[at] & 0xFF, b[at + 1] & 0xFF, b[at + 2] & 0xFF, b[at + 3] & 0xFF}).containsExactly(0, 128, 192, 255);
        assertThat(WavReader.read(f).channels()[0]).containsExactly(-1f, 0f, 0.5f, 127f / 128);
    }

    @Test
    void smplRoundTripsRootKeyFineTuneAndLoops() throws IOException {
        List<SampleMetadata.SampleLoop> loops = List.of(new SampleMetadata.SampleLoop(100, 899, 0),
                new SampleMetadata.SampleLoop(10, 20, 1), new SampleMetadata.SampleLoop(0, 999, 2));
        SampleMetadata meta = new SampleMetadata(61, 25.0, loops);
        Path f = dir.resolve("smpl.wav");
        WavWriter.write(f, new AudioData(new float[1][1000], 44100, SampleFormat.PCM_16, meta));
        AudioData back = WavReader.read(f);
        assertThat(back.metadata()).isEqualTo(meta);

        // 37.5 cents is not a whole number of 2^-32 semitones: it comes back within that resolution.
        WavWriter.write(f, new AudioData(new float[1][1000], 44100, SampleFormat.PCM_16, new SampleMetadata(48, 37.3, List.of())));
        SampleMetadata m2 = WavReader.read(f).metadata();
        assertThat(m2.rootKey()).isEqualTo(48);
        assertThat(m2.fineTune()).isCloseTo(37.3, org.assertj.core.data.Offset.offset(100 / 0x1p32));

        // A negative fine tune is stored as the semitone below plus a positive fraction: same pitch.
        WavWriter.write(f, new AudioData(new float[1][1000], 44100, SampleFormat.PCM_16, new SampleMetadata(60, -12.5, List.of())));
        SampleMetadata m3 = WavReader.read(f).metadata();
        assertThat(m3.rootKey()).isEqualTo(59);
        assertThat(m3.fineTune()).isEqualTo(87.5);
    }

    @Test
    void noSmplChunkWithoutMetadataAndSmplAfterFmtWithIt() throws IOException {
        Path plain = dir.resolve("plain.wav");
        WavWriter.write(plain, new AudioData(new float[2][10], 44100, SampleFormat.PCM_24, null));
        assertThat(new String(Files.readAllBytes(plain), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("smpl");
        assertThat(WavReader.read(plain).metadata()).isEqualTo(SampleMetadata.NONE);

        Path meta = dir.resolve("meta.wav");
        WavWriter.write(meta, new AudioData(new float[2][10], 44100, SampleFormat.PCM_24, new SampleMetadata(72, 0, List.of())));
        String s = new String(Files.readAllBytes(meta), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(s.indexOf("smpl")).isGreaterThan(s.indexOf("fmt ")).isLessThan(s.indexOf("data"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(meta)).order(ByteOrder.LITTLE_ENDIAN);
        int smpl = s.indexOf("smpl") + 8;
        assertThat(b.getInt(smpl + 8)).as("sample period ns").isEqualTo(22676);
        assertThat(b.getInt(smpl + 12)).as("unity note").isEqualTo(72);
    }

    @Test
    void headerFieldsAreExactForStereo16() throws IOException {
        Path f = dir.resolve("h.wav");
        WavWriter.write(f, new AudioData(new float[2][5], 44100, SampleFormat.PCM_16, null));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.limit()).isEqualTo(12 + 36 + 24 + 8 + 20);
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(b.limit() - 8);
        int fmt = 12 + 36 + 8;
        assertThat(b.getShort(fmt)).isEqualTo((short) 1);
        assertThat(b.getInt(fmt + 8)).as("byte rate").isEqualTo(44100 * 4);
        assertThat(b.getShort(fmt + 12)).as("block align").isEqualTo((short) 4);
        assertThat(b.getInt(fmt + 16 + 4)).as("data size").isEqualTo(20);
    }

    @Test
    void wideOrMultichannelPcmUsesWaveFormatExtensible() throws IOException {
        Path f = dir.resolve("ext.wav");
        WavWriter.write(f, new AudioData(new float[2][3], 48000, SampleFormat.PCM_24, null));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int fmt = 12 + 36 + 8;
        assertThat(b.getInt(fmt - 4)).as("fmt size").isEqualTo(40);
        assertThat(b.getShort(fmt) & 0xFFFF).isEqualTo(0xFFFE);
        assertThat(b.getShort(fmt + 12)).as("block align").isEqualTo((short) 6);
        assertThat(b.getShort(fmt + 18)).as("valid bits").isEqualTo((short) 24);
        assertThat(b.getInt(fmt + 20)).as("channel mask: front left + right").isEqualTo(3);
        assertThat(b.getShort(fmt + 24)).as("subformat PCM").isEqualTo((short) 1);

        WavWriter.write(f, new AudioData(new float[2][3], 48000, SampleFormat.FLOAT_32, null));
        b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(fmt)).as("plain IEEE float tag").isEqualTo((short) 3);
    }

    @Test
    void largeFilesBecomeRf64AndReadBack() throws IOException {
        float[][] x = Signals.onGrid(SampleFormat.PCM_24, 2, 777, 7);
        Path f = dir.resolve("rf64.wav");
        try (WavWriter w = WavWriter.open(f, SampleFormat.PCM_24, 2, 96000, SampleMetadata.NONE, 100)) {
            w.write(x, 0, 300);
            w.write(x, 300, 477);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(RiffChunks.fourCC(b, 0)).isEqualTo("RF64");
        assertThat(b.getInt(4)).isEqualTo(-1);
        assertThat(RiffChunks.fourCC(b, 12)).isEqualTo("ds64");
        assertThat(b.getLong(20)).as("riff size").isEqualTo(b.limit() - 8);
        assertThat(b.getLong(28)).as("data size").isEqualTo(777 * 6);
        assertThat(b.getLong(36)).as("sample count").isEqualTo(777);
        AudioData back = WavReader.read(f);
        assertThat(back.channels()[0]).containsExactly(x[0]);
        assertThat(back.channels()[1]).containsExactly(x[1]);
    }

    @Test
    void streamingWriterMatchesOneShotWriter() throws IOException {
        float[][] x = Signals.onGrid(SampleFormat.PCM_16, 2, 100_000, 3);
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        WavWriter.write(a, new AudioData(x, 44100, SampleFormat.PCM_16, null));
        try (WavWriter w = WavWriter.open(b, SampleFormat.PCM_16, 2, 44100, null)) {
            for (int i = 0; i < 100_000; i += 7001) w.write(x, i, Math.min(7001, 100_000 - i));
            assertThat(w.framesWritten()).isEqualTo(100_000);
        }
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }
}
