package dev.loophole.demo;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo keys: a soft electric-piano tone of harmonic partials, each decaying from a bright
 * attack to its own sustain level, with a seamless sustain loop.
 *
 * <p>Why the loop is seamless: the loop is {@code L} frames holding exactly {@code m} cycles of the
 * fundamental, so the synthesized fundamental is {@code m·RATE/L} and every harmonic {@code h}
 * completes {@code h·m} whole cycles in the loop. {@code L} is searched so that this frequency is
 * within a few thousandths of a cent of the equal-tempered root; the remainder goes into the
 * {@code smpl} fine tune. All envelopes reach their sustain level exactly at the loop start, the
 * inharmonic tine "clank" is over well before it, and the loop is rendered once and copied, so
 * the frame after the loop end is bit-identical to the loop start.
 *
 * <p>All maths uses {@link StrictMath} and seeded generators: the bytes are the same on every machine.
 */
final class KeysSynth {
    static final int RATE = 48_000;
    /** Root notes every 6 semitones, C2 to C7: each region stretches a sample by at most ±3 semitones. */
    static final int[] ROOTS = {36, 42, 48, 54, 60, 66, 72, 78, 84, 90, 96};
    static final int LAYERS = 3;

    private static final int ATTACK_FRAMES = 36_000;      // 0.75 s of decaying attack before the loop
    private static final int MIN_LOOP = 21_600, MAX_LOOP = 28_800; // 0.45–0.6 s
    private static final int TAIL_FRAMES = 19_200;        // 0.4 s fade after the loop, for the release
    private static final double RAMP_SECONDS = 0.002;     // click-free onset

    /** Per layer (soft, medium, hard): partials, brightness (amplitude ratio per partial), peak level, tine level. */
    private static final int[] PARTIALS = {3, 6, 10};
    private static final double[] BRIGHTNESS = {0.38, 0.55, 0.7};
    private static final double[] PEAK = {0.32, 0.55, 0.85};
    private static final double[] TINE = {0.0, 0.12, 0.3};

    /** A rendered sample, its inclusive loop and the cents by which its pitch is above {@code root}. */
    record KeySample(int root, int layer, AudioData audio, long loopStart, long loopEnd, double cents) {
        /** File name such as {@code keys_Fs3_v2.wav}: no '#' in names that go into SFZ and shells. */
        String fileName() { return "keys_" + noteName(root) + "_v" + (layer + 1) + ".wav"; }
    }

    /** A loop of {@code frames} frames holding {@code cycles} fundamental cycles. */
    record Loop(int frames, long cycles) {
        double frequency() { return (double) cycles * RATE / frames; }
    }

    private KeysSynth() { }

    static double equalTempered(int key) { return 440.0 * StrictMath.pow(2, (key - 69) / 12.0); }

    /**
     * The loop length whose whole number of cycles comes closest to {@code target} Hz from above
     * (first best wins). From above, because the {@code smpl} pitch fraction is unsigned: a sample a
     * hair sharp of its root keeps that root as its unity note.
     */
    static Loop bestLoop(double target) {
        Loop best = null;
        double bestError = Double.MAX_VALUE;
        for (int frames = MIN_LOOP; frames <= MAX_LOOP; frames++) {
            long cycles = (long) Math.ceil(target * frames / RATE);
            double error = cycles * (double) RATE / frames - target;
            if (error < bestError) {
                bestError = error;
                best = new Loop(frames, cycles);
            }
        }
        return best;
    }

