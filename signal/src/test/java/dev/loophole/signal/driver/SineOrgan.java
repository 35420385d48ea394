package dev.loophole.signal.driver;

import dev.loophole.signal.engine.Instrument;

/**
 * A test instrument: one sine per held key with a short release; counts note-ons and remembers
 * the frame (of rendered audio) each one started on. Allocation-free like a real instrument.
 */
final class SineOrgan implements Instrument {
    private final double[] phase = new double[128], gain = new double[128];
    private final boolean[] held = new boolean[128];
    private final int rate;
    final long[] noteOnFrames = new long[4096];
    volatile int noteOns;
    private long rendered;

    SineOrgan(int rate) { this.rate = rate; }

    @Override public void noteOn(int channel, int key, int velocity) {
        held[key] = true;
        gain[key] = velocity / 127.0 * 0.1;
        if (noteOns < noteOnFrames.length) noteOnFrames[noteOns] = rendered;
        noteOns = noteOns + 1;
    }

    @Override public void noteOff(int channel, int key, int velocity) { held[key] = false; }

    @Override public void controlChange(int channel, int controller, int value) {
        if (controller == 120 || controller == 123) java.util.Arrays.fill(held, false);
    }

    @Override public void pitchBend(int channel, int value) { }

    @Override public void channelPressure(int channel, int value) { }

    @Override public void polyPressure(int channel, int key, int value) { }

    @Override public void programChange(int channel, int program) { }

    @Override public void render(float[] left, float[] right, int from, int to) {
        for (int k = 0; k < 128; k++) {
            if (gain[k] == 0) continue;
            double step = 2 * Math.PI * 440 * Math.pow(2, (k - 69) / 12.0) / rate;
            for (int i = from; i < to; i++) {
                float s = (float) (gain[k] * Math.sin(phase[k]));
                left[i] += s;
                right[i] += s;
                phase[k] += step;
                if (!held[k]) { gain[k] *= 0.999; if (gain[k] < 1e-5) { gain[k] = 0; break; } }
            }
            phase[k] %= 2 * Math.PI;
        }
        rendered += to - from;
    }

    @Override public int activeVoices() {
        int n = 0;
        for (double g : gain) if (g > 0) n++;
        return n;
    }

    @Override public void allSoundOff() { java.util.Arrays.fill(gain, 0); java.util.Arrays.fill(held, false); }
}
