package dev.loophole.ipc;

/**
 * The editable fields of a region, every one optional: in {@code sampler.updateRegion} only those
 * given change; in {@code sampler.addSampleRegion} those left out take their SFZ defaults.
 * Keys and velocities are MIDI numbers, {@code volume} dB, {@code pan} -100..100, {@code tune} cents.
 */
public record RegionFields(@Opt @Range(min = 0, max = 127) Integer loKey,
                           @Opt @Range(min = 0, max = 127) Integer hiKey,
                           @Opt @Range(min = 0, max = 127) Integer loVel,
                           @Opt @Range(min = 0, max = 127) Integer hiVel,
                           @Opt @Range(min = -127, max = 127) Integer pitchKeycenter,
                           @Opt @Range(min = -144, max = 48) Double volume,
                           @Opt @Range(min = -100, max = 100) Double pan,
                           @Opt @Range(min = -9600, max = 9600) Double tune,
                           @Opt @Range(min = -127, max = 127) Integer transpose,
                           @Opt @Size(max = 256) String label) {
    public static final RegionFields NONE = new RegionFields(null, null, null, null, null, null, null, null, null, null);
}
