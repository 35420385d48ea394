package dev.loophole.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads native FLAC exactly: samples come from {@link FlacFrameDecoder}'s integer output at the stream's own
 * bit depth and are scaled by 2^-(bits-1), the same grid as PCM WAV, so a FLAC made from a WAV decodes to
 * the WAV's floats bit for bit.
 *
 * <p>The metadata blocks are parsed here; only what playing needs is read (STREAMINFO, the sampler chunks), and
 * no array is sized from an unchecked field. Strict on corruption: a frame that
 * fails its CRC or goes missing is an error, never silence or a shift in time; a whole-file read also checks
 * the decoded audio against the MD5 signature in STREAMINFO. Sampler chunks stored by
 * {@code flac --keep-foreign-metadata} (APPLICATION 'riff' blocks holding smpl/inst/cue) are read.
 */
public final class FlacReader implements AudioReader {
    private static final System.Logger LOG = System.getLogger("dev.loophole.media");

    private final FileSource src;
    private final AudioFileInfo info;
    private final byte[] streamInfo;
    private final long firstFrameOffset;
    private final int bits;
    private final float scale;
    private final long total;          // frames STREAMINFO promises, 0 when it does not say

    private FlacFrameDecoder decoder;
    private int[][] block = new int[0][];
    private long blockStart;
    private int blockLength;
    private boolean ended;
    private final byte[] md5;          // STREAMINFO's signature of the decoded audio; all zero when absent
    private java.security.MessageDigest digest;   // non-null while checking a decode that started at frame 0
    private boolean verifyMd5;

    private FlacReader(FileSource src, AudioFileInfo info, byte[] streamInfo, long firstFrameOffset, int bits, long total) {
        this.src = src;
        this.info = info;
        this.streamInfo = streamInfo;
        this.firstFrameOffset = firstFrameOffset;
        this.bits = bits;
        this.scale = Math.scalb(1f, -(bits - 1));
        this.total = total;
        this.md5 = java.util.Arrays.copyOfRange(streamInfo, 18, 34);
    }

    /** Makes a decode that runs from frame 0 to the end compare its audio with STREAMINFO's MD5 signature. */
    void verifyMd5(boolean on) {
        verifyMd5 = on;
    }

