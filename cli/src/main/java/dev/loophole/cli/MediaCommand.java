package dev.loophole.cli;

import dev.loophole.media.library.MediaFile;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loophole media …}: the media library. */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = "The media library: scan folders of samples, search, tag, audition, relink moved folders, map a folder to an instrument.",
        subcommands = {MediaAddCommand.class, MediaSearchCommand.class, MediaTagCommand.class, MediaStatusCommand.class,
                MediaRelinkCommand.class, MediaMapCommand.class, MediaAuditionCommand.class},
        footer = {"", "Each command takes --library FILE (default: ~/.local/share/loophole/library.db, or under $XDG_DATA_HOME)."})
final class MediaCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a media command is needed (add, search, tag, status, relink, map, audition)");
    }

    /** One search hit: path, duration, rate, channels, tags (tab-separated). */
    static String line(MediaFile f) {
        String status = f.status().playable() ? "" : "\t[" + f.status().name().toLowerCase(Locale.ROOT) + "]";
        if (f.format() == null)
            return f.path() + "\t-\t-\t-\t" + String.join(",", f.tags()) + status;
        return f.path() + "\t" + String.format(Locale.ROOT, "%.3f s", f.duration()) + "\t" + f.sampleRate() + " Hz\t"
                + f.channels() + " ch\t" + String.join(",", f.tags()) + status;
    }
}
