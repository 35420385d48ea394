package dev.loophole.model.project;

import java.util.List;

/**
 * An instrument's audio outputs: {@code main} for most, plus one per pad or bus for a multi-output
 * drum kit (each output can feed its own downstream nodes in the track's graph).
 */
public record AudioOutputRouting(List<AudioPort> ports) {
    public static final String MAIN = "main";
    public static final AudioOutputRouting STEREO = new AudioOutputRouting(List.of(AudioPort.stereo(MAIN)));

    public AudioOutputRouting {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) throw new IllegalArgumentException("an instrument needs at least one audio output");
        Ids.unique(ports, AudioPort::id, "output port");
    }

    public boolean has(String portId) { return ports.stream().anyMatch(p -> p.id().equals(portId)); }
}
