package dev.loophole.cli;

import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.DriverStats;
import dev.loophole.signal.driver.EngineCallback;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.driver.MidiRing;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The most sustained voices that play without a missed deadline: a probe holds N voices (looping
 * sample, cubic interpolation, 2-pole filter, amp envelope) for a few seconds and passes when JACK
 * reported no xrun and no block of ours took longer than its period. Where the idle server already
 * has xruns (a shared machine: scheduling, not us), the criterion is our own deadline instead: at
 * most {@link #MISS_FRACTION} of blocks over their period, i.e. the 99.9th percentile of a block's
 * time within its period (the idle rate of such blocks is reported next to it). Doubling finds a failing
 * count, bisection narrows it to {@link #STEP} voices, and one long run confirms the result
 * (stepping down 10% while it fails).
 */
final class VoiceCeiling {
    static final int LAYERS = 8, STEP = 8, MAX_VOICES = 16 * BenchInstrument.KEYS * LAYERS;
    static final double SETTLE_SECONDS = 0.3, MISS_FRACTION = 0.001;

    record Probe(int voices, double seconds, long xruns, long overBudget, long blocks, int p50, int p999, int sounding) {
        boolean passed() { return xruns == 0 && overBudget == 0 && sounding == voices; }

        /** Our own deadline: at most {@link #MISS_FRACTION} of our blocks took longer than their period (xruns may be the machine's). */
        boolean withinBudget() { return overBudget <= MISS_FRACTION * blocks && sounding == voices; }

        String line() {
            return String.format(Locale.ROOT, "%5d voices for %.0f s: %d xruns, %d of %d blocks over their period, block time median %d%%, 99.9%% %d%% of the period, %d sounding",
                    voices, seconds, xruns, overBudget, blocks, p50, p999, sounding);
        }
    }

    record Result(int period, int rate, boolean strict, Probe baseline, Probe confirmed, int probes) {
        String line() {
            String found = confirmed == null ? "none found"
                    : strict ? confirmed.voices() + " voices with 0 xruns and no block over its period over " + String.format(Locale.ROOT, "%.1f", confirmed.seconds()) + " s"
                    : confirmed.voices() + " voices over " + String.format(Locale.ROOT, "%.1f", confirmed.seconds()) + " s with " + confirmed.overBudget() + " of "
                            + confirmed.blocks() + " blocks over their period (99.9% of blocks within " + confirmed.p999() + "% of it), "
                            + confirmed.xruns() + " xruns";
            return String.format(Locale.ROOT, "max voices, %d frames (%.2f ms) at %d Hz: %s%n"
                            + "  criterion: %s; %d probes; with no voices: %d xruns, %d of %d blocks over their period in %.1f s",
                    period, 1000.0 * period / rate, rate, found,
                    strict ? "0 xruns" : "at most 0.1% of blocks over their period (the idle server already had xruns, so 0 xruns was out of reach)",
                    probes, baseline.xruns(), baseline.overBudget(), baseline.blocks(), baseline.seconds());
        }
    }

    private final JackDriver driver;
    private final DriverStats stats;
    private final MidiRing ring;
    private final PrintWriter log;

    private VoiceCeiling(JackDriver driver, PrintWriter log) {
        this.driver = driver;
        this.stats = driver.stats();
        this.ring = driver.addMidiSource(16384);
        this.log = log;
    }

    /** Searches on the server {@code serverName}; {@code log} gets one line per probe (null: quiet). */
    static Result run(String serverName, Patch patch, int limit, double probeSeconds, double confirmSeconds, PrintWriter log) throws Exception {
        try (JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-voices").withJackServer(serverName).withMidiInputs(null))) {
            int rate = driver.sampleRate();
            Engine engine = new Engine(rate, AudioConfig.MAX_BLOCK);
            SamplerInstrument inst = new SamplerInstrument(patch, rate, limit, 1); // no stealing below the limit
            inst.setQuality(Interpolation.CUBIC);
            for (int ch = 0; ch < 16; ch++) engine.route(ch, inst);
            VoiceCeiling v = new VoiceCeiling(driver, log);
            driver.start(new EngineCallback(engine));
            Thread.sleep(1000); // JIT warm-up of the empty path, and the first blocks' one-off costs
            Probe baseline = v.probe(0, probeSeconds);
            // Strict (0 xruns) only where the machine manages that with no voices at all; otherwise xruns measure the
            // machine's scheduling, not us, and the criterion is our own deadline: no block over its period.
            boolean strict = baseline.passed();
            java.util.function.Predicate<Probe> ok = strict ? Probe::passed : Probe::withinBudget;
            int probes = 1;
            int lo = 0, hi = -1;
            for (int n = Math.min(64, limit); n <= limit; n = n == limit ? limit + 1 : Math.min(2 * n, limit)) { // double until a probe misses
                probes++;
                if (ok.test(v.probe(n, probeSeconds))) lo = n;
                else { hi = n; break; }
            }
            if (hi < 0) hi = lo; // the limit itself passed
            while (hi - lo > STEP) {
                int mid = (lo + hi) / 2 / STEP * STEP;
                if (mid <= lo) break;
                probes++;
                if (ok.test(v.probe(mid, probeSeconds))) lo = mid;
                else hi = mid;
            }
            Probe confirmed = null;
            for (int n = lo, tries = 0; n > 0 && tries < 3; n = (int) (n * 0.9) / STEP * STEP, tries++) {
                probes++;
                Probe p = v.probe(n, confirmSeconds);
                if (ok.test(p)) { confirmed = p; break; }
            }
            v.silence();
            return new Result(driver.blockSize(), rate, strict, baseline, confirmed, probes);
        }
    }

    /** Holds {@code voices} voices for {@code seconds} and counts missed deadlines. */
    private Probe probe(int voices, double seconds) throws InterruptedException {
        silence();
        for (int i = 0; i < voices / LAYERS; i++) // each note sounds LAYERS regions; channels × keys keep notes distinct
            ring.offer(MidiRing.NOW, 0x90 | (i / BenchInstrument.KEYS), BenchInstrument.LO_KEY + i % BenchInstrument.KEYS, 100);
        waitVoices(v -> v >= voices, 3000);
        Thread.sleep((long) (SETTLE_SECONDS * 1000));
        long x0 = stats.xruns(), o0 = stats.overBudgetBlocks();
        long[] h0 = stats.loadHistogram();
        Thread.sleep((long) (seconds * 1000));
        long[] h = stats.loadHistogram();
        long blocks = 0;
        for (int i = 0; i < h.length; i++) { h[i] -= h0[i]; blocks += h[i]; }
        Probe p = new Probe(voices, seconds, stats.xruns() - x0, stats.overBudgetBlocks() - o0, blocks,
                percentile(h, blocks, 0.5), percentile(h, blocks, 0.999), stats.voices());
        if (log != null) { log.println(p.line()); log.flush(); }
        return p;
    }

    /** The load (% of the period) below which a fraction {@code q} of the blocks fall. */
    static int percentile(long[] histogram, long total, double q) {
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= Math.ceil(q * total)) return i;
        }
        return histogram.length - 1;
    }

    private void silence() throws InterruptedException {
        for (int ch = 0; ch < 16; ch++) ring.offer(MidiRing.NOW, 0xB0 | ch, 120, 0); // all sound off
        waitVoices(v -> v == 0, 3000);
    }

    private void waitVoices(java.util.function.IntPredicate ok, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!ok.test(stats.voices()) && System.nanoTime() < deadline && driver.isRunning()) Thread.sleep(10);
    }
}
