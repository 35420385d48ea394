package dev.loophole.ipc;

/** A region as editors see it: where it sits, what it plays and its main settings. */
public record RegionInfo(@Size(min = 1, max = 256) String regionId,
                         @Size(min = 1, max = 256) String groupId,
                         @Opt @Size(max = Size.DEFAULT_STRING) String sample,
                         @Range(min = 0, max = 127) int loKey,
                         @Range(min = 0, max = 127) int hiKey,
                         @Range(min = 0, max = 127) int loVel,
                         @Range(min = 0, max = 127) int hiVel,
                         @Range(min = -127, max = 127) int pitchKeycenter,
                         @Range(min = -1e9, max = 1e9) double volume,
                         @Range(min = -100, max = 100) double pan,
                         @Range(min = -1e9, max = 1e9) double tune,
                         @Range(min = -1e9, max = 1e9) int transpose,
                         @Opt @Size(max = 256) String label) {
}
