import java.lang.management.ManagementFactory;

/**
 * One `loophole` command run ROUNDS times in one JVM, printing each round's process CPU time (all threads) and
 * the render thread's own CPU time: after the first rounds the JIT has compiled the render path, so the later
 * rounds measure the steady-state work without the compiler's CPU time (which on a 5-second render is a
 * large, noisy share of a whole-process figure).
 *
 *   java [--add-modules jdk.incubator.vector] -cp "cli/target/loophole-cli.jar:cli/target/lib/*" \
 *        bench/peers/RepeatRender.java ROUNDS render --midi … --out …
 */
public final class RepeatRender {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String[] cmd = java.util.Arrays.copyOfRange(args, 1, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        var quiet = new java.io.PrintWriter(java.io.OutputStream.nullOutputStream());
        for (int r = 1; r <= rounds; r++) {
            long p0 = os.getProcessCpuTime(), t0 = threads.getCurrentThreadCpuTime();
            int status = dev.loophole.cli.Main.run(quiet, quiet, cmd);
            if (status != 0) throw new IllegalStateException("exit status " + status);
            System.out.printf("round %d: process CPU %.3f s, this thread %.3f s%n", r,
                    (os.getProcessCpuTime() - p0) / 1e9, (threads.getCurrentThreadCpuTime() - t0) / 1e9);
        }
    }
}
