package dev.loophole.ipc;

/** Where the project's history stands: its revision and what undo and redo would do. */
public record HistoryState(@Range(min = 0, max = Long.MAX_VALUE) long revision,
                           @Opt @Size(max = 256) String undo,
                           @Opt @Size(max = 256) String redo,
                           boolean dirty) {
}
