package dev.loophole.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/** The checks every input file gets before a parser sees it, so a folder or a missing file is said as such. */
final class InputFiles {
    private InputFiles() {}

    /** Every path option's converter: a name the file system cannot hold (a NUL byte) is a wrong command line. */
    static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a file path: " + e.getReason());
        }
    }

    /** @param expected what the option wants, e.g. "a MIDI file (.mid)" */
    static Path require(Path file, String expected) {
        if (Files.isDirectory(file)) throw new Errors.UserError(file + ": is a folder; expected " + expected);
        if (!Files.exists(file)) throw new Errors.UserError(file + ": no such file; expected " + expected);
        if (!Files.isRegularFile(file)) throw new Errors.UserError(file + ": is not a regular file; expected " + expected);
        if (!Files.isReadable(file)) throw new Errors.UserError(file + ": cannot be read (permission denied)");
        return file;
    }
}
