package dev.loophole.demo;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo drum kit: kick, snare, three toms and three hi-hat articulations, synthesized from
 * pitched sine sweeps and filtered seeded noise. Each drum has two velocity layers (the soft one
 * quieter and darker) and three round-robin variations that differ in noise, pitch and decay,
 * as three real hits would. One-shot samples, mono 24-bit at 48 kHz.
 */
final class DrumSynth {
    static final int RATE = KeysSynth.RATE;
    static final int LAYERS = 2;
    static final int ROUND_ROBIN = 3;

    /** GM key, label, file stem, length in seconds. */
    enum Drum {
        KICK(36, "Kick", "kick", 0.7),
        SNARE(38, "Snare", "snare", 0.5),
        TOM_LOW(41, "Low Tom", "tom_low", 0.9),
        TOM_MID(45, "Mid Tom", "tom_mid", 0.8),
        TOM_HIGH(48, "High Tom", "tom_high", 0.7),
        HAT_CLOSED(42, "Closed Hi-Hat", "hat_closed", 0.2),
        HAT_PEDAL(44, "Pedal Hi-Hat", "hat_pedal", 0.25),
        HAT_OPEN(46, "Open Hi-Hat", "hat_open", 1.2);

        final int key;
        final String label, stem;
        final double seconds;

        Drum(int key, String label, String stem, double seconds) {
            this.key = key;
            this.label = label;
            this.stem = stem;
            this.seconds = seconds;
        }

        boolean isHat() { return this == HAT_CLOSED || this == HAT_PEDAL || this == HAT_OPEN; }

        String fileName(int layer, int rr) { return stem + "_v" + (layer + 1) + "_rr" + (rr + 1) + ".wav"; }
    }

    /** The TR-808 style hat: six square waves at these unrelated frequencies give the metallic clang. */
    private static final double[] METAL_HZ = {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};

    private static final long SEED = 0x1007_0000L;

    private DrumSynth() { }

    static AudioData render(Drum drum, int layer, int rr) {
        // One seed per (drum, layer, round robin): reproducible, and every variation really differs.
        SplittableRandom rnd = new SplittableRandom(SEED + drum.ordinal() * 100L + layer * 10L + rr);
        double vary = 1 + 0.025 * (rr - 1) + 0.01 * rnd.nextDouble(-1, 1); // pitch/decay spread of the round robins
        boolean hard = layer == 1;
        double[] x = new double[(int) Math.round(drum.seconds * RATE)];
        switch (drum) {
            case KICK -> kick(x, hard, vary, rnd);
            case SNARE -> snare(x, hard, vary, rnd);
            case TOM_LOW -> tom(x, 92 * vary, 0.42, hard, rnd);
            case TOM_MID -> tom(x, 123 * vary, 0.36, hard, rnd);
            case TOM_HIGH -> tom(x, 164 * vary, 0.30, hard, rnd);
            case HAT_CLOSED -> hat(x, 0.032 * vary, 7_500, 0.0005, hard, vary, rnd);
            case HAT_PEDAL -> pedalHat(x, hard, vary, rnd);
            case HAT_OPEN -> hat(x, 0.34 * vary, 6_500, 0.0005, hard, vary, rnd);
        }
        fadeEdges(x);
        double peak = (drum.isHat() ? 0.55 : 0.9) * (hard ? 1.0 : 0.5);
        float[] samples = KeysSynth.normalize(x, peak);
        return new AudioData(new float[][] {samples}, RATE, SampleFormat.PCM_24, new SampleMetadata(drum.key, 0, List.of()));
    }

    /** A sine swept down from about 150 Hz to 50 Hz, a beater click, and soft saturation on hard hits. */
    private static void kick(double[] x, boolean hard, double vary, SplittableRandom rnd) {
        double start = (hard ? 160 : 125) * vary, end = 49 * vary, phase = 0;
        Biquad click = Biquad.highpass(1_800, 0.7, RATE);
        for (int n = 0; n < x.length; n++) {
            double t = n / (double) RATE;
            double f = end + (start - end) * StrictMath.exp(-t / 0.032);
            phase += 2 * Math.PI * f / RATE;
            double body = StrictMath.sin(phase) * StrictMath.exp(-t / (0.24 * vary));
            double beater = click.process(rnd.nextDouble(-1, 1)) * StrictMath.exp(-t / 0.0025) * (hard ? 0.5 : 0.15);
            x[n] = body + beater;
        }
        if (hard) for (int n = 0; n < x.length; n++) x[n] = StrictMath.tanh(1.8 * x[n]);
    }

