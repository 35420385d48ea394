package dev.loophole.formats.sf2;

import dev.loophole.media.AudioProblem;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded SoundFont bank: its presets as model programs, the sample headers (data stays in the file,
 * see {@link Sf2SampleReader}), and every warning raised while loading.
 *
 * @param file        the bank, absolute
 * @param data        where the sample data lies in the file
 * @param diagnostics all warnings (those of one preset are also in its program's diagnostics)
 * @param damage      samples whose headers reach past the sample data (cut to what is there, or unusable); a loader
 *                    reports these with the damage of other audio files
 */
public record Sf2Bank(Path file, Sf2Info info, List<Sf2Preset> presets, List<Sf2Sample> samples, DataLocation data,
                      List<Diagnostic> diagnostics, List<AudioProblem> damage) {
    /**
     * Byte offsets of the {@code smpl} (16-bit) and {@code sm24} (low bytes, or -1) chunk bodies.
     *
     * @param smplFrames frames in {@code smpl}
     */
    public record DataLocation(long smplOffset, long smplFrames, long sm24Offset) {
        public boolean has24Bit() { return sm24Offset >= 0; }
    }

    public Sf2Bank {
        presets = List.copyOf(presets);
        samples = List.copyOf(samples);
        diagnostics = List.copyOf(diagnostics);
        damage = List.copyOf(damage);
    }

    /** The programs in {@code phdr} order. */
    public List<Program> programs() { return presets.stream().map(Sf2Preset::program).toList(); }

    /** The preset a bank select + program change would choose (the first one stated, if a bank repeats it). */
    public Optional<Sf2Preset> find(int bank, int program) {
        return presets.stream().filter(p -> p.bank() == bank && p.preset() == program).findFirst();
    }
}
