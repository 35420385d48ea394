package dev.loophole.media.library;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Min/max peaks of a file for waveform views, at several zoom levels. The finest level holds one peak per
 * {@value #FINEST} frames; each coarser level merges {@value #FACTOR} peaks of the one below, down to a level of
 * at most {@value #COARSEST_PEAKS} peaks. Peaks are over all channels, as signed bytes (full scale = 127).
 *
 * <p>Stored layout: version byte 1, level count, then per level: frames per peak (int), count (int),
 * count × (min, max) bytes.
 */
public record WaveformOverview(List<Level> levels) {
    public static final int FINEST = 256, FACTOR = 4, COARSEST_PEAKS = 256;

    public WaveformOverview {
        levels = List.copyOf(levels);
    }

    /** One zoom level: peak i covers frames [i·framesPerPeak, (i+1)·framesPerPeak). */
    public record Level(int framesPerPeak, byte[] min, byte[] max) {
        public int count() { return min.length; }

        /** Peak i's minimum and maximum in full scale ±1. */
        public float minAt(int i) { return min[i] / 127f; }

        public float maxAt(int i) { return max[i] / 127f; }
    }

    /** The coarsest level with at least {@code peaks} peaks (or the finest), for a view that many pixels wide. */
    public Level forWidth(int peaks) {
        for (int i = levels.size() - 1; i >= 0; i--) if (levels.get(i).count() >= peaks) return levels.get(i);
        return levels.getFirst();
    }

    /** Accumulates the finest level while a file is decoded block by block. */
    static final class Builder {
        private float[] lo = new float[64], hi = new float[64];
        private long frame;

        void add(float[][] data, int channels, int frames) {
            for (int f = 0; f < frames; f++, frame++) {
                int p = (int) (frame / FINEST);
                if (p >= lo.length) {
                    lo = java.util.Arrays.copyOf(lo, lo.length * 2);
                    hi = java.util.Arrays.copyOf(hi, hi.length * 2);
                }
                for (int c = 0; c < channels; c++) {
                    float v = data[c][f];
                    if (v < lo[p]) lo[p] = v;
                    if (v > hi[p]) hi[p] = v;
                }
            }
        }

        WaveformOverview build() {
            int n = (int) ((frame + FINEST - 1) / FINEST);
            List<Level> levels = new ArrayList<>();
            float[] l = java.util.Arrays.copyOf(lo, n), h = java.util.Arrays.copyOf(hi, n);
            int per = FINEST;
            while (true) {
                levels.add(new Level(per, quantise(l), quantise(h)));
                if (l.length <= COARSEST_PEAKS) break;
                int m = (l.length + FACTOR - 1) / FACTOR;
                float[] l2 = new float[m], h2 = new float[m];
                for (int i = 0; i < l.length; i++) {
                    l2[i / FACTOR] = Math.min(l2[i / FACTOR], l[i]);
                    h2[i / FACTOR] = Math.max(h2[i / FACTOR], h[i]);
                }
                l = l2;
                h = h2;
                per *= FACTOR;
            }
            return new WaveformOverview(levels);
        }

        private static byte[] quantise(float[] v) {
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) b[i] = (byte) Math.round(Math.clamp(v[i], -1f, 1f) * 127);
            return b;
        }
    }

    byte[] encode() {
        int size = 2;
        for (Level l : levels) size += 8 + 2 * l.count();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 1).put((byte) levels.size());
        for (Level l : levels) {
            b.putInt(l.framesPerPeak()).putInt(l.count());
            for (int i = 0; i < l.count(); i++) b.put(l.min()[i]).put(l.max()[i]);
        }
        return b.array();
    }

    static WaveformOverview decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.get() != 1) throw new IllegalArgumentException("waveform overview of an unknown version");
        int n = b.get();
        List<Level> levels = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int per = b.getInt(), count = b.getInt();
            byte[] lo = new byte[count], hi = new byte[count];
            for (int i = 0; i < count; i++) { lo[i] = b.get(); hi[i] = b.get(); }
            levels.add(new Level(per, lo, hi));
        }
        return new WaveformOverview(levels);
    }
}
