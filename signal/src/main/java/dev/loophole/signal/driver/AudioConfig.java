package dev.loophole.signal.driver;

import java.util.List;

/**
 * What an application asks of a driver. The driver may not honour every wish (JACK's server
 * decides rate and block size): read the real values from the {@link AudioDriver}.
 *
 * @param clientName     name shown in JACK's graph
 * @param sampleRate     wished rate (Java Sound); JACK uses the server's
 * @param blockSize      wished frames per block (Java Sound); JACK uses the server's
 * @param midiInputs     null: no MIDI input; empty: every physical MIDI source; otherwise the
 *                       sources whose names contain one of these strings
 * @param connectOutputs connect the outputs to the system's playback ports if there are any
 * @param jackServer     JACK server name, null for the default one (or $JACK_DEFAULT_SERVER)
 */
public record AudioConfig(String clientName, int sampleRate, int blockSize, List<String> midiInputs,
                          boolean connectOutputs, String jackServer) {
    public static final int CHANNELS = 2;
    /** The largest block a driver renders at once; larger host buffers are split. */
    public static final int MAX_BLOCK = 8192;

    public AudioConfig {
        if (blockSize < 16 || blockSize > MAX_BLOCK) throw new IllegalArgumentException("block size " + blockSize + " is outside 16.." + MAX_BLOCK);
        if (sampleRate < 8000) throw new IllegalArgumentException("sample rate " + sampleRate + " is too low");
        midiInputs = midiInputs == null ? null : List.copyOf(midiInputs);
    }

    public static AudioConfig defaults(String clientName) {
        return new AudioConfig(clientName, 48_000, 256, List.of(), true, null);
    }

    public AudioConfig withMidiInputs(List<String> names) {
        return new AudioConfig(clientName, sampleRate, blockSize, names, connectOutputs, jackServer);
    }

    public AudioConfig withJackServer(String server) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connectOutputs, server);
    }

    public AudioConfig withConnectOutputs(boolean connect) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connect, jackServer);
    }

    /** Does a MIDI source called {@code name} match {@link #midiInputs}? ({@code physical}: a hardware port.) */
    boolean wantsMidiSource(String name, boolean physical) {
        if (midiInputs == null) return false;
        if (midiInputs.isEmpty()) return physical;
        for (String s : midiInputs) if (name.toLowerCase(java.util.Locale.ROOT).contains(s.toLowerCase(java.util.Locale.ROOT))) return true;
        return false;
    }
}
