package dev.loophole.pulse.server;

import dev.loophole.ipc.Ack;
import dev.loophole.ipc.MediaRequest;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.media.library.AutoMapper;
import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.MediaStatus;
import dev.loophole.media.library.StatusChange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.pulse.media.MediaService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The media library on the wire: {@code media.search}, {@code media.audition}, {@code media.stopAudition}, and every
 * status change the library's watcher sees sent on as {@code sampler.sampleStatus} for the loaded programs' samples.
 * Without a library (null) the media methods answer -32004; without audio ({@link MediaService#canAudition()}) the
 * auditions do.
 */
final class LibraryService implements AutoCloseable {
    static final int DEFAULT_LIMIT = 50;
    private final MediaService media;
    private final Supplier<Workspace> workspace;
    private final Dispatcher dispatcher;
    private final Runnable samplesChanged;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private AutoCloseable subscription;

    /** @param samplesChanged run on the Pulse thread after every status change (the engine follows what is playable) */
    LibraryService(MediaService media, Supplier<Workspace> workspace, Dispatcher dispatcher, Runnable samplesChanged) {
        this.samplesChanged = samplesChanged;
        this.media = media;
        this.workspace = workspace;
        this.dispatcher = dispatcher;
    }

    void register(HandlerTable t) {
        t.on(MediaRequest.Search.class, (p, c) -> {
            try {
                return new MediaRequest.Hits(media().search(p.query(), p.limit() == null ? DEFAULT_LIMIT : p.limit()).stream().map(LibraryService::hit).toList());
            } catch (LibraryException e) {
                throw e.getCause() instanceof IllegalArgumentException ? RpcError.invalid(e.getMessage()) : RpcError.rejected(e.getMessage());
            }
        });
        t.on(MediaRequest.Audition.class, (p, c) -> {
            MediaService m = auditioning();
            try {
                if (m.library().file(p.mediaId()).isEmpty()) throw RpcError.notFound("media id " + p.mediaId() + " is not in the library");
                return hit(m.audition(p.mediaId()));
            } catch (LibraryException | IOException e) {
                throw RpcError.rejected(e.getMessage());
            }
        });
        t.on(MediaRequest.StopAudition.class, (p, c) -> {
            auditioning().stopAudition();
            return new Ack(workspace.get().pulse().revision());
        });
        // Changes come from the watcher's thread; the project is read on the Pulse thread, between requests.
        if (media != null) subscription = media.library().onStatusChange(this::changed);
    }

    /** The reference a region holds for a library file (root + relative path + hash). */
    SampleRef sampleRef(long mediaId) {
        try {
            if (media().library().file(mediaId).isEmpty()) throw RpcError.notFound("media id " + mediaId + " is not in the library");
            return media().sampleRef(mediaId);
        } catch (LibraryException e) {
            throw RpcError.rejected(e.getMessage());
        }
    }

    /** Several library files mapped into an instrument (as {@code loophole media map} does). */
    AutoMapper.Result map(String name, List<Long> mediaIds) {
        try {
            List<MediaFile> files = new ArrayList<>(mediaIds.size());
            for (long id : new LinkedHashSet<>(mediaIds))
                files.add(media().library().file(id).orElseThrow(() -> RpcError.notFound("media id " + id + " is not in the library")));
            MediaLibrary lib = media().library();
            return AutoMapper.map(name, files, f -> {
                try {
                    return lib.sampleRef(f.id());
                } catch (LibraryException e) {
                    throw RpcError.rejected(e.getMessage());
                }
            });
        } catch (LibraryException e) {
            throw RpcError.rejected(e.getMessage());
        }
    }

    private void changed(StatusChange change) {
        dispatcher.run(() -> announce(change));
        // A drive going away changes thousands of files at once: one refresh of the engine for the burst.
        if (refreshQueued.compareAndSet(false, true)) dispatcher.run(() -> {
            refreshQueued.set(false);
            samplesChanged.run();
        });
    }

    private void announce(StatusChange change) {
        SamplerNotification.Status status = status(change.after());
        for (InstrumentNode n : workspace.get().project().instruments()) {
            Program p = n.program();
            if (p == null) continue;
            Set<SampleRef> refs = new LinkedHashSet<>();
            for (SampleRegion r : p.regions()) refs.addAll(r.samples());
            if (refs.stream().anyMatch(change::concerns))
                dispatcher.broadcast(new SamplerNotification.SampleStatus(p.programId(), change.path().toString(), status));
        }
    }

    private MediaService media() {
        if (media == null) throw RpcError.rejected("this server has no media library (start it with --library FILE)");
        return media;
    }

    private MediaService auditioning() {
        MediaService m = media();
        if (!m.canAudition()) throw RpcError.rejected("no audio device (the server runs without one): nothing to audition on");
        return m;
    }

    static SamplerNotification.Status status(MediaStatus s) {
        return SamplerNotification.Status.valueOf(s.name());
    }

    private static MediaRequest.Hit hit(MediaService.Hit h) {
        return new MediaRequest.Hit(h.mediaId(), h.path(), h.seconds(), h.sampleRate(), h.channels(), List.copyOf(h.tags()),
                SamplerNotification.Status.valueOf(h.status().toUpperCase(Locale.ROOT)));
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) subscription.close();
    }
}
