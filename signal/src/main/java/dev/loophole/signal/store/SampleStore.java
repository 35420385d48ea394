package dev.loophole.signal.store;

import dev.loophole.media.AudioFileInfo;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.AudioProblem;
import dev.loophole.media.FileStamp;
import dev.loophole.media.AudioReader;
import dev.loophole.media.MediaException;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SampleProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control side's sample cache: decodes only the head of each sample (the rest streams), shares
 * one copy of a file between programs, keeps whole samples for RAM mode, and holds decoded memory
 * under a budget by forgetting the least recently used entries (a patch still playing one keeps it
 * alive; the store just stops holding it). Thread-safe; never used on the audio thread.
 */
public final class SampleStore implements SampleProvider {
    private final long budgetBytes;
    private final boolean streaming;
    private final boolean headersInFull;
    private final LinkedHashMap<FileStamp, SampleData> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Path, SampleStatus> status = new ConcurrentHashMap<>();
    /** Damaged audio met while loading or streaming, one entry per file and kind (see {@link #problems()}). */
    private final Map<String, AudioProblem> problems = new ConcurrentHashMap<>();
    private long bytes;

    /**
     * @param budgetBytes decoded bytes to keep before evicting the least recently used samples
     * @param streaming   false loads every sample whole (renders are identical either way)
     */
    public SampleStore(long budgetBytes, boolean streaming) {
        this(budgetBytes, streaming, false);
    }

    /**
     * {@code headersInFull}: a sample asked for its {@link #header} alone is still opened in full, as {@code inspect}
     * opens it (a FLAC file's cut looked for, its damage reported) and its head read through as a played sample's would be
     * at the default preload (and through its loops), though nothing is kept: for a render that must find damage in every sample ({@code --strict}), also those no
     * note reaches.
     */
    public SampleStore(long budgetBytes, boolean streaming, boolean headersInFull) {
        this.budgetBytes = budgetBytes;
        this.streaming = streaming;
        this.headersInFull = headersInFull;
    }

    @Override
    public SampleData load(SampleRef ref) throws IOException {
        return load(ref, Long.MAX_VALUE, true);
    }

    @Override
    public SampleData load(SampleRef ref, long minHeadFrames, boolean ramMode) throws IOException {
        if (ref.isBuiltin()) {
            SampleData b = Builtins.generate(ref.path());
            if (b == null) throw new IOException(ref.path() + ": not a built-in sample; expected *sine, *saw, *square, *triangle, *noise or *silence");
            return b;
        }
        Path file = Path.of(ref.path()).toAbsolutePath().normalize();
        FileStamp key = key(file);
        synchronized (this) {
            SampleData have = cache.get(key);
            if (have != null && (!have.streamed() || !ramMode && have.headFrames() >= minHeadFrames)) return have;
        }
        SampleData loaded;
        try {
            loaded = decode(file, minHeadFrames, ramMode || !streaming);
        } catch (MediaException e) {
            // The file is there but holds no frame that can be played: damage, like a file cut short.
            report(AudioProblem.unusable(file, e));
            throw e;
        }
        status.put(file, SampleStatus.ONLINE);
        if (loaded.streamed()) streamedAny = true;
        synchronized (this) {
            SampleData old = cache.put(key, loaded);
            if (old != null) bytes -= old.memoryBytes();
            bytes += loaded.memoryBytes();
            evict(key);
        }
        return loaded;
    }

    @Override
    public SampleData header(SampleRef ref) throws IOException {
        if (ref.isBuiltin()) return load(ref);
        Path file = Path.of(ref.path()).toAbsolutePath().normalize();
        FileStamp key = key(file);
        synchronized (this) {
            SampleData have = cache.get(key);
            if (have != null) return have;
        }
        AudioFileInfo info = headersInFull ? openInFull(file) : AudioFiles.header(key); // checks a read-ahead against the key: one stat
        // (opened for its header only, a FLAC file's cut is not looked for: only what the header shows is reported)
        if (!headersInFull) info.damage().forEach(this::report);
        int frames = playableFrames(file, info);
        status.put(file, SampleStatus.ONLINE);
        return new SampleData(file.toString(), file, new float[info.channels()][0], frames, info.sampleRate(), info.metadata());
    }

    /**
     * The file opened as for decoding and its head read through as a played sample's would be (a FLAC's cut looked
     * for, float values that are not audio found), its damage reported; nothing is kept.
     */
    private AudioFileInfo openInFull(Path file) throws MediaException {
        try (AudioReader reader = AudioFiles.open(file)) {
            reader.reportTo(this::report);
            AudioFileInfo info = reader.info();
            int head = headFrames(info.metadata(), playableFrames(file, info), PatchCompiler.PRELOAD_FRAMES);
            float[][] scratch = new float[info.channels()][Math.max(1, Math.min(head, 4096))];
            for (int at = 0, n; at < head; at += n) readFully(reader, file, at, scratch, n = Math.min(scratch[0].length, head - at), info.frames());
            return info;
        } catch (MediaException e) {
            report(AudioProblem.unusable(file, e)); // as a decode would say it
            throw e;
        }
    }

    /** Frames a sample's head holds: at least {@code minHeadFrames} and through its loops (they play from memory). */
    private static int headFrames(SampleMetadata meta, int frames, long minHeadFrames) {
        long need = minHeadFrames;
        for (SampleMetadata.SampleLoop l : meta.loops()) need = Math.max(need, l.end() + 4);
        return (int) Math.min(frames, Math.max(0, need));
    }

