package dev.loophole.ipc;

import dev.loophole.model.ExpressionDimension;
import java.util.List;

/** The specification's instrument notifications (§10, Pulse → Aura). */
public sealed interface InstrumentNotification extends Notification {

    @Rpc(value = "instrument.programList", doc = "The programs of the project, sent to every client whenever one is loaded or removed.")
    record ProgramList(@Size(max = 10000) List<ProgramSummary> programs) implements InstrumentNotification {
    }

    @Rpc(value = "instrument.capabilities",
            doc = "What a program responds to: MPE, per-note expression dimensions, drum mapping, note names, articulations (key switches), and a kit's pads.")
    record Capabilities(@Size(min = 1, max = 256) String programId,
                        boolean mpe,
                        @Size(max = 16) List<ExpressionDimension> perNoteExpression,
                        @Size(max = 128) List<Integer> perNoteCcs,
                        @Range(min = 0, max = 96) int bendRange,
                        boolean drumMapping,
                        @Size(max = 128) List<KeyName> noteNames,
                        @Size(max = 128) List<KeyName> articulations,
                        @Size(max = 256) List<ExpressionRoute> expressionMapping,
                        @Size(max = 128) List<PadInfo> pads) implements InstrumentNotification {
    }
}
