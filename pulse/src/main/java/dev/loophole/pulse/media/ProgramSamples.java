package dev.loophole.pulse.media;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.MediaStatus;
import dev.loophole.media.library.Resolution;
import dev.loophole.media.library.StatusChange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a playing program's patch in step with its samples' media status (spec §4.2). The program's references
 * are resolved through the library (root + relative path, then hash); regions whose sample is not online are left
 * out of the patch, so the program loads and plays what is there. When the library reports a status change for one
 * of its samples (a drive unplugged or back, a file restored), the patch is recompiled from the same program and
 * handed to {@code install} (e.g. {@code SamplerInstrument::swapPatch}): a returning drive's samples sound again
 * without the program being reloaded. Voices already sounding keep their data.
 */
public final class ProgramSamples implements AutoCloseable {
    private final MediaLibrary library;
    private final Program program;
    private final PatchCompiler compiler;
    private final Consumer<Patch> install;
    private final AutoCloseable subscription;
    private volatile Map<SampleRef, Resolution> resolved;
    private volatile Patch patch;

    public ProgramSamples(MediaLibrary library, Program program, PatchCompiler compiler, Consumer<Patch> install) throws LibraryException {
        this.library = library;
        this.program = program;
        this.compiler = compiler;
        this.install = install;
        refresh();
        this.subscription = library.onStatusChange(this::changed);
    }

    /** The patch as it is now (regions of online samples only). */
    public Patch patch() { return patch; }

    /** Each sample reference's status now. */
    public Map<SampleRef, MediaStatus> statuses() {
        Map<SampleRef, MediaStatus> out = new java.util.LinkedHashMap<>();
        resolved.forEach((ref, r) -> out.put(ref, r.status()));
        return out;
    }

    private void changed(StatusChange c) {
        if (resolved.keySet().stream().noneMatch(c::concerns)) return;
        try {
            refresh();
        } catch (LibraryException e) {
            System.getLogger("dev.loophole.pulse").log(System.Logger.Level.WARNING, "cannot follow sample status: " + e.getMessage());
        }
    }

    private synchronized void refresh() throws LibraryException {
        Set<SampleRef> refs = new HashSet<>();
        for (SampleRegion r : program.regions()) refs.addAll(r.samples());
        resolved = library.resolve(refs);
        patch = compiler.compile(playable(program, resolved));
        install.accept(patch);
    }

    /**
     * The program as it can sound now: each region whose sample resolved points where the library has it now, and
     * a region whose sample resolved to anything but online is left out. Regions whose sample is not in
     * {@code resolved} (built-ins, references nobody asked about) stay as they are.
     */
    public static Program playable(Program program, Map<SampleRef, Resolution> resolved) {
        List<SampleGroup> groups = new ArrayList<>();
        for (SampleGroup g : program.groups()) {
            List<SampleRegion> playable = new ArrayList<>();
            for (SampleRegion r : g.regions()) {
                Resolution res = r.sample() == null ? null : resolved.get(r.sample());
                if (res == null) {
                    playable.add(r);
                    continue;
                }
                if (res.status() != MediaStatus.ONLINE) continue;
                SampleRegion.Builder b = r.toBuilder();
                b.samples = new ArrayList<>(r.samples().stream().map(s -> resolved.containsKey(s) ? resolved.get(s).current() : s).toList());
                playable.add(b.build());
            }
            groups.add(new SampleGroup(g.groupId(), g.name(), playable));
        }
        return program.withGroups(groups);
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
