package dev.loophole.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What says a file is unchanged since it was last looked at: its path, size, modification time and file key (the
 * inode, where the file system has one: a file replaced by another of the same size and time is not the same file).
 * Two stamps of one file are equal while it is unchanged — the sample store's cache key, and the check a read-ahead's
 * result must pass before it is used.
 */
public final class FileStamp {
    private final Path file;
    private final long size;
    private final FileTime modified;
    private final Object fileKey;
    private final boolean regularFile;
    private final boolean directory;

    private FileStamp(Path file, BasicFileAttributes a) {
        this.file = file;
        this.size = a.size();
        this.modified = a.lastModifiedTime();
        this.fileKey = a.fileKey();
        this.regularFile = a.isRegularFile();
        this.directory = a.isDirectory();
    }

    /** {@code file}'s stamp now (one stat); a file that is not there throws {@link java.nio.file.NoSuchFileException}. */
    public static FileStamp of(Path file) throws IOException {
        return new FileStamp(file, Files.readAttributes(file, BasicFileAttributes.class));
    }

    /** {@code file}'s stamp now, or null when it cannot be read (not there, no access). */
    public static FileStamp orNull(Path file) {
        try {
            return of(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code file} still has this stamp (false when it cannot be read any more). */
    public boolean unchanged() {
        return equals(orNull(file));
    }

    public Path file() { return file; }

    public boolean isRegularFile() { return regularFile; }

    public boolean isDirectory() { return directory; }

    // Written out, not a record's: a record's generated equals/hashCode is linked at its first call through
    // ObjectMethods' bootstrap, which spins method handles at run time (tens of ms in a cold JVM, on a render's header path).
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStamp s && size == s.size && regularFile == s.regularFile && directory == s.directory
                && modified.equals(s.modified) && Objects.equals(fileKey, s.fileKey) && file.equals(s.file);
    }

    @Override
    public int hashCode() {
        return (file.hashCode() * 31 + Long.hashCode(size)) * 31 + modified.hashCode();
    }

    @Override
    public String toString() {
        return file + " (" + size + " bytes, modified " + modified + ")";
    }
}
