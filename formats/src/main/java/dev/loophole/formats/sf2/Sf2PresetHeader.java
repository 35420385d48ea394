package dev.loophole.formats.sf2;

/**
 * A preset as a bank's header names it, without its regions: what a preset browser lists.
 *
 * @param bank   MIDI bank (128: the General MIDI percussion bank)
 * @param preset MIDI program 0..127
 * @param index  position in {@code phdr}
 */
public record Sf2PresetHeader(int bank, int preset, String name, int index) {
}
