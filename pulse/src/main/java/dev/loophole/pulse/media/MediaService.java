package dev.loophole.pulse.media;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaFile;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.MediaWatcher;
import dev.loophole.media.library.StatusChange;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.audition.Auditioner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the IPC server calls for the media library, in plain values a JSON codec can write:
 * {@code media.search} → {@link #search}, {@code media.audition} → {@link #audition}, {@code media.stopAudition} →
 * {@link #stopAudition}, {@code sampler.assignSample} with a {@code mediaId} → {@link #sampleRef} (put the result in
 * the region's samples), {@code sampler.sampleStatus} notifications ← {@link #onSampleStatus}. The server starts
 * {@link #watch} so the library follows the disk while it runs.
 */
public final class MediaService implements AutoCloseable {
    /** Opens the audio output on the first audition (a server that never auditions never opens one). */
    @FunctionalInterface
    public interface AuditionerFactory {
        Auditioner open() throws IOException;
    }

    /** One search hit, as {@code media.search} returns it. */
    public record Hit(long mediaId, String path, double seconds, int sampleRate, int channels, List<String> tags, String status) {
        static Hit of(MediaFile f) {
            return new Hit(f.id(), f.path().toString(), f.duration(), f.sampleRate(), f.channels(), f.tags(),
                    f.status().name().toLowerCase(Locale.ROOT));
        }
    }

    /** The payload of {@code sampler.sampleStatus}: which sample, where, and its status now (online/offline/remote/missing). */
    public record SampleStatus(long mediaId, String path, String status) {}

    private final MediaLibrary library;
    private final AuditionerFactory auditioners;
    private Auditioner auditioner;

    /** @param auditioners opens the audition output, or null for a server without audio (auditions are refused) */
    public MediaService(MediaLibrary library, AuditionerFactory auditioners) {
        this.library = library;
        this.auditioners = auditioners;
    }

    public MediaLibrary library() { return library; }

    /** Whether auditions can sound here (a server started without audio cannot). */
    public boolean canAudition() { return auditioners != null; }

    /** {@code media.search {query, limit}}. A query that does not parse fails with the bad filter named. */
    public List<Hit> search(String query, int limit) throws LibraryException {
        return library.search(query, limit).stream().map(Hit::of).toList();
    }

    /** {@code media.audition {mediaId}}: plays it at once, stopping the previous audition. */
    public synchronized Hit audition(long mediaId) throws LibraryException, IOException {
        MediaFile f = library.file(mediaId).orElseThrow(() -> new LibraryException("media id " + mediaId + " is not in the library"));
        if (!f.status().playable())
            throw new LibraryException(f.path() + " is " + f.status().name().toLowerCase(Locale.ROOT) + "; it cannot be auditioned now");
        if (auditioners == null) throw new IOException("no audio device (the server runs without one): nothing to audition on");
        if (auditioner == null) auditioner = auditioners.open();
        auditioner.play(f.path());
        return Hit.of(f);
    }

    /** {@code media.stopAudition}. */
    public synchronized void stopAudition() {
        if (auditioner != null) auditioner.stop();
    }

    /** Voices the audition is sounding now (0 when none is open). */
    public synchronized int auditionVoices() {
        return auditioner == null ? 0 : auditioner.voices();
    }

    /** {@code sampler.assignSample {mediaId}}: the reference a region holds (root + relative path + hash). */
    public SampleRef sampleRef(long mediaId) throws LibraryException {
        return library.sampleRef(mediaId);
    }

    /** Every status change as a {@code sampler.sampleStatus} payload; closing the handle stops it. */
    public AutoCloseable onSampleStatus(Consumer<SampleStatus> notify) {
        return library.onStatusChange((StatusChange c) ->
                notify.accept(new SampleStatus(c.fileId(), c.path().toString(), c.after().name().toLowerCase(Locale.ROOT))));
    }

    /** Starts the file watcher and the drive poll (see {@link MediaWatcher}). */
    public MediaWatcher watch(Duration poll) throws LibraryException {
        return library.watch(poll);
    }

    @Override
    public synchronized void close() {
        if (auditioner != null) auditioner.close();
        auditioner = null;
    }
}
