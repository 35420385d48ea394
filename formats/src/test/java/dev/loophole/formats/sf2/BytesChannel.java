package dev.loophole.formats.sf2;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only in-memory channel, so that thousands of mutants need no file writes. */
final class BytesChannel implements SeekableByteChannel {
    private final byte[] data;
    private long position;

    BytesChannel(byte[] data) { this.data = data; }

    @Override public int read(ByteBuffer dst) {
        if (position >= data.length) return -1;
        int n = (int) Math.min(dst.remaining(), data.length - position);
        dst.put(data, (int) position, n);
        position += n;
        return n;
    }

    @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
    @Override public long position() { return position; }
    @Override public SeekableByteChannel position(long p) { position = p; return this; }
    @Override public long size() { return data.length; }
    @Override public SeekableByteChannel truncate(long size) { throw new NonWritableChannelException(); }
    @Override public boolean isOpen() { return true; }
    @Override public void close() {}
}
