package dev.loophole.media.library;

import java.nio.file.Path;
import java.util.List;

/** A separate process that scans a folder into a library, for the kill -9 test. Args: LIBRARY DIR. */
public final class ScanChild {
    private ScanChild() {}

    public static void main(String[] args) throws Exception {
        try (MediaLibrary lib = MediaLibrary.open(Path.of(args[0]))) {
            lib.add(List.of(Path.of(args[1])), ScanListener.NONE);
        }
    }
}
