package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the library: words match the start of words in names, folders, tags and embedded text (best first); "
                + "filters narrow it.",
        footer = {"", "Filters: tag:T  dur:<1s dur:>=250ms dur:1s..3s  key:C key:F#3 key:60  rate:48000 rate:44.1k  ch:2  bits:24",
                "         bpm:120 bpm:90..110  format:wav|aiff|flac|ogg  status:online|offline|remote|missing  type:loop|one-shot",
                "", "Output: one line per hit — path, duration, rate, channels, tags (tab-separated).",
                "Example: loophole media search 'kick tag:acoustic dur:<1s rate:48000'",
                "", "Exit status: 0 (also with no hits), 1 on an error, 2 for a wrong command line."})
final class MediaSearchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words and filters (all must match).")
    List<String> query;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many hits (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (MediaLibrary lib = library.open()) {
            for (MediaFile f : lib.search(query == null ? "" : String.join(" ", query), limit)) out.println(MediaCommand.line(f));
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
