package dev.loophole.media;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Ogg Vorbis by driving JOrbis directly (the javax.sound SPIs drop the end of short files).
 * The length is exact: the decoded audio is cut at the granule position of the stream's last page,
 * which is where the encoder says the real audio ends. Only the first logical stream is read.
 *
 * <p>Strict on corruption, like {@link FlacReader}: a page that fails its CRC, a missing page or an
 * undecodable packet is an error, not a silent gap. Loop points come from the LOOPSTART/LOOPLENGTH
 * comments (in frames) that many game and sampler tools write.
 */
public final class OggVorbisReader implements AudioReader {
    private static final int READ_BYTES = 8192;
    /** Two maximum-size Ogg pages: a window this big at the end always holds the last complete page. */
    private static final int TAIL_BYTES = 2 * 65_307;

    private final FileSource src;
    private AudioFileInfo info;

    private SyncState sync;
    private StreamState stream;
    private Page page;
    private Packet packet;
    private DspState dsp;
    private Block block;
    private int serial;
    private long filePos;
    private boolean lastPage;
    private final float[][][] pcmRef = new float[1][][];
    private int[] pcmIndex;
    private Comment comment;

    private float[][] pending = new float[0][];
    private long pendingStart;
    private int pendingLength;

    private OggVorbisReader(FileSource src) {
        this.src = src;
    }

