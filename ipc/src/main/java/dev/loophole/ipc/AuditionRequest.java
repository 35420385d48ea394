package dev.loophole.ipc;

/** Hearing something now, outside the timeline: a note of a program, one region, a sample file. */
public sealed interface AuditionRequest extends Request {

    @Rpc(value = "audition.note", result = Started.class, doc = "Plays a note of a program now, for durationMs (held until audition.stop when left out).")
    record Note(@Size(min = 1, max = 256) String programId, @Range(min = 0, max = 127) int key,
                @Opt @Range(min = 1, max = 127) Integer velocity,
                @Opt @Range(min = 1, max = 600_000) Integer durationMs) implements AuditionRequest {
    }

    @Rpc(value = "audition.region", result = Started.class, doc = "Plays one region alone, at its key centre, for durationMs.")
    record Region(@Size(min = 1, max = 256) String programId, @Size(min = 1, max = 256) String regionId,
                  @Opt @Range(min = 1, max = 127) Integer velocity,
                  @Opt @Range(min = 1, max = 600_000) Integer durationMs) implements AuditionRequest {
    }

    @Rpc(value = "audition.sample", result = Started.class, doc = "Plays a sample file as it is, for durationMs or to its end.")
    record Sample(@Size(min = 1, max = Size.DEFAULT_STRING) String path,
                  @Opt @Range(min = 1, max = 600_000) Integer durationMs) implements AuditionRequest {
    }

    @Rpc(value = "audition.stop", doc = "Stops one audition, or all when auditionId is left out.")
    record Stop(@Opt @Size(min = 1, max = 256) String auditionId) implements AuditionRequest {
    }

    /** An audition that is sounding. */
    record Started(@Size(min = 1, max = 256) String auditionId) {
    }
}
