package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The specification's sampler notifications (§10, Pulse → Aura). */
public sealed interface SamplerNotification extends Notification {

    /** What happened to a region. */
    enum Change { @JsonProperty("added") ADDED, @JsonProperty("updated") UPDATED, @JsonProperty("removed") REMOVED }

    /**
     * Where a sample's media is: on disk; on a volume not mounted; in a cloud-synced folder as a placeholder whose
     * content is not local; or nowhere to be found.
     */
    enum Status { @JsonProperty("online") ONLINE, @JsonProperty("offline") OFFLINE, @JsonProperty("remote") REMOTE, @JsonProperty("missing") MISSING }

    @Rpc(value = "sampler.regionUpdated",
            doc = "A region was added, changed or removed (by any client, or by undo/redo); carries the region as it now is (as it was, when removed).")
    record RegionUpdated(@Size(min = 1, max = 256) String programId,
                        Change change,
                        RegionInfo region,
                        @Range(min = 0, max = Long.MAX_VALUE) long revision) implements SamplerNotification {
    }

    @Rpc(value = "sampler.regionList", doc = "Every group and region of one program, in file order.")
    record RegionList(@Size(min = 1, max = 256) String programId,
                      @Size(max = 100_000) List<GroupInfo> groups,
                      @Size(max = 1_000_000) List<RegionInfo> regions,
                      @Range(min = 0, max = Long.MAX_VALUE) long revision) implements SamplerNotification {
    }

    @Rpc(value = "sampler.sampleStatus", doc = "Whether a sample a program plays is online, offline, remote or missing; sent on every change the server sees.")
    record SampleStatus(@Size(min = 1, max = 256) String programId,
                        @Size(min = 1, max = Size.DEFAULT_STRING) String sample,
                        Status status) implements SamplerNotification {
    }
}
