package dev.loophole.ipc;

/** A region group (SFZ {@code <group>}) of a program. */
public record GroupInfo(@Size(min = 1, max = 256) String groupId, @Opt @Size(max = 256) String name) {
}
