package dev.loophole.cli;

import dev.loophole.media.SampleFormat;
import dev.loophole.signal.dsp.Interpolation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by every command that renders audio. A value outside its range is a wrong command line (exit 2). */
final class RenderOptions {
    static final int MAX_POLYPHONY = 4096;
    static final int MIN_PRELOAD = 64, MAX_PRELOAD = 1 << 24;
    static final double MAX_GAIN_DB = 96;

    @Option(names = "--rate", defaultValue = "48000", paramLabel = "HZ",
            description = "Sample rate: 44100, 48000 or 96000 (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--bits", defaultValue = "24", paramLabel = "N", description = "PCM bits per sample: 16 or 24 (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--float", description = "Write 32-bit float samples instead of PCM.")
    boolean floating;

    @Option(names = "--tail", paramLabel = "SECONDS",
            description = "Seconds rendered after the last MIDI event, 0 or more (default: until every voice is silent).")
    Double tail;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for round-robin and random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quality", defaultValue = "sinc64", paramLabel = "QUALITY",
            description = "Sample interpolation: nearest, linear, cubic, sinc8, sinc16, sinc32 or sinc64 (default: ${DEFAULT-VALUE},"
                    + " the best: offline there is time for it). A region's sample_quality overrides it.")
    String quality;

    @Option(names = "--polyphony", defaultValue = "256", description = "Voice cap per instrument, 1-" + MAX_POLYPHONY + " (default: ${DEFAULT-VALUE}).")
    int polyphony;

    @Option(names = "--gain", defaultValue = "0", paramLabel = "DB", description = "Master gain in dB applied to the mix, -96..96 (default: ${DEFAULT-VALUE}).")
    double gainDb;

    @Option(names = "--preload", defaultValue = "8192", paramLabel = "FRAMES",
            description = "Frames of each sample decoded into memory at load, " + MIN_PRELOAD + "-" + MAX_PRELOAD
                    + "; the rest streams from disk (default: ${DEFAULT-VALUE}).")
    int preload;

    @Option(names = "--dry", description = "No reverb or chorus sends (SoundFont CC91/CC93, SFZ effect1/effect2): the dry instruments alone.")
    boolean dry;

    @Mixin SongLength length;

    @Option(names = "--verbose", description = "Show the song's length, every warning, and stack traces on errors.")
    boolean verbose;

    RenderJob.Options toJob() {
        if (rate != 44_100 && rate != 48_000 && rate != 96_000)
            throw new Errors.BadOption("--rate " + rate + " is not supported; expected 44100, 48000 or 96000");
        if (!floating && bits != 16 && bits != 24)
            throw new Errors.BadOption("--bits " + bits + " is not supported; expected 16 or 24 (or --float)");
        if (tail != null && !(tail >= 0 && tail <= length.maxSeconds))
            throw new Errors.BadOption("--tail " + tail + " is outside 0.." + (long) length.maxSeconds + " seconds (--max-length)");
        if (polyphony < 1 || polyphony > MAX_POLYPHONY)
            throw new Errors.BadOption("--polyphony " + polyphony + " is outside 1.." + MAX_POLYPHONY + " voices");
        int q = Interpolation.byName(quality);
        if (q < 0) throw new Errors.BadOption("--quality '" + quality + "' is not known; expected one of " + String.join(", ", Interpolation.NAMES));
        if (preload < MIN_PRELOAD || preload > MAX_PRELOAD)
            throw new Errors.BadOption("--preload " + preload + " is outside " + MIN_PRELOAD + ".." + MAX_PRELOAD + " frames");
        if (!(Math.abs(gainDb) <= MAX_GAIN_DB)) throw new Errors.BadOption("--gain " + gainDb + " is outside -96..96 dB");
        SampleFormat format = floating ? SampleFormat.FLOAT_32 : new SampleFormat(bits, false);
        return new RenderJob.Options(rate, format, tail == null ? -1 : tail, seed, q, polyphony, Progress.onTerminal(), verbose, gainDb, preload, length.maxSeconds, !dry);
    }
}
