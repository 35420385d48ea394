package dev.loophole.cli;

import dev.loophole.media.SampleFormat;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.signal.dsp.Interpolation;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options shared by every command that renders audio, defined in code ({@link SpecBuilder}: {@code render} is built
 * without reading annotations) and added to each such command by {@link #addTo}. A value outside its range is a wrong
 * command line (exit 2).
 */
final class RenderOptions {
    static final int MAX_POLYPHONY = 4096;
    static final int MIN_PRELOAD = 64, MAX_PRELOAD = 1 << 24;
    static final double MAX_GAIN_DB = 96;

    /** Adds the options (with {@code --max-length}) to a command's model. */
    static void addTo(SpecBuilder b) {
        b.option("--rate", int.class, "HZ", "48000", "Sample rate: 44100, 48000 or 96000 (default: ${DEFAULT-VALUE}).")
                .option("--bits", int.class, "N", "24", "PCM bits per sample: 16 or 24 (default: ${DEFAULT-VALUE}).")
                .flag("--float", "Write 32-bit float samples instead of PCM.")
                .option("--tail", Double.class, "SECONDS", null,
                        "Seconds rendered after the last MIDI event, 0 or more (default: until every voice is silent).")
                .option("--seed", long.class, "<seed>", "0", "Seed for round-robin and random choices (default: ${DEFAULT-VALUE}).")
                .option("--quality", String.class, "QUALITY", "sinc64",
                        "Sample interpolation: nearest, linear, cubic, sinc8, sinc16, sinc32 or sinc64 (default: ${DEFAULT-VALUE},"
                                + " the best: offline there is time for it). A region's sample_quality overrides it.")
                .option("--polyphony", int.class, "<polyphony>", String.valueOf(ProjectEngine.Settings.DEFAULT_POLYPHONY), "Voice cap per instrument, 1-" + MAX_POLYPHONY + " (default: ${DEFAULT-VALUE}).")
                .option("--gain", double.class, "DB", "0", "Master gain in dB applied to the mix, -96..96 (default: ${DEFAULT-VALUE}).")
                .option("--preload", int.class, "FRAMES", "8192", "Frames of each sample decoded into memory at load, " + MIN_PRELOAD + "-"
                        + MAX_PRELOAD + "; the rest streams from disk (default: ${DEFAULT-VALUE}).")
                .flag("--dry", "No reverb or chorus sends (SoundFont CC91/CC93, SFZ effect1/effect2): the dry instruments alone.");
        SongLength.addTo(b);
        b.flag("--verbose", "Show the song's length, every warning, and stack traces on errors.");
    }

    /** The job a parsed command's model asks for, its values checked (a value out of range is a wrong command line). */
    static RenderJob.Options job(CommandSpec spec) {
        int rate = SpecBuilder.<Integer>value(spec, "--rate"), bits = SpecBuilder.<Integer>value(spec, "--bits");
        boolean floating = SpecBuilder.flag(spec, "--float");
        Double tail = SpecBuilder.value(spec, "--tail");
        String quality = SpecBuilder.value(spec, "--quality");
        int polyphony = SpecBuilder.<Integer>value(spec, "--polyphony"), preload = SpecBuilder.<Integer>value(spec, "--preload");
        double gainDb = SpecBuilder.<Double>value(spec, "--gain"), maxSeconds = SongLength.maxSeconds(spec);
        if (rate != 44_100 && rate != 48_000 && rate != 96_000)
            throw new Errors.BadOption("--rate " + rate + " is not supported; expected 44100, 48000 or 96000");
        if (!floating && bits != 16 && bits != 24)
            throw new Errors.BadOption("--bits " + bits + " is not supported; expected 16 or 24 (or --float)");
        if (tail != null && !(tail >= 0 && tail <= maxSeconds))
            throw new Errors.BadOption("--tail " + tail + " is outside 0.." + (long) maxSeconds + " seconds (--max-length)");
        if (polyphony < 1 || polyphony > MAX_POLYPHONY)
            throw new Errors.BadOption("--polyphony " + polyphony + " is outside 1.." + MAX_POLYPHONY + " voices");
        int q = Interpolation.byName(quality);
        if (q < 0) throw new Errors.BadOption("--quality '" + quality + "' is not known; expected one of " + String.join(", ", Interpolation.NAMES));
        if (preload < MIN_PRELOAD || preload > MAX_PRELOAD)
            throw new Errors.BadOption("--preload " + preload + " is outside " + MIN_PRELOAD + ".." + MAX_PRELOAD + " frames");
        if (!(Math.abs(gainDb) <= MAX_GAIN_DB)) throw new Errors.BadOption("--gain " + gainDb + " is outside -96..96 dB");
        SampleFormat format = floating ? SampleFormat.FLOAT_32 : new SampleFormat(bits, false);
        return new RenderJob.Options(rate, format, tail == null ? -1 : tail, SpecBuilder.<Long>value(spec, "--seed"), q, polyphony,
                Progress.onTerminal(), SpecBuilder.flag(spec, "--verbose"), gainDb, preload, maxSeconds, !SpecBuilder.flag(spec, "--dry"));
    }
}
