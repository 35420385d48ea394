package dev.loophole.signal.engine;

/** An instrument node that takes no MIDI: an audio source in the graph (an audio lane), or a node that cannot play yet. */
public interface NoMidi extends Instrument {
    @Override default void noteOn(int channel, int key, int velocity) { }
    @Override default void noteOff(int channel, int key, int velocity) { }
    @Override default void controlChange(int channel, int controller, int value) { }
    @Override default void pitchBend(int channel, int value) { }
    @Override default void channelPressure(int channel, int value) { }
    @Override default void polyPressure(int channel, int key, int value) { }
    @Override default void programChange(int channel, int program) { }
}
