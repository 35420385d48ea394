package dev.loophole.ipc;

import java.util.List;

/** The media library (spec §1.5, §4.2): find samples, hear them now. Assigning one to a region is sampler.assignSample with a mediaId. */
public sealed interface MediaRequest extends Request {

    @Rpc(value = "media.search", result = Hits.class,
            doc = "Searches the library: words (prefixes, bm25 ranking) and filters such as tag:acoustic dur:<1s key:C rate:48000; best first.")
    record Search(@Size(min = 1, max = 1024) String query,
                  @Opt @Range(min = 1, max = 10_000) Integer limit) implements MediaRequest {
    }

    @Rpc(value = "media.audition", result = Hit.class,
            doc = "Plays a library sample now, as it is, stopping the previous media audition; answers with what plays.")
    record Audition(@Range(min = 1, max = Long.MAX_VALUE) long mediaId) implements MediaRequest {
    }

    @Rpc(value = "media.stopAudition", doc = "Stops the media audition that is sounding (nothing happens when none is).")
    record StopAudition() implements MediaRequest {
    }

    /** One library file: its id for media.audition and sampler.assignSample, where it is, what it is, and its status. */
    record Hit(@Range(min = 1, max = Long.MAX_VALUE) long mediaId,
               @Size(min = 1, max = Size.DEFAULT_STRING) String path,
               @Range(min = 0, max = 1e9) double seconds,
               @Range(min = 1, max = 10_000_000) int rate,
               @Range(min = 1, max = 1024) int channels,
               @Size(max = 1000) List<String> tags,
               SamplerNotification.Status status) {
    }

    /** The hits of a search, best first. */
    record Hits(@Size(max = 10_000) List<Hit> hits) {
    }
}
