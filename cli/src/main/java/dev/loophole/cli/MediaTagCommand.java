package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tag", mixinStandardHelpOptions = true, description = "Add (or with --remove, remove) your own tags on a sample.",
        footer = {"", "Example: loophole media tag ~/Samples/Kick01.wav punchy favourite"})
final class MediaTagCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Parameters(index = "0", paramLabel = "PATH", description = "A sample in the library.")
    Path path;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "Tags (lower-cased).")
    List<String> tags;

    @Option(names = "--remove", description = "Remove these tags instead.")
    boolean remove;

    @Override
    public Integer call() {
        try (MediaLibrary lib = library.open()) {
            MediaFile f = remove ? lib.untag(path, tags) : lib.tag(path, tags);
            spec.commandLine().getOut().println(MediaCommand.line(f));
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
