package dev.loophole.ipc;

/** One preset of a SoundFont bank: its MIDI bank (128 is General MIDI percussion), its program number and name. */
public record PresetInfo(@Range(min = 0, max = 128) int bank,
                         @Range(min = 0, max = 127) int program,
                         @Size(max = 256) String name) {
}
