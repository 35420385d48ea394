package dev.loophole.signal.driver;

import java.util.List;

/**
 * A live audio backend, in the shape of jaudiolibs' AudioServer/AudioClient: a driver is opened
 * from an {@link AudioConfig} (see {@link AudioDrivers#open}), then {@link #start}ed with the
 * callback that renders each block, then {@link #close}d. Control threads feed MIDI through
 * {@link #addMidiSource} rings, timed on {@link #streamFrame()}; the audio thread reports through
 * {@link #stats()}.
 */
public interface AudioDriver extends AutoCloseable {
    /** "jack" or "javasound". */
    String kind();

    int sampleRate();

    /** Frames per block (JACK: the server's period). */
    int blockSize();

    /**
     * The audio clock, in frames since {@link #start}: the start of the block being rendered next.
     * Due frames of {@link MidiRing} messages are on this clock.
     */
    long streamFrame();

    /** A ring for one control thread's MIDI; messages reach the callback's EventBuffer on their due frame. */
    MidiRing addMidiSource(int capacity);

    /** Starts calling {@code callback} on the audio thread; connects ports. Once. */
    void start(AudioCallback callback);

    DriverStats stats();

    /** False once closed, or when the backend went away (then {@link #stopReason()} says why). */
    boolean isRunning();

    /** Why the driver stopped by itself (e.g. "JACK server shut down"), or null. */
    String stopReason();

    /** The MIDI sources connected at start, by name. */
    List<String> midiInputs();

    /** One line: backend, rate, block, where the outputs go. */
    String describe();

    /** Stops the callback and frees the backend. Idempotent; safe from a shutdown hook. */
    @Override
    void close();
}
