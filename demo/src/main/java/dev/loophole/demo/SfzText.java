package dev.loophole.demo;

import dev.loophole.demo.DrumSynth.Drum;
import dev.loophole.demo.KeysSynth.KeySample;

import java.util.List;

/**
 * The SFZ text of the demo instruments. Sample paths are relative to the SFZ file, with '/' as SFZ
 * requires; lines end in '\n' whatever the platform, so the files are byte-identical everywhere.
 */
final class SfzText {
    static final String KEYS_DIR = "samples/keys/";
    static final String DRUMS_DIR = "samples/drums/";

    /** Velocity ranges of the keys layers (soft, medium, hard) and of the drum layers. */
    static final int[][] KEYS_VELOCITY = {{1, 52}, {53, 96}, {97, 127}};
    static final int[][] DRUMS_VELOCITY = {{1, 84}, {85, 127}};

    /** Mix levels in dB, so the demo song peaks a few dB below full scale with default velocity curves. */
    static final int KEYS_VOLUME_DB = -10, DRUMS_VOLUME_DB = -12;

    /** The choke group of the hi-hats: a closed or pedal hat stops a ringing open one. */
    static final int HAT_GROUP = 1;

    private SfzText() { }

    /**
     * The keys for the MPE demo: the same samples with a low-pass, so per-note timbre (CC 74) has a
     * cutoff to move (the program's default expression mapping: ±2 octaves around CC 64).
     */
    static String keysMpe(List<KeySample> samples) {
        return keys(samples).replace("<global>\n", "<global>\n// per-note timbre (MPE CC 74) moves this cutoff, each note its own\nfil_type=lpf_2p\ncutoff=2400\n");
    }

    /** {@code samples} ordered by layer, then root (as {@link DemoContent} renders them). */
    static String keys(List<KeySample> samples) {
        StringBuilder s = new StringBuilder();
        s.append("// Loophole demo keys: a soft electric piano synthesized by dev.loophole.demo.KeysSynth,\n")
         .append("// no recorded or third-party audio.\n")
         .append("// ").append(KeysSynth.ROOTS.length).append(" roots x ").append(KeysSynth.LAYERS)
         .append(" velocity layers. Each sample has a seamless sustain loop (also in its smpl chunk);\n")
         .append("// its pitch is within 0.01 cent of the root, the exact offset is the smpl fine tune.\n\n")
         .append("<global>\n")
         .append("// headroom for chords held on the pedal: the samples peak near full scale on their own\n")
         .append("volume=").append(KEYS_VOLUME_DB).append('\n')
         .append("loop_mode=loop_sustain\n")
         .append("ampeg_attack=0.001\n")
         .append("// the loop is steady; a slow decay to 40% makes held notes fade as a struck tine does\n")
         .append("ampeg_decay=5\n")
         .append("ampeg_sustain=40\n")
         .append("ampeg_release=0.45\n")
         .append("amp_veltrack=60\n");
        int layer = -1;
        for (KeySample k : samples) {
            if (k.layer() != layer) {
                layer = k.layer();
                s.append("\n<group> // ").append(new String[] {"soft", "medium", "hard"}[layer]).append('\n')
                 .append("lovel=").append(KEYS_VELOCITY[layer][0]).append(" hivel=").append(KEYS_VELOCITY[layer][1]).append('\n');
            }
            int i = indexOf(KeysSynth.ROOTS, k.root());
            int lo = i == 0 ? 21 : k.root() - 3;
            int hi = i == KeysSynth.ROOTS.length - 1 ? 108 : k.root() + 2;
            s.append("<region> sample=").append(KEYS_DIR).append(k.fileName())
             .append(" lokey=").append(lo).append(" hikey=").append(hi).append(" pitch_keycenter=").append(k.root())
             .append(" loop_start=").append(k.loopStart()).append(" loop_end=").append(k.loopEnd()).append('\n');
        }
        return s.toString();
    }

    static String drums() {
        StringBuilder s = new StringBuilder();
        s.append("// Loophole demo drums: synthesized by dev.loophole.demo.DrumSynth (no recorded audio), GM keys;\n")
         .append("// ").append(DrumSynth.LAYERS).append(" velocity layers x ").append(DrumSynth.ROUND_ROBIN)
         .append(" round robins per drum. The hi-hats share choke group ").append(HAT_GROUP)
         .append(": any hat stops a ringing open hat.\n\n")
         .append("<control>\n");
        for (Drum d : Drum.values()) s.append("label_key").append(d.key).append('=').append(d.label).append('\n');
        s.append("\n<global>\n")
         .append("// headroom for kick, snare and hats on the same beat\n")
         .append("volume=").append(DRUMS_VOLUME_DB).append('\n')
         .append("loop_mode=one_shot\n")
         .append("amp_veltrack=70\n");
        for (Drum d : Drum.values()) {
            s.append("\n<group> // ").append(d.label).append('\n')
             .append("key=").append(d.key).append(" seq_length=").append(DrumSynth.ROUND_ROBIN);
            if (d.isHat()) s.append(" group=").append(HAT_GROUP);
            if (d == Drum.HAT_OPEN) s.append(" off_by=").append(HAT_GROUP);
            s.append('\n');
            for (int layer = 0; layer < DrumSynth.LAYERS; layer++)
                for (int rr = 0; rr < DrumSynth.ROUND_ROBIN; rr++)
                    s.append("<region> sample=").append(DRUMS_DIR).append(d.fileName(layer, rr))
                     .append(" lovel=").append(DRUMS_VELOCITY[layer][0]).append(" hivel=").append(DRUMS_VELOCITY[layer][1])
                     .append(" seq_position=").append(rr + 1).append('\n');
        }
        return s.toString();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new IllegalArgumentException(v + " is not a root");
    }
}
