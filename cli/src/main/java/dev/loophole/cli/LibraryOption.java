package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.model.SampleRef;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --library FILE} for every media command; the default is the user's library. */
final class LibraryOption {
    @Option(names = "--library", paramLabel = "FILE",
            description = "The media library's database (default: $XDG_DATA_HOME/loophole/library.db, i.e. ~/.local/share/loophole/library.db).")
    Path file;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    Path path() { return file != null ? file : MediaLibrary.defaultLocation(); }

    MediaLibrary open() {
        try {
            return MediaLibrary.open(path());
        } catch (LibraryException e) {
            throw new Errors.UserError(e.getMessage(), e);
        }
    }

    /** Each library file's sample reference (root, path under it, content hash); a failure is the user's error. */
    static java.util.function.Function<MediaFile, SampleRef> sampleRefs(MediaLibrary lib) {
        return f -> {
            try {
                return lib.sampleRef(f.id());
            } catch (LibraryException e) {
                throw new Errors.UserError(e.getMessage(), e);
            }
        };
    }

    /** A library failure as one line for the user. */
    static Errors.UserError fail(LibraryException e) {
        return new Errors.UserError(e.getMessage(), e);
    }
}
