package dev.loophole.bench;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The reference load of {@link FilterVoiceBench#pianoVoices256} timed in the render thread's CPU time
 * rather than wall time: on a shared machine a descheduled thread inflates JMH's wall-clock score by
 * whatever else runs, while its CPU time stays near what the work costs. Prints ns of CPU per
 * voice-frame for each round and their median.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.loophole.bench.VoiceCpuTime [rounds=15] [blocks per round=400]</pre>
 */
public final class VoiceCpuTime {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15, blocks = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Engine piano = FilterVoiceBench.engine(256, "lpf_2p", true);
        int block = FilterVoiceBench.BLOCK;
        float[] l = new float[block], r = new float[block];
        EventBuffer none = new EventBuffer(1);
        float sink = 0;
        for (int i = 0; i < 3 * blocks; i++) { piano.process(l, r, block, none); sink += l[17]; } // warm-up: compiled
        double[] ns = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < blocks; i++) { piano.process(l, r, block, none); sink += l[17]; }
            ns[k] = (mx.getCurrentThreadCpuTime() - t0) / ((double) blocks * block * 256);
            System.out.printf("round %d: %.2f ns CPU per voice-frame%n", k + 1, ns[k]);
        }
        Arrays.sort(ns);
        System.out.printf("median %.2f ns CPU per voice-frame (min %.2f, max %.2f; %d rounds of %d blocks)%s%n",
                ns[rounds / 2], ns[0], ns[rounds - 1], rounds, blocks, sink == 12345 ? " " : "");
    }
}
