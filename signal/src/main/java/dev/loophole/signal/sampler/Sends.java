package dev.loophole.signal.sampler;

import dev.loophole.model.Modulation;
import dev.loophole.model.SampleRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * A region's effect sends, compiled: SFZ {@code effect1} (reverb) and {@code effect2} (chorus) in
 * percent, plus controller routings onto them (a SoundFont's default CC91 → reverb and CC93 →
 * chorus modulators, 20 % at full scale). The level a voice sends is
 * {@code (base + Σ depth × cc/127) / 100}, clamped to 0..1; the send effects themselves live in the
 * node graph. The modulation matrix leaves these targets alone.
 */
final class Sends {
    static final int REVERB = 0, CHORUS = 1;
    static final String[] TARGETS = {"effect1", "effect2"};
    static final Sends NONE = new Sends(new double[2], new int[2][0], new double[2][0]);

    private final double[] base;
    private final int[][] cc;
    private final double[][] depth;

    private Sends(double[] base, int[][] cc, double[][] depth) { this.base = base; this.cc = cc; this.depth = depth; }

    static boolean isSendTarget(String target) { return target.equals(TARGETS[0]) || target.equals(TARGETS[1]); }

    static Sends of(SampleRegion r) {
        double[] base = new double[2];
        int[][] cc = new int[2][];
        double[][] depth = new double[2][];
        boolean any = false;
        for (int k = 0; k < 2; k++) {
            String v = r.otherOpcodes().get(TARGETS[k]);
            if (v != null) try { base[k] = Double.parseDouble(v); } catch (NumberFormatException e) { base[k] = 0; } // the importer warned
            List<Integer> ccs = new ArrayList<>();
            List<Double> ds = new ArrayList<>();
            for (Modulation m : r.modulation())
                if (m.target().equals(TARGETS[k]) && m.source().matches("cc\\d{1,3}")) {
                    int n = Integer.parseInt(m.source().substring(2));
                    if (n < 128) { ccs.add(n); ds.add(m.depth()); } // MIDI controllers; the extended ones are not send sources
                }
            cc[k] = ccs.stream().mapToInt(Integer::intValue).toArray();
            depth[k] = ds.stream().mapToDouble(Double::doubleValue).toArray();
            any |= base[k] != 0 || cc[k].length > 0;
        }
        return any ? new Sends(base, cc, depth) : NONE;
    }

    /** The send level 0..1 for {@code which} given the channel's controllers. Audio thread: no allocation. */
    float level(int which, int[] ccValues) {
        double pct = base[which];
        int[] c = cc[which];
        for (int i = 0; i < c.length; i++) pct += depth[which][i] * ccValues[c[i]] / 127.0;
        return (float) Math.clamp(pct / 100, 0, 1);
    }
}
