package dev.loophole.cli;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.RelinkReport;
import dev.loophole.media.library.Root;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "relink", mixinStandardHelpOptions = true,
        description = "Find samples that moved: roots by an explicit move or under search folders, then missing files by content hash.",
        footer = {"", "Examples:",
                "  loophole media relink /media/newdrive              look for unreachable roots under /media/newdrive",
                "  loophole media relink --from /media/old --to /media/new   a renamed mount point",
                "", "Programs refer to library samples by root and hash, so they find relinked samples without being edited."})
final class MediaRelinkCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LibraryOption library;

    @Option(names = "--from", paramLabel = "OLD", description = "A folder that moved (with --to; repeatable in pairs).")
    List<Path> from;

    @Option(names = "--to", paramLabel = "NEW", description = "Where it is now.")
    List<Path> to;

    @Parameters(arity = "0..*", paramLabel = "SEARCH_DIR", description = "Folders to look for unreachable roots in.")
    List<Path> search;

    @Override
    public Integer call() {
        int nf = from == null ? 0 : from.size(), nt = to == null ? 0 : to.size();
        if (nf != nt) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--from and --to come in pairs (" + nf + " --from, " + nt + " --to)");
        Map<Path, Path> moves = new LinkedHashMap<>();
        for (int i = 0; i < nf; i++) moves.put(from.get(i), to.get(i));
        PrintWriter out = spec.commandLine().getOut();
        try (MediaLibrary lib = library.open()) {
            RelinkReport r = lib.relink(moves, search == null ? List.of() : search);
            for (RelinkReport.Moved m : r.moved()) out.println("root " + m.from() + " -> " + m.to());
            out.println(r.byHash() + " moved files found by content hash");
            for (Root root : r.stillOffline()) out.println("still offline: " + root.path());
        } catch (LibraryException e) {
            throw LibraryOption.fail(e);
        }
        return 0;
    }
}
