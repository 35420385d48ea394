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
 * @param outputs        names of the stereo outputs, one per engine bus: JACK ports {@code NAME_L}/{@code NAME_R};
 *                       only the first is connected to the system (drivers without named ports mix all into it)
 * @param reconnect      JACK: when the server goes away, keep the engine and reconnect once it is back
 */
public record AudioConfig(String clientName, int sampleRate, int blockSize, List<String> midiInputs,
                          boolean connectOutputs, String jackServer, List<String> outputs, boolean reconnect) {
    /** The single output's name when none are given: ports {@code out_L}/{@code out_R}. */
    public static final String MAIN_OUTPUT = "out";
    /** Named outputs a driver offers at most (16 MIDI channels, one bus each). */
    public static final int MAX_OUTPUTS = 16;

    public static final int CHANNELS = 2;
    /** The largest block a driver renders at once; larger host buffers are split. */
    public static final int MAX_BLOCK = 8192;

    public AudioConfig {
        if (blockSize < 16 || blockSize > MAX_BLOCK) throw new IllegalArgumentException("block size " + blockSize + " is outside 16.." + MAX_BLOCK);
        if (sampleRate < 8000) throw new IllegalArgumentException("sample rate " + sampleRate + " is too low");
        midiInputs = midiInputs == null ? null : List.copyOf(midiInputs);
        outputs = outputs == null || outputs.isEmpty() ? List.of(MAIN_OUTPUT) : List.copyOf(outputs);
        if (outputs.size() > MAX_OUTPUTS) throw new IllegalArgumentException(outputs.size() + " outputs; at most " + MAX_OUTPUTS);
        for (String o : outputs) {
            if (!o.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}"))
                throw new IllegalArgumentException("output name '" + o + "' must be 1-32 letters, digits, '_' or '-'");
        }
        if (outputs.stream().distinct().count() != outputs.size()) throw new IllegalArgumentException("output names repeat: " + outputs);
    }

    public static AudioConfig defaults(String clientName) {
        return new AudioConfig(clientName, 48_000, 256, List.of(), true, null, List.of(MAIN_OUTPUT), false);
    }

    public AudioConfig withMidiInputs(List<String> names) {
        return new AudioConfig(clientName, sampleRate, blockSize, names, connectOutputs, jackServer, outputs, reconnect);
    }

    public AudioConfig withJackServer(String server) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connectOutputs, server, outputs, reconnect);
    }

    public AudioConfig withConnectOutputs(boolean connect) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connect, jackServer, outputs, reconnect);
    }

    /** One stereo output per name, in bus order (bus 0 first). */
    public AudioConfig withOutputs(List<String> names) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connectOutputs, jackServer, names, reconnect);
    }

    public AudioConfig withReconnect(boolean on) {
        return new AudioConfig(clientName, sampleRate, blockSize, midiInputs, connectOutputs, jackServer, outputs, on);
    }

    /** JACK port names of output {@code bus}: {@code NAME_L}, {@code NAME_R}. */
    public static String portName(String output, int side) { return output + (side == 0 ? "_L" : "_R"); }

    /** Does a MIDI source called {@code name} match {@link #midiInputs}? ({@code physical}: a hardware port.) */
    boolean wantsMidiSource(String name, boolean physical) {
        if (midiInputs == null) return false;
        if (midiInputs.isEmpty()) return physical;
        for (String s : midiInputs) if (name.toLowerCase(java.util.Locale.ROOT).contains(s.toLowerCase(java.util.Locale.ROOT))) return true;
        return false;
    }
}