    /** Two drum-head modes with a short pitch drop plus band-passed noise for the snare wires. */
    private static void snare(double[] x, boolean hard, double vary, SplittableRandom rnd) {
        Biquad wires = Biquad.bandpass(hard ? 4_200 : 3_000, 0.6, RATE);
        Biquad air = Biquad.highpass(1_200, 0.7, RATE);
        double p1 = 0, p2 = 0, wireDecay = (hard ? 0.16 : 0.11) * vary;
        for (int n = 0; n < x.length; n++) {
            double t = n / (double) RATE;
            double drop = 1 + 0.18 * StrictMath.exp(-t / 0.012);
            p1 += 2 * Math.PI * 182 * vary * drop / RATE;
            p2 += 2 * Math.PI * 331 * vary * drop / RATE;
            double head = (StrictMath.sin(p1) + 0.5 * StrictMath.sin(p2)) * StrictMath.exp(-t / 0.07);
            double noise = air.process(wires.process(rnd.nextDouble(-1, 1))) * StrictMath.exp(-t / wireDecay);
            x[n] = 0.7 * head + (hard ? 2.2 : 1.4) * noise;
        }
    }

    /** A membrane: fundamental bending down into pitch, a faster-dying overtone at 1.59× and a stick tick. */
    private static void tom(double[] x, double hz, double decay, boolean hard, SplittableRandom rnd) {
        Biquad stick = Biquad.bandpass(2_500, 0.8, RATE);
        double p1 = 0, p2 = 0;
        for (int n = 0; n < x.length; n++) {
            double t = n / (double) RATE;
            double bend = 1 + (hard ? 0.45 : 0.3) * StrictMath.exp(-t / 0.045);
            p1 += 2 * Math.PI * hz * bend / RATE;
            p2 += 2 * Math.PI * hz * 1.59 * bend / RATE;
            double body = StrictMath.sin(p1) * StrictMath.exp(-t / decay) + 0.3 * StrictMath.sin(p2) * StrictMath.exp(-t / (decay * 0.35));
            double tick = stick.process(rnd.nextDouble(-1, 1)) * StrictMath.exp(-t / 0.006) * (hard ? 1.2 : 0.5);
            x[n] = body + tick;
        }
    }

    /** Metallic squares and noise, high-passed; {@code decay} sets closed versus open. */
    private static void hat(double[] x, double decay, double highpassHz, double attack, boolean hard, double vary, SplittableRandom rnd) {
        Biquad hp1 = Biquad.highpass(highpassHz * (hard ? 1 : 0.85), 0.7, RATE), hp2 = Biquad.highpass(highpassHz, 0.7, RATE);
        Biquad soften = Biquad.lowpass(hard ? 16_000 : 10_000, 0.7, RATE); // soft hits are darker
        double[] phase = new double[METAL_HZ.length];
        for (int i = 0; i < phase.length; i++) phase[i] = rnd.nextDouble(); // each hit catches the cymbals at a new point
        for (int n = 0; n < x.length; n++) {
            double t = n / (double) RATE;
            double metal = 0;
            for (int i = 0; i < phase.length; i++) {
                phase[i] += METAL_HZ[i] * vary / RATE;
                metal += (phase[i] - Math.floor(phase[i])) < 0.5 ? 1 : -1;
            }
            double env = StrictMath.exp(-t / decay) * Math.min(1, t / attack);
            x[n] = soften.process(hp2.process(hp1.process((metal / 6 + 0.8 * rnd.nextDouble(-1, 1)) * env)));
        }
    }

    /** The foot-closed hat: a short, duller hat plus the low "chick" of the cymbals meeting. */
    private static void pedalHat(double[] x, boolean hard, double vary, SplittableRandom rnd) {
        hat(x, 0.045 * vary, 5_000, 0.003, hard, vary, rnd);
        Biquad chick = Biquad.bandpass(900, 1.5, RATE);
        for (int n = 0; n < x.length; n++) {
            double t = n / (double) RATE;
            x[n] += 0.6 * chick.process(rnd.nextDouble(-1, 1)) * StrictMath.exp(-t / 0.012);
        }
    }

    /** A 0.5 ms fade-in and a 5 ms fade-out to exactly zero: the hit is sharp, the edges do not click. */
    private static void fadeEdges(double[] x) {
        int in = RATE / 2000, out = RATE / 200;
        for (int i = 0; i < in; i++) x[i] *= i / (double) in;
        for (int i = 0; i < out; i++) x[x.length - 1 - i] *= i / (double) out;
    }
}
