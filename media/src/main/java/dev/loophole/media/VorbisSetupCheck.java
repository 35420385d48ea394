package dev.loophole.media;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Info;
import java.lang.reflect.Field;

/**
 * Checks that JOrbis leaves unchecked, so a corrupt header cannot make it allocate gigabytes:
 * JOrbis sizes arrays straight from 32-bit comment lengths and from codebook and residue fields.
 * The table rules are libvorbis's own (a residue's partition count to the power of its group book's
 * dimension must not exceed that book's entries; entries × dimension below 2^24), plus a cap on the
 * decoder tables a stream may ask for: real encoders need well under a megabyte. The codebooks are
 * walked here before JOrbis sees them, because one corrupt codebook header sends JOrbis's
 * {@code maptype1_quantvals} into an endless loop (its integer powers overflow).
 */
final class VorbisSetupCheck {
    /** Bytes of decoder tables a stream may ask for (JOrbis builds them in {@code DspState.synthesis_init}). */
    static final long TABLE_LIMIT = 64L << 20;

    private VorbisSetupCheck() {}

    /** The comment header: vendor string and comments, each a 32-bit length that must fit the packet. */
    static String checkComment(Packet p) {
        int end = p.packet + p.bytes;
        int at = p.packet + 7;                             // packet type 3 + "vorbis"
        if (end - at < 4) return "comment header is cut short";
        long vendor = u32(p.packet_base, at);
        at += 4;
        if (vendor > end - at - 4) return "comment header's vendor string is longer than the header";
        at += (int) vendor;
        long count = u32(p.packet_base, at);
        at += 4;
        if (count > (end - at) / 4) return "comment header claims " + count + " comments, more than it can hold";
        for (long i = 0; i < count; i++) {
            long len = u32(p.packet_base, at);
            at += 4;
            if (len > end - at) return "comment " + i + " is longer than the comment header";
            at += (int) len;
        }
        return null;
    }

    /**
     * Walks the codebooks at the start of the setup header (Vorbis I spec, section 3.2.1) and applies
     * libvorbis's limits; null if they are sound. Lengths and lookup values must fit in the packet.
     */
    static String checkCodebooks(Packet p) {
        Bits in = new Bits(p.packet_base, p.packet + 7, p.packet + p.bytes);   // after type 5 + "vorbis"
        int count = (int) in.read(8) + 1;
        for (int b = 0; b < count; b++) {
            if (in.read(24) != 0x564342) return "codebook " + b + " does not start with its sync pattern";
            long dim = in.read(16), entries = in.read(24);
            if (in.overrun()) return "setup header ends inside codebook " + b;
            if (dim < 1 || entries < 1 || ilog(dim) + ilog(entries) > 24)
                return "codebook " + b + " has " + entries + " entries of dimension " + dim;
            if (in.read(1) == 0) {                          // unordered lengths
                boolean sparse = in.read(1) == 1;
                for (long e = 0; e < entries && !in.overrun(); e++)
                    if (!sparse || in.read(1) == 1) in.read(5);
            } else {                                        // ordered: runs of equal lengths
                in.read(5);
                for (long e = 0; e < entries && !in.overrun(); ) {
                    long run = in.read(ilog(entries - e));
                    e += run;
                    if (e > entries) return "codebook " + b + " lengths run past its " + entries + " entries";
                    if (run == 0 && in.bitsLeft() == 0) break;
                }
            }
            long lookup = in.read(4);
            if (lookup > 2) return "codebook " + b + " has lookup type " + lookup;
            if (lookup > 0) {
                in.read(32);
                in.read(32);
                long valueBits = in.read(4) + 1;
                in.read(1);
                long values;
                if (lookup == 1) {
                    values = lookup1Values(entries, dim);
                    // JOrbis recomputes this with int powers of values+1: keep those from overflowing.
                    if (values < 1 || pow(values + 1, dim) >= Integer.MAX_VALUE)
                        return "codebook " + b + " lookup table (" + entries + " entries, dimension " + dim + ") is invalid";
                } else {
                    values = entries * dim;
                }
                if (values * valueBits > in.bitsLeft()) return "codebook " + b + " lookup table is longer than the setup header";
                in.skip(values * valueBits);
            }
            if (in.overrun()) return "setup header ends inside codebook " + b;
        }
        return null;
    }

    /** The largest v with v^dim <= entries. */
    private static long lookup1Values(long entries, long dim) {
        long v = (long) Math.floor(Math.pow(entries, 1.0 / dim));
        while (v > 0 && pow(v, dim) > entries) v--;
        while (pow(v + 1, dim) <= entries) v++;
        return v;
    }

    /** base^exp, saturating at Long.MAX_VALUE. */
    private static long pow(long base, long exp) {
        long r = 1;
        for (long i = 0; i < exp; i++) {
            if (base != 0 && r > Long.MAX_VALUE / base) return Long.MAX_VALUE;
            r *= base;
        }
        return r;
    }

    private static int ilog(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    /** LSB-first bit reader (Vorbis packs bits from the low end of each byte). */
    private static final class Bits {
        private final byte[] b;
        private final int end;
        private long bit;
        private boolean overrun;

        Bits(byte[] b, int from, int end) {
            this.b = b;
            this.end = end;
            this.bit = (long) from * 8;
        }

        long read(int n) {
            long v = 0;
            for (int i = 0; i < n; i++, bit++) {
                int at = (int) (bit >>> 3);
                if (at >= end) { overrun = true; return v; }
                v |= (long) ((b[at] >>> (bit & 7)) & 1) << i;
            }
            return v;
        }

        void skip(long n) { bit += n; if (bit > (long) end * 8) overrun = true; }

        long bitsLeft() { return Math.max(0, (long) end * 8 - bit); }

        boolean overrun() { return overrun; }
    }

    /** The parsed setup header's codebooks and residues; null if fine (or if this JOrbis has other internals). */
    static String checkTables(Info vi) {
        try {
            Object[] books = (Object[]) field(Info.class, "book_param").get(vi);
            Object[] residues = (Object[]) field(Info.class, "residue_param").get(vi);
            int bookCount = field(Info.class, "books").getInt(vi);
            int residueCount = field(Info.class, "residues").getInt(vi);
            long bytes = 0;
            for (int i = 0; i < bookCount; i++) {
                long entries = intField(books[i], "entries"), dim = intField(books[i], "dim");
                if (dim < 1 || entries < 1 || entries * dim >= 1L << 24)
                    return "codebook " + i + " has " + entries + " entries of dimension " + dim;
                bytes += entries * (dim * 4 + 24);
            }
            for (int i = 0; i < residueCount; i++) {
                if (residues[i] == null) continue;
                long parts = intField(residues[i], "partitions");
                int group = intField(residues[i], "groupbook");
                if (group < 0 || group >= bookCount) return "residue " + i + " uses a codebook that does not exist";
                long entries = intField(books[group], "entries"), dim = intField(books[group], "dim");
                long partvals = 1;
                for (int d = 0; d < dim; d++) {
                    partvals *= parts;
                    if (partvals > entries)
                        return "residue " + i + " partitions (" + parts + "^" + dim + ") exceed its codebook's " + entries + " entries";
                }
                bytes += partvals * (16 + 4 * dim);
            }
            if (bytes > TABLE_LIMIT) return "setup header asks for " + (bytes >> 20) + " MB of decoder tables";
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;   // a JOrbis with different internals: fall back to catching its errors
        }
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static int intField(Object o, String name) throws ReflectiveOperationException {
        return field(o.getClass(), name).getInt(o);
    }
}
