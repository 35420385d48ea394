package dev.loophole.media;

import java.nio.file.Path;

/** A media file that cannot be read or written. The message names the file and what is wrong with it. */
public class MediaException extends java.io.IOException {
    private final Path file;

    public MediaException(Path file, String what) {
        super(file + ": " + what);
        this.file = file;
    }

    public MediaException(Path file, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.file = file;
    }

    public Path file() { return file; }
}