    /** Decodes the whole file into memory. */
    public static AudioData read(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            return AudioFiles.readAll(r);
        }
    }

    /**
     * Decodes the Ogg Vorbis stream stored at bytes {@code offset .. offset + length} of {@code file} (a SoundFont 3
     * sample inside its bank's {@code smpl} chunk) exactly as {@link #read(Path)} decodes a whole file.
     */
    public static AudioData read(Path file, long offset, long length) throws MediaException {
        try (AudioReader r = open(FileSource.open(file, offset, length))) {
            return AudioFiles.readAll(r);
        }
    }

    /** Opens the file (reading its headers and its last page); the caller closes the reader. */
    public static OggVorbisReader open(Path file) throws MediaException {
        return open(FileSource.open(file));
    }

    /** As {@link #open(Path)}, on a source already open (closed here if it cannot be read). */
    static OggVorbisReader open(FileSource src) throws MediaException {
        try {
            checkCodec(src);
            OggVorbisReader r = new OggVorbisReader(src);
            Info vi = r.start();
            r.info = r.describe(vi);
            return r;
        } catch (MediaException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    /** Names the codec of the first stream, so an Opus or FLAC-in-Ogg file gets a useful message. */
    private static void checkCodec(FileSource src) throws MediaException {
        if (src.size() < 28) throw src.fail("too short to be an Ogg file (" + src.size() + " bytes)");
        ByteBuffer h = src.read(0, 27, ByteOrder.LITTLE_ENDIAN, "first Ogg page header");
        if (!RiffChunks.fourCC(h, 0).equals("OggS")) throw src.fail("not an Ogg file: expected 'OggS'");
        int segments = h.get(26) & 0xFF;
        long at = 27L + segments;
        if (src.size() - at < 8) throw src.fail("file ends inside the first Ogg page");
        ByteBuffer p = src.read(at, (int) Math.min(8, src.size() - at), ByteOrder.LITTLE_ENDIAN, "first Ogg packet");
        String start = new String(p.array(), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("\u0001vorbis")) return;
        String codec = start.startsWith("OpusHead") ? "Opus" : start.startsWith("\u007fFLAC") ? "FLAC"
                : start.startsWith("Speex") ? "Speex" : start.startsWith("\u0080theora") ? "Theora video"
                : start.startsWith("fishead") ? "a Skeleton index" : "an unknown codec";
        throw src.fail("Ogg file holding " + codec + "; only Ogg Vorbis is supported");
    }

    /** (Re)starts decoding at byte 0: sets up JOrbis, reads the three Vorbis headers. */
    private Info start() throws MediaException {
        sync = new SyncState();
        stream = new StreamState();
        page = new Page();
        packet = new Packet();
        filePos = 0;
        lastPage = false;
        pendingStart = 0;
        pendingLength = 0;
        Info vi = new Info();
        Comment vc = new Comment();
        vi.init();
        vc.init();
        try {
            if (!nextPage(true)) throw src.fail("has no complete Ogg page");
            for (int header = 0; header < 3; ) {
                int r = stream.packetout(packet);
                if (r == 0) {
                    if (!nextPage(false)) throw src.fail("file ends inside the Vorbis headers (" + header + " of 3 read)");
                    continue;
                }
                if (r < 0) throw src.fail("Vorbis header " + (header + 1) + " of 3 is corrupt (a page is missing)");
                String problem = packet.bytes < 8 ? null
                        : header == 1 ? VorbisSetupCheck.checkComment(packet)
                        : header == 2 ? VorbisSetupCheck.checkCodebooks(packet) : null;
                if (problem != null || vi.synthesis_headerin(vc, packet) < 0)
                    throw src.fail("Vorbis header " + (header + 1) + " of 3 is corrupt" + (problem == null ? "" : ": " + problem));
                header++;
            }
            if (vi.channels < 1 || vi.rate < 1) throw src.fail("Vorbis header says " + vi.channels + " channels at " + vi.rate + " Hz");
            String problem = VorbisSetupCheck.checkTables(vi);
            if (problem != null) throw src.fail("Vorbis setup header is corrupt: " + problem);
            dsp = new DspState();
            dsp.synthesis_init(vi);
            block = new Block(dsp);
            block.init(dsp);
        } catch (RuntimeException e) {
            throw src.fail("Vorbis headers are corrupt", e);
        } catch (OutOfMemoryError e) {
            // Last line of defence, for the one-shot array requests the checks above cannot foresee
            // (JOrbis sizes a codebook's lists from its header before reading them). The failed request
            // was never granted, so nothing else is short of memory afterwards.
            throw src.fail("Vorbis headers are corrupt (they ask for an impossible amount of memory)");
        }
        pcmIndex = new int[vi.channels];
        this.comment = vc;
        return vi;
    }

    private AudioFileInfo describe(Info vi) throws MediaException {
        List<String> warnings = new ArrayList<>();
        List<AudioProblem> damage = new ArrayList<>();
        long frames = lastGranule(warnings, damage);
        return new AudioFileInfo(src.path, AudioFileType.OGG_VORBIS, SampleFormat.FLOAT_32, vi.channels, vi.rate, frames,
                loopFromComments(frames, warnings), List.of(), -1, null, warnings, damage);
    }

    /**
     * The granule position (= frames from the start) of the last complete page of our stream. A stream that
     * ends early (a partial page at the end, or no end-of-stream page) plays up to that page and is reported
     * as damage; without any complete audio page in the tail, -1 (the length is then whatever decodes).
     */
    private long lastGranule(List<String> warnings, List<AudioProblem> damage) throws MediaException {
        long from = Math.max(0, src.size() - TAIL_BYTES);
        SyncState tail = new SyncState();
        int n = (int) (src.size() - from);
        int idx = tail.buffer(n);
        int got = src.readAtMost(from, ByteBuffer.wrap(tail.data, idx, n));
        tail.wrote(got);
        Page p = new Page();
        long granule = -1;
        boolean clean = true, eos = false;
        for (int r; (r = tail.pageout(p)) != 0; ) {
            if (r < 0) clean = false;
            else if (p.serialno() == serial) {
                if (p.granulepos() > 0) granule = p.granulepos();
                eos = p.eos() != 0;
                clean = true;
            }
        }
        int leftover = tail.getBufferOffset() - tail.getDataOffset();
        if (granule <= 0) {
            warnings.add("the file does not end with a complete Ogg Vorbis audio page (" + leftover
                    + " bytes at the end are not one); it is truncated or damaged, so the length is what decodes");
            return -1;
        }
        if (!clean || leftover > 0 || !eos)
            damage.add(new AudioProblem(src.path, AudioProblem.Kind.TRUNCATED, "Ogg Vorbis stream ends early ("
                    + (leftover > 0 || !clean ? "the last " + leftover + " bytes are not a complete page" : "no end-of-stream page")
                    + "); playing the " + granule + " frames of its complete pages"));
        return granule;
    }

    private SampleMetadata loopFromComments(long frames, List<String> warnings) {
        String start = comment.query("LOOPSTART");
        String length = comment.query("LOOPLENGTH");
        if (start == null || length == null) return SampleMetadata.NONE;
        try {
            long s = Long.parseLong(start.trim());
            long l = Long.parseLong(length.trim());
            if (s < 0 || l < 1 || (frames >= 0 && s + l > frames)) {
                warnings.add("LOOPSTART=" + start + " LOOPLENGTH=" + length + " is not inside the audio; ignored");
                return SampleMetadata.NONE;
            }
            return new SampleMetadata(-1, 0, List.of(new SampleMetadata.SampleLoop(s, s + l - 1, 0)));
        } catch (NumberFormatException e) {
            warnings.add("LOOPSTART=" + start + " LOOPLENGTH=" + length + " are not frame numbers; ignored");
            return SampleMetadata.NONE;
        }
    }

    /** Feeds the next page of our stream into {@link #stream}; false at the end of the file or the stream. */
    private boolean nextPage(boolean first) throws MediaException {
        while (!lastPage) {
            int r = sync.pageout(page);
            if (r == 0) {
                int idx = sync.buffer(READ_BYTES);
                int got = src.readAtMost(filePos, ByteBuffer.wrap(sync.data, idx, READ_BYTES));
                if (got == 0) return false;
                filePos += got;
                sync.wrote(got);
                continue;
            }
            if (r < 0) throw src.fail("Ogg data before byte " + filePos + " is corrupt (a page fails its checksum or is cut)");
            if (first) {
                serial = page.serialno();
                stream.init(serial);
                first = false;
            } else if (page.serialno() != serial) {
                if (page.bos() != 0 && stream.e_o_s != 0) return false;   // a chained stream follows ours
                continue;                                                  // another multiplexed stream
            }
            if (stream.pagein(page) < 0) throw src.fail("Ogg page before byte " + filePos + " does not belong to the stream");
            if (page.eos() != 0) lastPage = true;
            return true;
        }
        return false;
    }

    @Override public AudioFileInfo info() { return info; }

    @Override public boolean randomAccess() { return false; }

    @Override
    public int read(long firstFrame, float[][] dst, int dstOffset, int frames) throws MediaException {
        AudioReader.checkArguments(info, firstFrame, dst, dstOffset, frames);
        if (firstFrame < pendingStart) start();
        int done = 0;
        while (done < frames) {
            long pos = firstFrame + done;
            if (pos >= pendingStart + pendingLength) {
                if (!nextBlock()) break;
                continue;
            }
            int from = (int) (pos - pendingStart);
            int n = Math.min(pendingLength - from, frames - done);
            for (int c = 0; c < info.channels(); c++) System.arraycopy(pending[c], from, dst[c], dstOffset + done, n);
            done += n;
        }
        return done;
    }

    /** Decodes the next run of frames into {@link #pending}, cut at the stream's length; false at the end. */
    private boolean nextBlock() throws MediaException {
        long decoded = pendingStart + pendingLength;
        long limit = info.frames() >= 0 ? info.frames() : Long.MAX_VALUE;
        try {
            while (decoded < limit) {
                int n = dsp.synthesis_pcmout(pcmRef, pcmIndex);
                if (n > 0) {
                    int m = (int) Math.min(n, limit - decoded);
                    copyPcm(m);
                    dsp.synthesis_read(n);
                    pendingStart = decoded;
                    pendingLength = m;
                    return true;
                }
                int r = stream.packetout(packet);
                if (r == 1) {
                    if (block.synthesis(packet) != 0) throw src.fail("Vorbis packet after frame " + decoded + " is corrupt");
                    dsp.synthesis_blockin(block);
                } else if (r < 0) {
                    throw src.fail("Ogg stream has a gap after frame " + decoded + " (a page is missing or corrupt)");
                } else if (!nextPage(false)) {
                    return false;
                }
            }
            return false;
        } catch (RuntimeException e) {
            throw src.fail("Vorbis data after frame " + decoded + " is corrupt", e);
        }
    }

    private void copyPcm(int frames) {
        int channels = info.channels();
        if (pending.length != channels || pending[0].length < frames) pending = new float[channels][Math.max(frames, 4096)];
        float[][] pcm = pcmRef[0];
        for (int c = 0; c < channels; c++) {
            float[] in = pcm[c];
            float[] out = pending[c];
            int at = pcmIndex[c];
            for (int i = 0; i < frames; i++) {
                float v = in[at + i];
                out[i] = Float.isFinite(v) ? v : 0f;
            }
        }
    }

    @Override
    public void close() { src.close(); }
}
