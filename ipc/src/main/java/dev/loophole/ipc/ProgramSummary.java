package dev.loophole.ipc;

import java.util.List;

/**
 * A loaded program, as the program list shows it. A program from a SoundFont bank also says which of the
 * bank's presets it plays ({@code preset}) and what the bank offers ({@code presets}, for instrument.selectPreset).
 */
public record ProgramSummary(@Size(min = 1, max = 256) String programId,
                             @Opt @Size(max = 256) String name,
                             @Opt @Size(max = Size.DEFAULT_STRING) String source,
                             @Range(min = 0, max = 1e9) int groups,
                             @Range(min = 0, max = 1e9) int regions,
                             @Size(max = 1000) List<String> warnings,
                             @Opt PresetInfo preset,
                             @Opt @Size(max = 65536) List<PresetInfo> presets) {
    /** A program that is not from a SoundFont bank. */
    public ProgramSummary(String programId, String name, String source, int groups, int regions, List<String> warnings) {
        this(programId, name, source, groups, regions, warnings, null, null);
    }
}
