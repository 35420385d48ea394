package dev.loophole.ipc;

/** The open project: its name, file (once saved), revision and whether it has unsaved changes. */
public record ProjectInfo(@Opt @Size(max = 256) String name,
                          @Opt @Size(max = Size.DEFAULT_STRING) String path,
                          @Range(min = 0, max = Long.MAX_VALUE) long revision,
                          boolean dirty) {
}
