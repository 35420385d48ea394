package dev.loophole.demo;

import dev.loophole.demo.DrumSynth.Drum;
import dev.loophole.demo.KeysSynth.KeySample;
import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.WavWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own demo content, generated rather than shipped: an electric piano and a drum kit
 * whose samples our code synthesizes, each with an SFZ file, and a 30-second song to play them.
 * Everything is deterministic (fixed seeds, {@link StrictMath}, no clock or locale), so writing
 * twice gives identical bytes, and writing again over an earlier copy simply refreshes it.
 *
 * <pre>
 * dir/keys.sfz        dir/samples/keys/keys_C4_v2.wav …   (11 roots × 3 velocity layers, sustain loops)
 * dir/drums.sfz       dir/samples/drums/snare_v1_rr3.wav … (8 drums × 2 layers × 3 round robins)
 * dir/demo.mid        type 1: tempo track, keys on channel 1, drums on channel 10
 * dir/keys-mpe.sfz    the keys with a low-pass for per-note timbre
 * dir/mpe.mid         an MPE performance (lower zone, 15 members): slides, vibrato, pressure swells
 * </pre>
 */
public final class DemoContent {
    /** Where {@link #write} put the demo: two instruments (their samples sit beside them) and the song. */
    public record DemoFiles(Path keysSfz, Path drumsSfz, Path song, Path keysMpeSfz, Path mpeSong) { }

    public static final String KEYS_SFZ = "keys.sfz", DRUMS_SFZ = "drums.sfz", SONG = "demo.mid";
    public static final String KEYS_MPE_SFZ = "keys-mpe.sfz", MPE_SONG = "mpe.mid";

    private DemoContent() { }

    /** Writes the demo under {@code dir} (created if needed) and says where the entry points are. */
    public static DemoFiles write(Path dir) throws IOException {
        Path keysDir = Files.createDirectories(dir.resolve(SfzText.KEYS_DIR));
        Path drumsDir = Files.createDirectories(dir.resolve(SfzText.DRUMS_DIR));

        List<KeySample> keys = new ArrayList<>();
        for (int layer = 0; layer < KeysSynth.LAYERS; layer++)
            for (int root : KeysSynth.ROOTS) {
                KeySample k = KeysSynth.render(root, layer);
                WavWriter.write(keysDir.resolve(k.fileName()), k.audio());
                keys.add(k);
            }
        for (Drum d : Drum.values())
            for (int layer = 0; layer < DrumSynth.LAYERS; layer++)
                for (int rr = 0; rr < DrumSynth.ROUND_ROBIN; rr++)
                    WavWriter.write(drumsDir.resolve(d.fileName(layer, rr)), DrumSynth.render(d, layer, rr));

        DemoFiles files = new DemoFiles(dir.resolve(KEYS_SFZ), dir.resolve(DRUMS_SFZ), dir.resolve(SONG),
                dir.resolve(KEYS_MPE_SFZ), dir.resolve(MPE_SONG));
        Files.writeString(files.keysSfz(), SfzText.keys(keys), StandardCharsets.UTF_8);
        Files.writeString(files.drumsSfz(), SfzText.drums(), StandardCharsets.UTF_8);
        SmfWriter.write(DemoSong.build(), files.song());
        Files.writeString(files.keysMpeSfz(), SfzText.keysMpe(keys), StandardCharsets.UTF_8);
        SmfWriter.write(MpeSong.build(), files.mpeSong());
        return files;
    }

    /** {@code java dev.loophole.demo.DemoContent DIR}: writes the demo into DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DemoContent <folder>");
            System.exit(2);
        }
        DemoFiles f = write(Path.of(args[0]));
        System.out.println("wrote " + f.keysSfz() + ", " + f.drumsSfz() + " and " + f.song());
    }
}