    /** Decodes the whole file into memory. */
    public static AudioData read(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            return AudioFiles.readAll(r);
        }
    }

    /** Opens the file for incremental decoding; the caller closes the reader. */
    public static FlacReader open(Path file) throws MediaException {
        return open(FileSource.open(file), true);
    }

    /**
     * On a source already open (closed here if it cannot be read).
     * @param findCut whether to read the last frame near the file's end to find out whether the file was cut short
     *                (else the length is what STREAMINFO says: for a caller that wants the header alone)
     */
    static FlacReader open(FileSource src, boolean findCut) throws MediaException {
        try {
            return parse(src, findCut);
        } catch (MediaException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    private static FlacReader parse(FileSource src, boolean findCut) throws MediaException {
        long pos = AudioFiles.id3v2Length(src);
        if (src.size() - pos < 8) throw src.fail("too short to be a FLAC file (" + src.size() + " bytes)");
        String magic = RiffChunks.fourCC(src.read(pos, 4, ByteOrder.BIG_ENDIAN, "FLAC signature"), 0);
        if (!magic.equals("fLaC")) throw src.fail("not a FLAC file: starts with " + RiffChunks.describe(magic) + ", expected 'fLaC'");
        pos += 4;
        byte[] si = null;
        List<String> warnings = new ArrayList<>();
        List<RiffChunks.Chunk> foreign = new ArrayList<>();
        for (int index = 0; ; index++) {
            ByteBuffer h = src.read(pos, 4, ByteOrder.BIG_ENDIAN, "header of metadata block " + index);
            boolean last = (h.get(0) & 0x80) != 0;
            int type = h.get(0) & 0x7F;
            int length = h.getInt(0) & 0xFFFFFF;
            long body = pos + 4;
            if (body + length > src.size())
                throw src.fail("file ends inside metadata block " + index + " (" + length + " bytes declared, "
                        + (src.size() - body) + " present)");
            if (index == 0 && type != 0) throw src.fail("first metadata block has type " + type + ", expected STREAMINFO (0)");
            if (type == 0 && si == null) {
                if (length < 34) throw src.fail("STREAMINFO block is " + length + " bytes, expected 34");
                si = new byte[34];
                src.read(body, 34, ByteOrder.BIG_ENDIAN, "STREAMINFO block").get(si);
            } else if (type == 2 && length >= 4) {
                collectForeignChunks(src, body, length, foreign);
            } else if (type == 127) {
                throw src.fail("metadata block " + index + " has the invalid type 127");
            }
            pos = body + length;
            if (last) break;
        }
        ByteBuffer b = ByteBuffer.wrap(si);
        int minBlock = Short.toUnsignedInt(b.getShort(0));
        int maxBlock = Short.toUnsignedInt(b.getShort(2));
        long packed = b.getLong(10);   // rate:20 channels-1:3 bits-1:5 total:36
        int rate = (int) (packed >>> 44);
        int channels = (int) ((packed >>> 41) & 7) + 1;
        int bits = (int) ((packed >>> 36) & 31) + 1;
        long total = packed & 0xF_FFFF_FFFFL;
        if (rate == 0) throw src.fail("STREAMINFO says sample rate 0 Hz");
        if (bits < 4 || bits > 24) throw src.fail("FLAC with " + bits + " bits per sample is not supported; expected 4 to 24");
        if (minBlock < 16 || maxBlock < minBlock)
            throw src.fail("STREAMINFO block sizes " + minBlock + ".." + maxBlock + " are invalid (expected 16 <= min <= max)");
        if (pos >= src.size()) throw src.fail("has no audio frames after its metadata");

        SampleFormat format = new SampleFormat(bits <= 8 ? 8 : bits <= 16 ? 16 : 24, false);
        List<AudioProblem> damage = new ArrayList<>();
        long present = total > 0 && findCut ? FlacTail.framesPresent(src, pos, si, channels, bits) : -1;
        if (present >= 0 && present < total) {
            if (present == 0) throw src.fail("holds no complete FLAC frame; STREAMINFO claims " + total + " frames");
            damage.add(AudioProblem.truncated(src.path, total, present, "STREAMINFO"));
            total = present;
            java.util.Arrays.fill(si, 18, 34, (byte) 0); // the signature is of the whole, which is not there to check
        }
        WavMetadata.Result meta = WavMetadata.read(src, foreign, total > 0 ? total : Long.MAX_VALUE, warnings);
        AudioFileInfo info = new AudioFileInfo(src.path, AudioFileType.FLAC, format, channels, rate,
                total > 0 ? total : -1, meta.metadata(), meta.cues(), -1, null, warnings, damage);
        return new FlacReader(src, info, si, pos, bits, total);
    }

    /** An APPLICATION block 'riff' holds one RIFF chunk of the original WAV (the first also the RIFF header). */
    private static void collectForeignChunks(FileSource src, long body, int length, List<RiffChunks.Chunk> out)
            throws MediaException {
        ByteBuffer b = src.read(body, Math.min(length, 16), ByteOrder.LITTLE_ENDIAN, "APPLICATION block");
        if (!RiffChunks.fourCC(b, 0).equals("riff")) return;
        long at = body + 4, end = body + length;
        if (end - at >= 12 && RiffChunks.fourCC(src.read(at, 4, ByteOrder.LITTLE_ENDIAN, "APPLICATION block"), 0).equals("RIFF"))
            at += 12;
        while (end - at >= 8) {
            ByteBuffer h = src.read(at, 8, ByteOrder.LITTLE_ENDIAN, "APPLICATION block");
            long size = Integer.toUnsignedLong(h.getInt(4));
            long available = Math.min(size, end - at - 8);
            out.add(new RiffChunks.Chunk(RiffChunks.fourCC(h, 0), at + 8, size, available));
            at += 8 + size + (size & 1);
        }
    }

    @Override public AudioFileInfo info() { return info; }

    @Override public boolean randomAccess() { return false; }

    @Override
    public int read(long firstFrame, float[][] dst, int dstOffset, int frames) throws MediaException {
        AudioReader.checkArguments(info, firstFrame, dst, dstOffset, frames);
        if (decoder == null || firstFrame < blockStart) restart();
        int done = 0;
        while (done < frames) {
            long pos = firstFrame + done;
            if (pos >= blockStart + blockLength) {
                if (!nextBlock()) break;
                continue;
            }
            int from = (int) (pos - blockStart);
            int n = Math.min(blockLength - from, frames - done);
            for (int c = 0; c < info.channels(); c++) {
                int[] in = block[c];
                float[] out = dst[c];
                int o = dstOffset + done;
                for (int i = 0; i < n; i++) out[o + i] = in[from + i] * scale;
            }
            done += n;
        }
        return done;
    }

    /** Starts decoding again from the first audio frame. */
    private void restart() throws MediaException {
        ByteBuffer b = ByteBuffer.wrap(streamInfo);
        decoder = new FlacFrameDecoder(src.inputStream(firstFrameOffset), info.channels(), bits, Short.toUnsignedInt(b.getShort(2)));
        blockStart = 0;
        blockLength = 0;
        ended = false;
        digest = null;
        if (verifyMd5 && !java.util.Arrays.equals(md5, new byte[16])) {
            try {
                digest = java.security.MessageDigest.getInstance("MD5");
            } catch (java.security.NoSuchAlgorithmException e) {
                digest = null;   // every JDK has MD5; without it, the CRCs still guard the frames
            }
        }
    }

    /** Decodes the next frame into {@link #block}; false at the end of the stream. */
    private boolean nextBlock() throws MediaException {
        long expected = blockStart + blockLength;
        if (ended || (total > 0 && expected >= total)) return false;
        boolean more;
        try {
            more = decoder.next();
        } catch (FlacFrameDecoder.Corrupt e) {
            if (e.crc) throw src.fail("FLAC frame at sample " + expected + " fails its CRC check: the file is corrupt");
            throw src.fail("FLAC data is corrupt after sample " + expected, e);
        } catch (MediaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw src.fail("FLAC data is corrupt after sample " + expected, e);
        }
        if (!more) {
            ended = true;
            checkDigest(expected);
            if (expected == 0) throw src.fail("has no readable FLAC audio frame after its metadata");
            if (total > 0)
                LOG.log(System.Logger.Level.WARNING, () -> src.path + ": FLAC stream ends at sample " + expected
                        + " of the " + total + " its header promises");
            return false;
        }
        if (decoder.firstSample() != expected)
            throw src.fail("FLAC frame for sample " + decoder.firstSample() + " follows sample " + expected
                    + ": frames are missing or corrupt");
        block = decoder.samples();
        blockStart = expected;
        blockLength = decoder.blockSize();
        if (total > 0) blockLength = (int) Math.min(blockLength, total - blockStart);
        if (digest != null) {
            updateDigest();
            if (total > 0 && blockStart + blockLength == total) checkDigest(total);
        }
        return true;
    }

    /** Feeds the block to the MD5 as FLAC signs it: interleaved little-endian samples of ceil(bits/8) bytes. */
    private void updateDigest() {
        int bytes = (bits + 7) / 8;
        byte[] buf = new byte[blockLength * block.length * bytes];
        int p = 0;
        for (int i = 0; i < blockLength; i++)
            for (int[] channel : block)
                for (int k = 0, v = channel[i]; k < bytes; k++) buf[p++] = (byte) (v >> (8 * k));
        digest.update(buf);
    }

    private void checkDigest(long frames) throws MediaException {
        if (digest == null) return;
        byte[] actual = digest.digest();
        digest = null;
        if (frames == total && !java.util.Arrays.equals(actual, md5))
            throw src.fail("decoded FLAC audio does not match the MD5 signature in its STREAMINFO: the file is corrupt");
    }

    @Override
    public void close() { src.close(); }
}
