package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sampler chunks of a WAV file: {@code smpl} (unity note, pitch fraction, loops), {@code inst}
 * (unshifted note, fine tune), {@code cue} and {@code LIST/adtl/labl} (markers and their names).
 * When both {@code smpl} and {@code inst} give a pitch, {@code smpl} wins: it is the chunk samplers write.
 */
final class WavMetadata {
    /** Metadata chunks are small; a larger one is corrupt or not ours, and is read only this far. */
    private static final int CHUNK_LIMIT = 1 << 20;
    static final int SMPL_HEADER = 36;
    static final int SMPL_LOOP = 24;

    private WavMetadata() {}

    record Result(SampleMetadata metadata, List<CuePoint> cues) {}

    static Result read(FileSource src, List<RiffChunks.Chunk> chunks, long frames, List<String> warnings)
            throws MediaException {
        int rootKey = -1;
        double fineTune = 0;
        List<SampleMetadata.SampleLoop> loops = List.of();
        boolean haveSmpl = false;
        List<long[]> cueList = new ArrayList<>();
        Map<Integer, String> labels = new HashMap<>();
        for (RiffChunks.Chunk c : chunks) {
            switch (c.id()) {
                case "smpl" -> {
                    if (haveSmpl) break;
                    ByteBuffer b = RiffChunks.body(src, c, CHUNK_LIMIT, ByteOrder.LITTLE_ENDIAN);
                    if (b.limit() < SMPL_HEADER) {
                        warnings.add("smpl chunk is " + b.limit() + " bytes, expected at least " + SMPL_HEADER + "; ignored");
                        break;
                    }
                    haveSmpl = true;
                    long unity = Integer.toUnsignedLong(b.getInt(12));
                    if (unity <= 127) rootKey = (int) unity;
                    else warnings.add("smpl chunk says MIDI unity note " + unity + ", expected 0..127; ignored");
                    fineTune = Integer.toUnsignedLong(b.getInt(16)) * 100.0 / 0x1p32;
                    loops = readLoops(b, frames, warnings);
                }
                case "inst" -> {
                    if (haveSmpl) break;
                    ByteBuffer b = RiffChunks.body(src, c, CHUNK_LIMIT, ByteOrder.LITTLE_ENDIAN);
                    if (b.limit() < 7) {
                        warnings.add("inst chunk is " + b.limit() + " bytes, expected 7; ignored");
                        break;
                    }
                    int note = b.get(0) & 0xFF;
                    if (note <= 127) {
                        rootKey = note;
                        fineTune = b.get(1); // signed cents, -50..+50
                    } else warnings.add("inst chunk says unshifted note " + note + ", expected 0..127; ignored");
                }
                case "cue " -> readCues(src, c, cueList, warnings);
                case "LIST" -> readLabels(src, c, labels);
                default -> { }
            }
        }
        List<CuePoint> cues = new ArrayList<>();
        for (long[] cue : cueList) cues.add(new CuePoint((int) cue[0], cue[1], labels.getOrDefault((int) cue[0], "")));
        return new Result(new SampleMetadata(rootKey, fineTune, loops), cues);
    }

    private static List<SampleMetadata.SampleLoop> readLoops(ByteBuffer b, long frames, List<String> warnings) {
        long declared = Integer.toUnsignedLong(b.getInt(28));
        long present = (b.limit() - SMPL_HEADER) / SMPL_LOOP;
        if (declared > present)
            warnings.add("smpl chunk declares " + declared + " loops but holds " + present);
        List<SampleMetadata.SampleLoop> loops = new ArrayList<>();
        for (int i = 0; i < Math.min(declared, present); i++) {
            int at = SMPL_HEADER + i * SMPL_LOOP;
            int type = b.getInt(at + 4);
            long start = Integer.toUnsignedLong(b.getInt(at + 8));
            long end = Integer.toUnsignedLong(b.getInt(at + 12));
            if (end < start || end >= frames) {
                warnings.add("smpl loop " + i + " (" + start + ".." + end + ") is not inside the " + frames + " frames; ignored");
                continue;
            }
            loops.add(new SampleMetadata.SampleLoop(start, end, type));
        }
        return loops;
    }

    private static void readCues(FileSource src, RiffChunks.Chunk c, List<long[]> out, List<String> warnings)
            throws MediaException {
        ByteBuffer b = RiffChunks.body(src, c, CHUNK_LIMIT, ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 4) return;
        long declared = Integer.toUnsignedLong(b.getInt(0));
        long present = (b.limit() - 4) / 24;
        if (declared > present) warnings.add("cue chunk declares " + declared + " cue points but holds " + present);
        for (int i = 0; i < Math.min(declared, present); i++) {
            int at = 4 + i * 24;
            long position = Integer.toUnsignedLong(b.getInt(at + 4));
            long sampleOffset = Integer.toUnsignedLong(b.getInt(at + 20));
            // dwSampleOffset is the frame in the data chunk; some writers fill only dwPosition.
            out.add(new long[]{b.getInt(at), sampleOffset != 0 ? sampleOffset : position});
        }
    }

    /** LIST/adtl holds {@code labl} sub-chunks: a cue id and a NUL-terminated name. */
    private static void readLabels(FileSource src, RiffChunks.Chunk c, Map<Integer, String> labels) throws MediaException {
        ByteBuffer b = RiffChunks.body(src, c, CHUNK_LIMIT, ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 4 || !RiffChunks.fourCC(b, 0).equals("adtl")) return;
        int pos = 4;
        while (b.limit() - pos >= 8) {
            String id = RiffChunks.fourCC(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (size > b.limit() - body) break;
            if (id.equals("labl") && size >= 4) {
                int len = 0;
                while (len < size - 4 && b.get(body + 4 + len) != 0) len++;
                byte[] text = new byte[len];
                b.get(body + 4, text);
                labels.put(b.getInt(body), new String(text, StandardCharsets.UTF_8));
            }
            pos = (int) (body + size + (size & 1));
        }
    }

    /**
     * The body of a {@code smpl} chunk for {@code meta}. A negative or ≥100 cent fine tune moves whole
     * semitones into the unity note, because the pitch fraction is an unsigned fraction of one semitone;
     * the pitch is the same, the pair is normalised. Without a root key, the unity note is 60 (the chunk
     * has no "unknown").
     */
    static byte[] smpl(SampleMetadata meta, int sampleRate) {
        int note = meta.rootKey() >= 0 ? meta.rootKey() : 60;
        double cents = meta.fineTune();
        double semis = Math.floor(cents / 100.0);
        long fraction = Math.round((cents - semis * 100.0) / 100.0 * 0x1p32);
        if (fraction >= 1L << 32) { semis++; fraction = 0; }
        note = (int) Math.clamp(note + semis, 0, 127);
        List<SampleMetadata.SampleLoop> loops = meta.loops();
        ByteBuffer b = ByteBuffer.allocate(SMPL_HEADER + SMPL_LOOP * loops.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(0);                                   // manufacturer, product
        b.putInt((int) Math.round(1e9 / sampleRate));            // sample period in ns
        b.putInt(note).putInt((int) fraction);
        b.putInt(0).putInt(0);                                   // SMPTE format and offset
        b.putInt(loops.size()).putInt(0);                        // loop count, sampler data size
        for (int i = 0; i < loops.size(); i++) {
            SampleMetadata.SampleLoop l = loops.get(i);
            b.putInt(i).putInt(l.type()).putInt((int) l.start()).putInt((int) l.end()).putInt(0).putInt(0);
        }
        return b.array();
    }
}
