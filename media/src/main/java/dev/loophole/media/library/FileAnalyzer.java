package dev.loophole.media.library;

import dev.loophole.media.AudioFileInfo;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.AudioReader;
import dev.loophole.media.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one file for the library: its hash, format and sampler chunks (through {@link AudioFiles}), embedded
 * tags, a waveform overview, RMS and peak level, the detected pitch, and whether it is a loop. One pass of
 * decoding serves the overview, the levels and the pitch window. Safe to call from many threads at once.
 */
final class FileAnalyzer {
    private static final int BLOCK = 16384;
    /** Seconds kept at the start of a file to look for the pitch in (after the loudest point). */
    private static final double PITCH_SECONDS = 2.0;
    private static final int PITCH_WINDOW = 4096;
    static final double SILENCE_DB = -120;
    /** RMS levels below / above which a sample is tagged quiet / loud. */
    static final double QUIET_DB = -30, LOUD_DB = -10;

    private FileAnalyzer() {}

    static Analysis analyze(Path root, String rel, FileState state) {
        Path file = Relative.resolve(root, rel);
        Set<String> nameTags = NameTags.forPath(rel);
        if (state.isPlaceholder())
            return new Analysis(rel, state, MediaStatus.REMOTE, null, null, Map.of(), null, Double.NaN,
                    SILENCE_DB, SILENCE_DB, !nameTags.contains("loop"), Double.NaN, null, nameTags, Set.of(), null);
        String hash;
        try {
            hash = hash(file);
        } catch (IOException e) {
            return failed(rel, state, nameTags, null, file + ": cannot read: " + e.getMessage());
        }
        try (AudioReader r = AudioFiles.open(file)) {
            AudioFileInfo info = r.info();
            Map<String, String> meta = EmbeddedTags.read(file, info.type().name());
            return decode(rel, state, hash, r, info, meta, nameTags);
        } catch (MediaException | RuntimeException e) {
            return failed(rel, state, nameTags, hash, e.getMessage());
        }
    }

    private static Analysis failed(String rel, FileState state, Set<String> nameTags, String hash, String error) {
        return new Analysis(rel, state, MediaStatus.ONLINE, hash, null, Map.of(), null, Double.NaN, SILENCE_DB,
                SILENCE_DB, true, Double.NaN, null, nameTags, Set.of(), error);
    }

    private static Analysis decode(String rel, FileState state, String hash, AudioReader r, AudioFileInfo info,
                                   Map<String, String> meta, Set<String> nameTags) throws MediaException {
        int ch = info.channels();
        float[][] buf = new float[ch][BLOCK];
        WaveformOverview.Builder peaks = new WaveformOverview.Builder();
        float[] head = new float[(int) Math.min(PITCH_SECONDS * info.sampleRate(), info.frames() >= 0 ? info.frames() : Integer.MAX_VALUE)];
        double sumSq = 0, peak = 0;
        long pos = 0;
        while (true) {
            int n = r.read(pos, buf, 0, BLOCK);
            if (n <= 0) break;
            peaks.add(buf, ch, n);
            for (int c = 0; c < ch; c++)
                for (int i = 0; i < n; i++) {
                    float v = buf[c][i];
                    sumSq += v * v;
                    peak = Math.max(peak, Math.abs(v));
                }
            for (int i = 0; i < n && pos + i < head.length; i++) {
                float m = 0;
                for (int c = 0; c < ch; c++) m += buf[c][i];
                head[(int) (pos + i)] = m / ch;
            }
            pos += n;
        }
        long frames = pos;
        double pitch = pitch(head, (int) Math.min(head.length, frames), info.sampleRate());
        double rms = frames == 0 ? 0 : Math.sqrt(sumSq / (frames * ch));
        double tempo = tempo(meta);
        boolean loop = !info.metadata().loops().isEmpty() || "0".equals(meta.get("acid.oneShot")) || nameTags.contains("loop");
        Set<String> soundTags = new TreeSet<>();
        soundTags.add(loop ? "loop" : "one-shot");
        soundTags.add(Double.isNaN(pitch) ? "unpitched" : "pitched");
        double level = db(rms);
        if (level < QUIET_DB) soundTags.add("quiet");
        else if (level > LOUD_DB) soundTags.add("loud");
        return new Analysis(rel, state, MediaStatus.ONLINE, hash, info, meta, peaks.build(), pitch, db(rms), db(peak),
                !loop, tempo, musicalKey(meta), nameTags, soundTags, null);
    }

    /** The pitch window starts 10 ms after the loudest point of the head, past the attack. */
    private static double pitch(float[] head, int n, int rate) {
        if (n < 256) return Double.NaN;
        int loudest = 0;
        for (int i = 1; i < n; i++) if (Math.abs(head[i]) > Math.abs(head[loudest])) loudest = i;
        int start = Math.min(loudest + rate / 100, n);
        if (n - start < 2048) start = Math.max(0, n - PITCH_WINDOW);
        float[] w = java.util.Arrays.copyOfRange(head, start, Math.min(n, start + PITCH_WINDOW));
        return PitchDetector.detect(w, w.length, rate);
    }

    private static double tempo(Map<String, String> meta) {
        for (String k : new String[]{"acid.tempo", "vorbis.BPM", "vorbis.TBPM", "vorbis.TEMPO"}) {
            String v = meta.get(k);
            if (v == null) continue;
            try {
                double t = Double.parseDouble(v.trim());
                if (t > 0 && t < 1000) return t;
            } catch (NumberFormatException e) {
                // not a number: not a tempo
            }
        }
        return Double.NaN;
    }

    private static String musicalKey(Map<String, String> meta) {
        String k = meta.getOrDefault("vorbis.KEY", meta.get("vorbis.INITIALKEY"));
        if (k != null) return k;
        String acid = meta.get("acid.rootNote");
        if (acid != null) {
            int n = Integer.parseInt(acid);
            if (n >= 0 && n <= 127) return NoteNames.name(n);
        }
        return null;
    }

    static double db(double v) {
        return v > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(v)) : SILENCE_DB;
    }

    static String hash(Path file) throws IOException {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 16);
            while (fc.read(b) >= 0) {
                b.flip();
                md.update(b);
                b.clear();
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
