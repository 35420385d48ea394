// Run: java -cp "cli/target/lib/*:cli/target/loophole-cli.jar" bench/peers/LfoChunk.java (BENCHMARKS.md, "per-chunk control work")
import dev.loophole.signal.dsp.Lfo;
import java.lang.management.ManagementFactory;

/** CPU ns per 32-frame chunk of a control-rate LFO read: the whole chunk computed (main's way) vs Lfo.first. */
public final class LfoChunk {
    public static void main(String[] a) {
        var mx = ManagementFactory.getThreadMXBean();
        int lfos = 256, chunks = 200_000;
        Lfo[] l = new Lfo[lfos];
        for (int i = 0; i < lfos; i++) { l[i] = new Lfo(44_100, null); l[i].setWave(i % 2 == 0 ? Lfo.SINE : Lfo.TRIANGLE); l[i].setFrequency(3 + i * 0.01); l[i].trigger(); }
        float[] scratch = new float[32];
        double sink = 0;
        for (int round = 0; round < 6; round++) {
            for (int mode = 0; mode < 2; mode++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int c = 0; c < chunks / lfos * 10; c++)
                    for (Lfo x : l) {
                        if (mode == 0) { x.process(scratch, 0, 32); sink += scratch[0]; }
                        else sink += x.first(32, scratch);
                    }
                double ns = (mx.getCurrentThreadCpuTime() - t0) / (double) (chunks / lfos * 10 * lfos);
                System.out.printf("round %d %s: %.1f ns per chunk%n", round, mode == 0 ? "process(32) " : "first(32)   ", ns);
            }
        }
        if (sink == 1.2345) System.out.println();
    }
}
