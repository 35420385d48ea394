package dev.loophole.ipc;

import java.util.List;

/** The specification's instrument requests (§10, Aura → Pulse). */
public sealed interface InstrumentRequest extends Request {

    @Rpc(value = "instrument.loadProgram", result = ProgramSummary.class,
            doc = "Loads a program file (.sfz, a Hydrogen or DrumGizmo drumkit.xml, a Decent Sampler .dspreset, or one preset of a SoundFont .sf2/.sf3 bank) into the project (a new track with a Sampler node and a lane routed to it); every client gets instrument.programList.")
    record LoadProgram(@Size(min = 1, max = Size.DEFAULT_STRING) String path,
                       @Opt @Size(min = 1, max = 256) String programId,
                       @Opt @Range(min = 0, max = 128) Integer bank,
                       @Opt @Range(min = 0, max = 127) Integer preset) implements InstrumentRequest {
        /** Loads a one-program file, or a bank's first preset. */
        public LoadProgram(String path, String programId) {
            this(path, programId, null, null);
        }
    }

    @Rpc(value = "instrument.selectPreset", result = ProgramSummary.class,
            doc = "Makes a program loaded from a SoundFont bank play another of the bank's presets (one undo step; its track, lanes and clips stay); every client gets instrument.programList, sampler.regionList and instrument.capabilities.")
    record SelectPreset(@Size(min = 1, max = 256) String programId,
                        @Range(min = 0, max = 128) int bank,
                        @Range(min = 0, max = 127) int preset) implements InstrumentRequest {
    }

    @Rpc(value = "instrument.saveProgram", result = SavedProgram.class,
            doc = "Writes a program as SFZ to path (samples are referenced, not copied).")
    record SaveProgram(@Size(min = 1, max = 256) String programId,
                       @Size(min = 1, max = Size.DEFAULT_STRING) String path) implements InstrumentRequest {
    }

    @Rpc(value = "instrument.setExpressionMapping", result = Ack.class,
            doc = "Replaces a program's per-note expression routes; every client gets instrument.capabilities.")
    record SetExpressionMapping(@Size(min = 1, max = 256) String programId,
                                @Size(max = 256) List<ExpressionRoute> routes) implements InstrumentRequest {
    }

    /** Where {@code instrument.saveProgram} wrote. */
    record SavedProgram(@Size(max = Size.DEFAULT_STRING) String path,
                        @Range(min = 0, max = 1e9) int regions) {
    }
}
