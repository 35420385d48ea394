package dev.loophole.ipc;

import java.util.List;

/** The specification's sampler requests (§10, Aura → Pulse). */
public sealed interface SamplerRequest extends Request {

    @Rpc(value = "sampler.addSampleRegion", result = RegionInfo.class,
            doc = "Adds a region playing sample to a group (the program's first when none is named); every client gets sampler.regionUpdated.")
    record AddSampleRegion(@Size(min = 1, max = 256) String programId,
                           @Opt @Size(min = 1, max = 256) String groupId,
                           @Size(min = 1, max = Size.DEFAULT_STRING) String sample,
                           @Opt RegionFields fields) implements SamplerRequest {
    }

    @Rpc(value = "sampler.updateRegion", result = RegionInfo.class,
            doc = "Changes the given fields of one region, all or nothing; every client gets sampler.regionUpdated.")
    record UpdateRegion(@Size(min = 1, max = 256) String programId,
                        @Size(min = 1, max = 256) String regionId,
                        RegionFields changes) implements SamplerRequest {
    }

    @Rpc(value = "sampler.removeRegion", result = Ack.class,
            doc = "Removes one region; every client gets sampler.regionUpdated with change \"removed\".")
    record RemoveRegion(@Size(min = 1, max = 256) String programId,
                        @Size(min = 1, max = 256) String regionId) implements SamplerRequest {
    }

    @Rpc(value = "sampler.assignSample", result = RegionInfo.class,
            doc = "Makes a region play another sample, a file path or a media library id (exactly one); every client gets sampler.regionUpdated and sampler.sampleStatus.")
    record AssignSample(@Size(min = 1, max = 256) String programId,
                        @Size(min = 1, max = 256) String regionId,
                        @Opt @Size(min = 1, max = Size.DEFAULT_STRING) String sample,
                        @Opt @Range(min = 1, max = Long.MAX_VALUE) Long mediaId) implements SamplerRequest {
        public AssignSample(String programId, String regionId, String sample) {
            this(programId, regionId, sample, null);
        }
    }

    @Rpc(value = "sampler.updatePad", result = PadInfo.class,
            doc = "Changes the given fields of one drum pad of a program in DrumKit mode, all or nothing, as one undo step (an empty icon or colour clears it); every client gets instrument.capabilities.")
    record UpdatePad(@Size(min = 1, max = 256) String programId,
                     @Range(min = 0, max = 127) int note,
                     @Opt @Size(min = 1, max = 256) String name,
                     @Opt @Size(max = 32) String icon,
                     @Opt @Size(max = 7) String colour,
                     @Opt @Range(min = 0, max = 4294967295L) Long chokeGroup,
                     @Opt @Range(min = 0, max = 63) Integer output) implements SamplerRequest {
    }

    @Rpc(value = "sampler.addSamples", result = AddedSamples.class,
            doc = "Builds regions from several media library samples dropped on a program, mapped as loophole media map does (root key, velocity layers, round robins, or one key per sound for a kit), in new groups, as one step; every client gets sampler.regionList.")
    record AddSamples(@Size(min = 1, max = 256) String programId,
                      @Size(min = 1, max = 10_000) List<Long> mediaIds) implements SamplerRequest {
    }

    /** The regions sampler.addSamples made, and the files it left out (not online, unreadable, or without a key among keyed samples). */
    record AddedSamples(@Size(max = 10_000) List<RegionInfo> regions,
                        @Size(max = 10_000) List<String> skipped) {
    }

    @Rpc(value = "sampler.requestProgramList", result = InstrumentNotification.ProgramList.class,
            doc = "Answers with the program list; with programId the server then also sends that program's sampler.regionList, and its samples' sampler.sampleStatus, to this client.")
    record RequestProgramList(@Opt @Size(min = 1, max = 256) String programId) implements SamplerRequest {
    }
}
