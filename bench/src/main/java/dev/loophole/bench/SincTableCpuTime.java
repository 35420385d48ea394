package dev.loophole.bench;

import dev.loophole.signal.dsp.SincInterpolator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * One sinc64 interpolator with its stretch tables prepared, read the way a voice reads it: 32-frame chunks at one ratio
 * from a random position in 8,192 frames of noise, in the thread's CPU time (best of 5 rounds of 60,000 chunks, ns per
 * frame). Given ratios, each alone (the root's designed table below 1, one stretch table each between 1 and 2); given
 * none, chunks cycling over 1, 4, 32 and 128 random ratios in 0.5–2 — the tables' cache misses when many voices sit at
 * many stretches, as in issue 15's 10,000-note sweep. A third argument {@code run} reads each chunk with one
 * {@link SincInterpolator#run} call, as {@code SincReader} does, instead of {@code sample} per frame.
 *
 * <pre>java --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp bench/target/benchmarks.jar
 *     dev.loophole.bench.SincTableCpuTime [channels=1|2] [ratios, e.g. 0.9,1.0001,1.3,1.9] [run]</pre>
 */
public final class SincTableCpuTime {
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SincInterpolator si = new SincInterpolator(64).prepareStretches();
        SplittableRandom rnd = new SplittableRandom(1);
        float[] buf = new float[8192], out = new float[32], out2 = new float[32];
        for (int i = 0; i < buf.length; i++) buf[i] = (float) rnd.nextDouble(-1, 1);
        boolean stereo = args.length > 0 && args[0].equals("2"), run = args.length > 2 && args[2].equals("run");
        double[][] sets;
        if (args.length > 1) {
            String[] rs = args[1].split(",");
            sets = new double[rs.length][];
            for (int i = 0; i < rs.length; i++) sets[i] = new double[] {Double.parseDouble(rs[i])};
        } else {
            int[] counts = {1, 32, 1, 4, 32, 128}; // the first two warm up
            sets = new double[counts.length][];
            for (int i = 0; i < counts.length; i++) {
                sets[i] = new double[counts[i]];
                for (int d = 0; d < counts[i]; d++) sets[i][d] = counts[i] == 1 ? 1.3 : d % 3 == 2 ? 0.5 + rnd.nextDouble() * 0.5 : 1 + rnd.nextDouble();
            }
        }
        float sink = 0;
        for (double[] ratios : sets) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = mx.getCurrentThreadCpuTime();
                int frames = 0;
                for (int c = 0; c < 60_000; c++) {
                    double r = ratios[c % ratios.length], x = 200 + rnd.nextDouble() * 7000;
                    if (x + 32 * r > 8100) x = 200;
                    int k = si.kernel(r);
                    if (run) si.run(buf, buf, stereo, x, r, 0, 1, 0, r, k, out, out2, 32);
                    else for (int f = 0; f < 32; f++, x += r) {
                        if (stereo) si.sample(buf, buf, x, r, k, out, out2, f);
                        else out[f] = si.sample(buf, x, r, k);
                    }
                    frames += 32;
                    sink += out[5];
                }
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / frames);
            }
            System.out.printf("%3d ratio(s), first %.4f: %d ns CPU per frame%n", ratios.length, ratios[0], best);
        }
        if (sink == 12345) System.out.println();
    }
}
