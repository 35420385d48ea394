package dev.loophole.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link SincPitchBench}'s voices (16 looping noise voices at one pitch ratio, sinc64) timed in the render thread's CPU
 * time, which a shared machine's load moves far less than JMH's wall-clock score. Per ratio and channel count: the
 * median over rounds of CPU ns per voice-frame, and that over the root's (the first ratio given).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.loophole.bench.SincPitchCpuTime
 *     [semitones=-0.01,0.01,6,11.99,12,24,48] [channels=1,2] [rounds=7] [blocks per round=300]</pre>
 */
public final class SincPitchCpuTime {
    public static void main(String[] args) {
        double[] semitones = Arrays.stream((args.length > 0 ? args[0] : "-0.01,0.01,6,11.99,12,24,48").split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] channels = Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7, blocks = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float sink = 0;
        for (int ch : channels) {
            double root = 0;
            for (double st : semitones) {
                SincPitchBench b = new SincPitchBench();
                b.semitones = st;
                b.channels = ch;
                b.quality = "sinc64";
                b.setUp();
                for (int i = 0; i < 2 * blocks; i++) sink += b.voices(); // warm-up: compiled
                double[] ns = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < blocks; i++) sink += b.voices();
                    ns[k] = (mx.getCurrentThreadCpuTime() - t0) / ((double) blocks * SincPitchBench.BLOCK * SincPitchBench.VOICES);
                }
                Arrays.sort(ns);
                double median = ns[rounds / 2];
                if (root == 0) root = median;
                System.out.printf("channels %d  %+7.2f st  %7.1f ns CPU per voice-frame (min %.1f, max %.1f)  %.2fx the first%n",
                        ch, st, median, ns[0], ns[rounds - 1], median / root);
            }
        }
        if (sink == 12345) System.out.println();
    }
}
