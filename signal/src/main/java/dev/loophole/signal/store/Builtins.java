package dev.loophole.signal.store;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.signal.sampler.SampleData;
import java.util.List;

/**
 * SFZ's built-in samples ({@code *sine *saw *square *triangle *noise *silence}) as looping tables.
 * A periodic wave is one cycle of 2048 frames whose nominal rate makes it sound at middle C (key 60,
 * the default pitch_keycenter), so the voice's resampler plays it at any pitch — and the sinc
 * interpolator, widening its kernel when pitching up, keeps the bright waves alias-free.
 */
final class Builtins {
    static final int CYCLE = 2048;
    static final double MIDDLE_C = 440 * Math.pow(2, (60 - 69) / 12.0);

    private Builtins() {}

    /** The built-in named by {@code ref} ({@code *sine} …), or null when the name is not one. */
    static SampleData generate(String ref) {
        String name = ref.substring(1).toLowerCase(java.util.Locale.ROOT);
        float[] table = new float[CYCLE];
        int rate = (int) Math.round(MIDDLE_C * CYCLE);
        switch (name) {
            case "sine" -> { for (int i = 0; i < CYCLE; i++) table[i] = (float) Math.sin(2 * Math.PI * i / CYCLE); }
            case "saw" -> { for (int i = 0; i < CYCLE; i++) table[i] = (float) (2.0 * i / CYCLE - 1); }
            case "square" -> { for (int i = 0; i < CYCLE; i++) table[i] = i < CYCLE / 2 ? 1f : -1f; }
            case "triangle" -> {
                for (int i = 0; i < CYCLE; i++) {
                    double p = (double) i / CYCLE;
                    table[i] = (float) (p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4);
                }
            }
            case "noise" -> {
                // A second of white noise at 48 kHz from a fixed seed: the same every time.
                table = new float[48_000];
                long s = 0x5DEECE66DL;
                for (int i = 0; i < table.length; i++) {
                    s = s * 6364136223846793005L + 1442695040888963407L;
                    table[i] = (float) (((s >>> 40) / (double) (1L << 24)) * 2 - 1);
                }
                rate = 48_000;
            }
            case "silence" -> { /* zeros */ }
            default -> { return null; }
        }
        // The table at its nominal rate: one cycle of 2048 frames is middle C (rate rounded to whole Hz,
        // so the fine tune below corrects the last fraction of a cent).
        double cents = "noise".equals(name) || "silence".equals(name) ? 0
                : 1200 * Math.log((double) rate / CYCLE / MIDDLE_C) / Math.log(2);
        SampleMetadata meta = new SampleMetadata(60, cents, List.of(new SampleMetadata.SampleLoop(0, table.length - 1, 0)));
        return new SampleData(ref, new AudioData(new float[][] {table}, rate, SampleFormat.FLOAT_32, meta));
    }
}
