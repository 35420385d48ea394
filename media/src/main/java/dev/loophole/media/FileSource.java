package dev.loophole.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file, or a byte window inside one, opened for positional reads. Every failure becomes a
 * {@link MediaException} naming the file, so the parsers above it never see a raw {@link IOException} or an
 * end-of-file surprise. A window (an Ogg stream inside a SoundFont 3 bank) reads as if it were the whole file.
 */
final class FileSource implements AutoCloseable {
    final Path path;
    private final FileChannel channel;
    private final long base, size;

    private FileSource(Path path, FileChannel channel, long base, long size) {
        this.path = path;
        this.channel = channel;
        this.base = base;
        this.size = size;
    }

    /** Bytes {@code offset .. offset + length} of {@code path}, which must lie inside the file. */
    static FileSource open(Path path, long offset, long length) throws MediaException {
        FileSource whole = open(path);
        if (offset < 0 || length < 0 || offset + length > whole.size) {
            whole.close();
            throw new MediaException(path, "expected bytes " + offset + ".." + (offset + length)
                    + " inside the file, which has " + whole.size);
        }
        return new FileSource(path, whole.channel, offset, length);
    }

    static FileSource open(Path path) throws MediaException {
        if (Files.isDirectory(path)) throw new MediaException(path, "is a directory, not an audio file");
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            try {
                return new FileSource(path, ch, 0, ch.size());
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new MediaException(path, "file not found");
        } catch (AccessDeniedException e) {
            throw new MediaException(path, "permission denied");
        } catch (IOException e) {
            throw new MediaException(path, "cannot open: " + e.getMessage(), e);
        }
    }

    long size() { return size; }

    MediaException fail(String what) { return new MediaException(path, what); }

    /**
     * A decoder library's failure: the user reads where and what, the library's own exception stays the cause (shown
     * with --verbose), so its class name never reaches the one-line message.
     */
    MediaException fail(String what, Exception decoderFailure) {
        String m = decoderFailure.getMessage();
        boolean readable = decoderFailure instanceof java.io.IOException && m != null && !m.isBlank();
        return new MediaException(path, what + (readable ? " (" + m + ")" : ""), decoderFailure);
    }

    /** Exactly {@code length} bytes at {@code position}, or an error saying which structure the file ends inside. */
    ByteBuffer read(long position, int length, ByteOrder order, String what) throws MediaException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(order);
        int got = readAtMost(position, buf);
        if (got < length)
            throw fail("file ends inside the " + what + " (expected " + length + " bytes at offset " + position
                    + ", the file has " + Math.max(0, size - position) + ")");
        return buf.flip();
    }

    /** Fills {@code dst} from {@code position} as far as the file allows; returns the bytes read. */
    int readAtMost(long position, ByteBuffer dst) throws MediaException {
        int start = dst.position(), limit = dst.limit();
        // A window must not read past its end into the rest of the file: cap the buffer, restore it after.
        if (position < size && dst.remaining() > size - position) dst.limit(start + (int) (size - position));
        else if (position >= size) dst.limit(start);
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, base + position + (dst.position() - start));
                if (n < 0) break;
            }
        } catch (ClosedByInterruptException e) {
            throw new MediaException(path, "reading was interrupted", e);
        } catch (IOException e) {
            throw new MediaException(path, "cannot read: " + e.getMessage(), e);
        } finally {
            dst.limit(limit);
        }
        return dst.position() - start;
    }

    /**
     * A stream over the file from {@code position}, for decoders that want an {@link java.io.InputStream}.
     * Its failures are {@link MediaException}s naming this file; closing it leaves the file open.
     */
    java.io.InputStream inputStream(long position) {
        return new java.io.InputStream() {
            private long pos = position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                int n = readAtMost(pos, ByteBuffer.wrap(b, off, len));
                if (n == 0) return -1;
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // A read-only channel has nothing to flush; a failing close cannot lose data.
        }
    }
}
