package dev.loophole.signal.driver;

import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.SourceDataLine;

/**
 * A SourceDataLine that "plays" 16-bit stereo at its sample rate against the wall clock, like a
 * sound card would: write blocks while the buffer is full. Keeps the loudest sample it was given.
 */
final class FakeLine implements SourceDataLine {
    private AudioFormat format;
    private int bufferSize;
    private boolean open, running;
    private long startNanos, written; // bytes
    volatile int peak;
    volatile long starved;

    private long played() {
        if (!running) return 0;
        long bytes = (long) ((System.nanoTime() - startNanos) / 1e9 * format.getSampleRate()) * 4;
        if (bytes > written) { starved++; startNanos = System.nanoTime() - (long) (written / 4 / format.getSampleRate() * 1e9); return written; }
        return bytes;
    }

    @Override public void open(AudioFormat f, int size) { format = f; bufferSize = size; open = true; }

    @Override public void open(AudioFormat f) { open(f, 4096); }

    @Override public void open() { throw new UnsupportedOperationException(); }

    @Override public int write(byte[] b, int off, int len) {
        while (written - played() + len > bufferSize) LockSupport.parkNanos(200_000);
        for (int i = off; i + 1 < off + len; i += 2) peak = Math.max(peak, Math.abs((short) ((b[i] & 0xFF) | b[i + 1] << 8)));
        written += len;
        return len;
    }

    @Override public void start() { running = true; startNanos = System.nanoTime(); }

    @Override public void stop() { running = false; }

    @Override public void close() { open = false; }

    @Override public boolean isOpen() { return open; }

    @Override public boolean isRunning() { return running; }

    @Override public boolean isActive() { return running; }

    @Override public int available() { return (int) (bufferSize - (written - played())); }

    @Override public int getBufferSize() { return bufferSize; }

    @Override public AudioFormat getFormat() { return format; }

    @Override public void drain() { }

    @Override public void flush() { }

    @Override public int getFramePosition() { return (int) (played() / 4); }

    @Override public long getLongFramePosition() { return played() / 4; }

    @Override public long getMicrosecondPosition() { return (long) (played() / 4 / format.getSampleRate() * 1e6); }

    @Override public float getLevel() { return javax.sound.sampled.AudioSystem.NOT_SPECIFIED; }

    @Override public javax.sound.sampled.Line.Info getLineInfo() { return new DataLine.Info(SourceDataLine.class, format); }

    @Override public Control[] getControls() { return new Control[0]; }

    @Override public boolean isControlSupported(Control.Type t) { return false; }

    @Override public Control getControl(Control.Type t) { throw new IllegalArgumentException("no controls"); }

    @Override public void addLineListener(LineListener l) { }

    @Override public void removeLineListener(LineListener l) { }
}
