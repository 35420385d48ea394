package dev.loophole.formats.sf2;

/**
 * The bank's INFO list. Absent strings are empty.
 *
 * @param versionMajor {@code ifil} major (2 for SoundFont 2)
 * @param versionMinor {@code ifil} minor (1 for 2.01, 4 for 2.04 with 24-bit samples)
 */
public record Sf2Info(int versionMajor, int versionMinor, String name, String soundEngine, String romName,
                      String creationDate, String engineers, String product, String copyright, String comment,
                      String software) {
}
