package dev.loophole.cli;

import dev.loophole.formats.InstrumentFiles;
import dev.loophole.formats.InstrumentPrefetch;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;

/** Opens instrument files by kind and gives the engine its samples from disk. */
final class InstrumentLoader {
    private InstrumentLoader() {}

    static boolean isSoundFont(Path file) { return InstrumentFiles.isSoundFont(file); }

    static Program load(Path file) throws IOException {
        InputFiles.require(file, "an instrument file (" + InstrumentFiles.kinds() + ", .sf2)");
        // A bank holds many presets and this path takes one program: say what does take a bank, not "unknown kind"
        if (isSoundFont(file)) throw new Errors.UserError(file + ": a SoundFont bank, not one instrument; this command takes "
                + InstrumentFiles.kinds() + " — render the bank with `loophole render --instrument " + file.getFileName()
                + "`, or play a song through it as a project (`loophole project import --midi SONG.mid --instrument "
                + file.getFileName() + " -o SONG.loophole`, then `loophole play SONG.loophole`)");
        var opener = InstrumentFiles.opener(file);
        if (opener.isEmpty()) throw new Errors.UserError(file + ": unknown instrument kind, expected " + InstrumentFiles.kinds() + " or an .sf2 file");
        Program prefetched = InstrumentPrefetch.take(file); // opened while the command line was parsed (RenderPrefetch)
        return prefetched != null ? prefetched : opener.get().open(file);
    }

    /** Why an instrument plays nothing: it defines no region, or none of its regions could load (its warnings say why). */
    static String noRegion(Path file, int defined) {
        return defined == 0 ? file + " has no region"
                : file + ": none of its " + defined + (defined == 1 ? " region" : " regions") + " can play (see the warnings above)";
    }

    /** Samples whole in memory, for callers that do not stream (live play without a streamer). */
    static dev.loophole.signal.sampler.SampleProvider samplesFromDisk() {
        return new dev.loophole.signal.store.SampleStore(Long.MAX_VALUE, false);
    }
}
