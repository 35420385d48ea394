package dev.loophole.cli;

import dev.loophole.formats.InstrumentPrefetch;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Starts opening a {@code render}'s instrument files on the second core before picocli builds the command (≈ 0.1 s
 * of class loading on the main thread): the render then {@link InstrumentPrefetch#take takes} what was opened. Only
 * reads the raw arguments; a command line picocli later refuses has started a daemon thread and nothing else.
 * Names no picocli type (see {@link FastPath}).
 */
final class RenderPrefetch {
    private RenderPrefetch() {}

    static void start(String[] args) {
        if (args.length < 2 || !args[0].equals("render")) return;
        for (int i = 1; i < args.length; i++) {
            String value = args[i].startsWith("--instrument=") ? args[i].substring("--instrument=".length())
                    : args[i].equals("--instrument") && i + 1 < args.length ? args[++i] : null;
            if (value == null) continue;
            value = value.substring(InstrumentSpec.channelEnd(value) + 1); // [CH=]FILE
            try {
                InstrumentPrefetch.start(Path.of(value));
            } catch (InvalidPathException e) {
                // picocli says so when it converts the option
            }
        }
    }
}
