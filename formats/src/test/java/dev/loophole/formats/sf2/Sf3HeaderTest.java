package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.LoopMode;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SoundFont 3 sample headers without a codec: byte ranges, lengths from the Ogg stream's last page, relative loops,
 * and what happens when the bytes are not a stream. Decoding real Vorbis is tested in the cli (SoundFont3Test).
 */
class Sf3HeaderTest {
    @TempDir Path dir;

    Path bank() throws IOException {
        return Files.write(dir.resolve("t.sf3"), TestBanks.soundFont3().build());
    }

    @Test
    void compressedSampleHeaders() throws IOException {
        Sf2Bank b = Sf2Importer.load(bank());
        assertThat(b.info().versionMajor()).isEqualTo(3);
        Sf2Sample ogg = b.samples().get(0);
        assertThat(ogg.compressed()).isTrue();
        assertThat(ogg.usable()).isTrue();
        assertThat(ogg.start()).isZero();
        assertThat(ogg.end()).isEqualTo(1234);
        assertThat(ogg.dataStart()).isZero();
        assertThat(ogg.dataEnd()).isEqualTo(28 + 30 + 28 + 17);
        assertThat(ogg.loopStart()).isEqualTo(100);
        assertThat(ogg.loopEnd()).isEqualTo(1100);
        // The PCM sample after it keeps frame positions (smpl holds 52 frames of Ogg bytes before it).
        assertThat(b.samples().get(1).compressed()).isFalse();
        assertThat(b.samples().get(1).start()).isEqualTo(52);
        assertThat(b.samples().get(2).usable()).isFalse();
        assertThat(b.diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("shdr[2] 'Junk' is compressed but bytes 216..256 of smpl are not an Ogg stream"));

        SampleRegion r = b.find(0, 0).orElseThrow().program().regions().getFirst();
        assertThat(r.loop().mode()).isEqualTo(LoopMode.LOOP_CONTINUOUS);
        assertThat(r.loop().start()).isEqualTo(100);
        assertThat(r.loop().end()).isEqualTo(1099);
        assertThat(r.tuning().pitchKeycenter()).isEqualTo(64);
        assertThat(b.find(0, 0).orElseThrow().program().regions()).hasSize(2); // Junk's zone is skipped
    }

    @Test
    void decodingNeedsADecoderAndTheStatedLength() throws IOException {
        Path p = bank();
        assertThatThrownBy(() -> Sf2SampleReader.read(p, 0)).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("compressed (SoundFont 3)").hasMessageContaining("Ogg Vorbis decoder");
        long[] asked = new long[2];
        Sf2Audio a = Sf2SampleReader.read(p, 0, (file, offset, length) -> {
            asked[0] = offset;
            asked[1] = length;
            return new float[1234];
        });
        assertThat(a.frameCount()).isEqualTo(1234);
        assertThat(a.loopStart()).isEqualTo(100);
        assertThat(a.loopEnd()).isEqualTo(1099);
        assertThat(a.rootKey()).isEqualTo(64);
        assertThat(asked[1]).isEqualTo(103);
        assertThat(Sf2Importer.load(p).data().smplOffset()).isEqualTo(asked[0]);
        assertThatThrownBy(() -> Sf2SampleReader.read(p, 0, (file, offset, length) -> new float[1233]))
                .isInstanceOf(Sf2Exception.class).hasMessageContaining("1234 frames, as the last page of its Ogg stream says; it decodes to 1233");
    }
}