    static KeySample render(int root, int layer) {
        Loop loop = bestLoop(equalTempered(root));
        double f0 = loop.frequency();
        int total = ATTACK_FRAMES + loop.frames() + TAIL_FRAMES;
        double[] x = new double[total];
        double attackSeconds = ATTACK_FRAMES / (double) RATE;
        // Higher notes die away faster, as struck tines do.
        double keyDecay = StrictMath.pow(261.63 / f0, 0.35);

        for (int h = 1; h <= PARTIALS[layer]; h++) {
            if (h * f0 > 18_000) break;
            double amp = StrictMath.pow(BRIGHTNESS[layer], h - 1) / (h == 2 ? 1.0 : StrictMath.sqrt(h)); // a strong 2nd: the EP "bark"
            double sustain = 0.5 * StrictMath.pow(0.55, h - 1);   // upper partials fade more
            double tau = 0.5 * keyDecay / StrictMath.pow(h, 0.8);
            double endTail = StrictMath.exp(-attackSeconds / tau);
            double phase0 = 0.37 * h * h;                          // fixed phases: a less peaky waveform
            long step = h * loop.cycles();                         // cycles of this partial per loop
            for (int n = 0; n < ATTACK_FRAMES + loop.frames(); n++) {
                double level = sustain;
                if (n < ATTACK_FRAMES) { // decays from 1 to exactly `sustain` at the loop start
                    double g = (StrictMath.exp(-n / (RATE * tau)) - endTail) / (1 - endTail);
                    level = sustain + (1 - sustain) * g;
                }
                // integer phase: identical at n and n + L, so the loop closes without error
                double angle = 2 * Math.PI * ((step * n) % loop.frames()) / loop.frames() + phase0;
                x[n] += amp * level * StrictMath.sin(angle);
            }
        }
        addTine(x, f0, TINE[layer], root * 31L + layer);
        for (int n = 0; n < RATE * RAMP_SECONDS; n++) x[n] *= 0.5 - 0.5 * StrictMath.cos(Math.PI * n / (RATE * RAMP_SECONDS));
        // After the loop: the loop again, fading out, so a release that runs past the loop end sounds natural.
        for (int n = ATTACK_FRAMES + loop.frames(); n < total; n++) {
            double fade = 0.5 + 0.5 * StrictMath.cos(Math.PI * (n - ATTACK_FRAMES - loop.frames()) / TAIL_FRAMES);
            x[n] = x[n - loop.frames()] * fade;
        }

        float[] samples = normalize(x, PEAK[layer]);
        long loopStart = ATTACK_FRAMES, loopEnd = ATTACK_FRAMES + loop.frames() - 1L;
        double cents = 1200 * StrictMath.log(f0 / equalTempered(root)) / StrictMath.log(2);
        SampleMetadata meta = new SampleMetadata(root, cents, List.of(new SampleMetadata.SampleLoop(loopStart, loopEnd, 0)));
        return new KeySample(root, layer, new AudioData(new float[][] {samples}, RATE, SampleFormat.PCM_24, meta), loopStart, loopEnd, cents);
    }

    /**
     * The struck-tine transient: an inharmonic partial (ratio 7.1, as a stiff tine has) plus a short
     * noise tick, both windowed to exactly zero after 120 ms, long before the loop starts.
     */
    private static void addTine(double[] x, double f0, double level, long seed) {
        if (level == 0) return;
        int window = RATE * 120 / 1000;
        double ratio = 7.1 * f0 < 18_000 ? 7.1 : 0;
        SplittableRandom noise = new SplittableRandom(seed);
        double low = 0;
        for (int n = 0; n < window; n++) {
            double t = n / (double) RATE;
            double fade = 0.5 + 0.5 * StrictMath.cos(Math.PI * n / window);
            double tine = ratio == 0 ? 0 : StrictMath.sin(2 * Math.PI * ratio * f0 * t) * StrictMath.exp(-t / 0.02);
            low += 0.2 * (noise.nextDouble(-1, 1) - low);        // a dull thump, not a hiss
            double tick = low * StrictMath.exp(-t / 0.004);
            x[n] += level * fade * (tine + 0.6 * tick);
        }
    }

    /** Scales to the given peak; the same factor for every frame keeps the loop bit-periodic. */
    static float[] normalize(double[] x, double peak) {
        double max = 0;
        for (double v : x) max = Math.max(max, Math.abs(v));
        double scale = max == 0 ? 0 : peak / max;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) (x[i] * scale);
        return out;
    }

    /** C4 = 60; sharps spelled with 's' for file names. */
    static String noteName(int key) {
        String[] names = {"C", "Cs", "D", "Ds", "E", "F", "Fs", "G", "Gs", "A", "As", "B"};
        return names[key % 12] + (key / 12 - 1);
    }
}
