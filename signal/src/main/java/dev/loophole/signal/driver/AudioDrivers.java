package dev.loophole.signal.driver;

import java.util.Locale;

/** Chooses a live backend: JACK first (also PipeWire's JACK layer), then Java Sound. */
public final class AudioDrivers {
    public static final String NONE_MESSAGE =
            "no audio output: no JACK server is running and Java Sound has no output line; start jackd or PipeWire's JACK layer";

    private AudioDrivers() {}

    /**
     * Opens the driver named by {@code kind} ("jack", "javasound"), or with null/"auto" the first
     * that works. Throws {@link AudioUnavailableException} with a message a user can act on.
     */
    public static AudioDriver open(String kind, AudioConfig config) {
        String k = kind == null ? "auto" : kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "jack" -> JackDriver.open(config);
            case "javasound" -> JavaSoundDriver.open(config);
            case "auto" -> {
                try {
                    yield JackDriver.open(config);
                } catch (AudioUnavailableException jack) {
                    try {
                        yield JavaSoundDriver.open(config);
                    } catch (AudioUnavailableException javaSound) {
                        AudioUnavailableException e = new AudioUnavailableException(NONE_MESSAGE, jack);
                        e.addSuppressed(javaSound);
                        throw e;
                    }
                }
            }
            default -> throw new IllegalArgumentException("driver '" + kind + "' is not known; expected jack or javasound");
        };
    }
}
