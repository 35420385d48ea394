package dev.loophole.formats.sf2;

import dev.loophole.model.Program;

/**
 * One preset of a bank: where a MIDI bank select + program change finds it, and the program it became.
 *
 * @param bank    MIDI bank (wBank; 128 is the GM percussion bank by convention)
 * @param preset  MIDI program number 0..127 (wPreset)
 * @param index   position in {@code phdr}
 */
public record Sf2Preset(int bank, int preset, String name, int index, Program program) {
    /** The General MIDI percussion bank. */
    public static final int PERCUSSION_BANK = 128;

}
