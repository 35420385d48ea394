package dev.loophole.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the launcher a long-running command (serve, play) got ready: it creates the file named by
 * {@code LOOPHOLE_READY_FILE}, if set. The launcher keeps the start-up archive of a run stopped by a signal only then —
 * an archive written by a run stopped during its start would hold a fraction of the classes and count as fresh forever.
 */
final class ReadyMark {
    private ReadyMark() {}

    static void reached() {
        String file = System.getenv("LOOPHOLE_READY_FILE");
        if (file == null || file.isEmpty()) return;
        try {
            Files.write(Path.of(file), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // no mark: the launcher only drops the archive of a run it then cannot tell was ready
        }
    }
}
