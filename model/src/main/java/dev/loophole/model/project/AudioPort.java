package dev.loophole.model.project;

/** A node's audio output (or input): a stable id connections name, a label, and its channel count. */
public record AudioPort(String id, String name, int channels) {
    public AudioPort {
        Ids.require(id, "port id");
        if (name == null) name = id;
        if (channels < 1 || channels > 8) throw new IllegalArgumentException("port " + id + ": " + channels + " channels, expected 1..8");
    }

    public static AudioPort stereo(String id) { return new AudioPort(id, id, 2); }
}