    /** Decodes frames {@code [first, first + n)} into {@code dst[..][0, n)}; a file that ends before says where. */
    private static void readFully(AudioReader reader, Path file, long first, float[][] dst, int n, long frames) throws MediaException {
        for (int got = 0, k; got < n; got += k) {
            k = reader.read(first + got, dst, got, n - got);
            if (k <= 0) throw new MediaException(file, "ends after " + (first + got) + " frames, the header says " + frames);
        }
    }

    private static int playableFrames(Path file, AudioFileInfo info) throws MediaException {
        if (info.frames() < 0 || info.frames() > Integer.MAX_VALUE)
            throw new MediaException(file, "length unknown or too long to play (" + info.frames() + " frames)");
        return (int) info.frames();
    }

    /** The file's identity now: the same path with the same {@link FileStamp} is the same audio. */
    private FileStamp key(Path file) throws IOException {
        try {
            FileStamp stamp = FileStamp.of(file);
            if (stamp.isDirectory()) throw new MediaException(file, "is a folder, expected an audio file");
            return stamp;
        } catch (java.nio.file.NoSuchFileException e) {
            status.put(file, SampleStatus.MISSING);
            throw new MediaException(file, "no such file");
        }
    }

    private SampleData decode(Path file, long minHeadFrames, boolean whole) throws IOException {
        try (AudioReader reader = AudioFiles.open(file)) {
            reader.reportTo(this::report);
            if (whole) return new SampleData(file.toString(), AudioFiles.readAll(reader));
            AudioFileInfo info = reader.info();
            int frames = playableFrames(file, info);
            SampleMetadata meta = info.metadata();
            int head = headFrames(meta, frames, minHeadFrames);
            float[][] data = new float[info.channels()][head];
            readFully(reader, file, 0, data, head, frames);
            return new SampleData(file.toString(), file, data, frames, info.sampleRate(), meta);
        }
    }

    /**
     * Warm-up for anticipative processing: makes sure the heads of every sample that {@code keys}
     * would start in {@code program} are decoded and held, so the first note of a coming clip never
     * waits on the disk. Returns how many samples had to be loaded (0 when all were warm).
     */
    public int prefetch(dev.loophole.model.Program program, java.util.Collection<Integer> keys) throws IOException {
        int loaded = 0;
        for (dev.loophole.model.SampleRegion r : program.regions()) {
            if (r.sample() == null || r.sample().isBuiltin()) continue;
            boolean wanted = false;
            for (int k : keys) if (r.keyRange().contains(k)) { wanted = true; break; }
            if (!wanted) continue;
            long need = PatchCompiler.headNeed(r, PatchCompiler.PRELOAD_FRAMES, PatchCompiler.loopsToFileOrWhole(r) ? header(r.sample()) : null);
            Path file = Path.of(r.sample().path()).toAbsolutePath().normalize();
            boolean warm;
            synchronized (this) {
                SampleData have = cache.get(key(file));
                warm = have != null && (!have.streamed() || have.headFrames() >= need);
            }
            if (!warm) { load(r.sample(), need, false); loaded++; }
        }
        return loaded;
    }

    private void evict(FileStamp keep) {
        Iterator<Map.Entry<FileStamp, SampleData>> it = cache.entrySet().iterator();
        while (bytes > budgetBytes && it.hasNext()) {
            Map.Entry<FileStamp, SampleData> e = it.next();
            if (e.getKey().equals(keep)) continue;
            bytes -= e.getValue().memoryBytes();
            it.remove();
        }
    }

    /** Decoded bytes the store holds now. */
    public synchronized long memoryBytes() { return bytes; }

    private volatile boolean streamedAny;

    /** Whether a sample it loaded streams (its head is not all of it): then voices read from {@link Streamer} rings. */
    public boolean streamedAny() { return streamedAny; }

    /** Samples the store holds now. */
    public synchronized int size() { return cache.size(); }

    /** What is known of a file: online once loaded, missing when absent, offline when streaming from it failed. */
    public SampleStatus status(Path file) {
        return status.getOrDefault(file.toAbsolutePath().normalize(), SampleStatus.UNKNOWN);
    }

    /**
     * Records damaged audio (a file cut short, samples that are not audio, a file with no usable frame). Loaders
     * and streamers of this store send every reader's problems here, and so may any other source of samples (a
     * SoundFont bank), so that a render or an inspection counts them all in one place.
     */
    public void report(AudioProblem problem) {
        problems.putIfAbsent(problem.kind() + " " + problem, problem);
    }

    /** By file, then kind; written out (a Comparator.comparing lambda is spun at run time in every render). */
    private static final Comparator<AudioProblem> BY_FILE = (a, b) -> {
        int c = a.file().toString().compareTo(b.file().toString());
        if (c == 0) c = a.kind().compareTo(b.kind());
        return c != 0 ? c : a.message().compareTo(b.message()); // the same file and kind twice: never in the map's order
    };

    /** Damaged audio reported so far, by file. */
    public List<AudioProblem> problems() {
        return problems.values().stream().sorted(BY_FILE).toList();
    }

    void markOffline(Path file) { status.put(file.toAbsolutePath().normalize(), SampleStatus.OFFLINE); }
}
