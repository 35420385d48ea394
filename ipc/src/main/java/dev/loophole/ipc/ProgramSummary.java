package dev.loophole.ipc;

import java.util.List;

/** A loaded program, as the program list shows it. */
public record ProgramSummary(@Size(min = 1, max = 256) String programId,
                             @Opt @Size(max = 256) String name,
                             @Opt @Size(max = Size.DEFAULT_STRING) String source,
                             @Range(min = 0, max = 1e9) int groups,
                             @Range(min = 0, max = 1e9) int regions,
                             @Size(max = 1000) List<String> warnings) {
}
