package dev.loophole.ipc;

import java.util.List;

/**
 * One drum pad of a program in DrumKit mode, as a drum sequencer lays out its lanes.
 *
 * @param gmName      the General MIDI percussion name of the note, when it has one
 * @param icon        a drum family (kick, snare, rim, clap, hihat, tom, cymbal, ride, percussion)
 * @param colour      {@code #rrggbb}
 * @param chokeGroup  0 for none; a hit cuts the sounding hits of its group
 * @param output      the instrument output (stereo pair, 0 = main) the pad plays on
 * @param articulations the pad's articulations ("snare centre", "snare rim")
 */
public record PadInfo(@Range(min = 0, max = 127) int note,
                      @Size(min = 1, max = 256) String name,
                      @Opt @Size(max = 64) String gmName,
                      @Opt @Size(max = 32) String icon,
                      @Opt @Size(min = 7, max = 7) String colour,
                      @Range(min = 0, max = 4294967295L) long chokeGroup,
                      @Range(min = 0, max = 63) int output,
                      @Size(max = 64) List<String> articulations) {
}
