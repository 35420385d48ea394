package dev.loophole.media.library;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What the file system says about a file: size, time, device and allocated blocks.
 *
 * <p>A <b>cloud placeholder</b> (Dropbox, OneDrive, Nextcloud "files on demand") is a file whose size is the
 * real size but whose content is not on this disk: it has no allocated blocks. So: a file larger than
 * {@value #INLINE_LIMIT} bytes with zero 512-byte blocks is a placeholder ({@link MediaStatus#REMOTE}).
 * Smaller files are never called placeholders, because some file systems store tiny files inside the inode.
 * Blocks come from {@code stat(2)} through the FFM API (the JDK does not expose {@code st_blocks}); where that
 * call is not available every file counts as local.
 *
 * @param size     bytes
 * @param modified milliseconds since the epoch
 * @param device   st_dev, or -1 when unknown
 * @param blocks   allocated 512-byte blocks, or -1 when unknown
 */
public record FileState(long size, long modified, long device, long blocks) {
    static final long INLINE_LIMIT = 4096;

    /** Whether the content is somewhere else (a cloud placeholder). */
    public boolean isPlaceholder() { return blocks == 0 && size > INLINE_LIMIT; }

    /** The state of {@code file}; throws {@link java.nio.file.NoSuchFileException} when it is not there. */
    public static FileState of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long[] st = Stat.stat(file);
        return new FileState(a.size(), a.lastModifiedTime().toMillis(), st == null ? device(file) : st[0], st == null ? -1 : st[1]);
    }

    /** st_dev of a path, or -1. A folder whose device changed has had another file system mounted over (or under) it. */
    public static long device(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * {@code stat(2)} on Linux through FFM. On both x86-64 and AArch64 glibc, {@code struct stat} has
     * st_dev at byte 0, st_size at 48 and st_blocks at 64 within its 144 (x86-64) or 128 (AArch64) bytes.
     */
    private static final class Stat {
        private static final MethodHandle STAT = find();

        private static MethodHandle find() {
            try {
                if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return null;
                String arch = System.getProperty("os.arch", "");
                if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) return null;
                Linker linker = Linker.nativeLinker();
                return linker.defaultLookup().find("stat").map(addr -> linker.downcallHandle(addr,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS))).orElse(null);
            } catch (RuntimeException | LinkageError e) {
                return null; // native access refused or no such symbol: treat files as local
            }
        }

        /** {st_dev, st_blocks}, or null when stat is not available here. */
        static long[] stat(Path file) {
            if (STAT == null) return null;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(256, 16);
                int rc = (int) STAT.invokeExact(arena.allocateFrom(file.toString()), buf);
                if (rc != 0) return null;
                return new long[]{buf.get(ValueLayout.JAVA_LONG, 0), buf.get(ValueLayout.JAVA_LONG, 64)};
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
