package dev.loophole.signal.graph;

import dev.loophole.signal.engine.MultiOutputInstrument;

/**
 * A test instrument: one sine per held key at the key's equal-tempered frequency, amplitude
 * velocity/127 × 0.25, starting at phase 0 on its note-on frame and stopping at its note-off frame.
 * With {@code outputs} = 2, keys below 60 sound on output 0 and the rest on output 1 (per-pad outputs).
 * Records every note-on (key and velocity, in order).
 */
final class Tone implements MultiOutputInstrument {
    static final int RATE = 48_000;
    private final int outputs;
    private final double[] phase = new double[128], amp = new double[128];
    final int[] onKeys = new int[1024], onVelocities = new int[1024];
    int ons, offs;

    Tone(int outputs) { this.outputs = outputs; }

    static double hz(int key) { return 440 * Math.pow(2, (key - 69) / 12.0); }

    @Override public int outputs() { return outputs; }

    @Override public void noteOn(int channel, int key, int velocity) {
        phase[key] = 0;
        amp[key] = velocity / 127.0 * 0.25;
        if (ons < onKeys.length) { onKeys[ons] = key; onVelocities[ons] = velocity; }
        ons++;
    }

    @Override public void noteOff(int channel, int key, int velocity) { amp[key] = 0; offs++; }

    @Override public void controlChange(int channel, int controller, int value) { if (controller == 123) java.util.Arrays.fill(amp, 0); }

    @Override public void pitchBend(int channel, int value) { }

    @Override public void channelPressure(int channel, int value) { }

    @Override public void polyPressure(int channel, int key, int value) { }

    @Override public void programChange(int channel, int program) { }

    @Override public void render(float[] left, float[] right, int from, int to) { renderKeys(left, right, null, null, from, to); }

    @Override public void render(float[][] pairs, int first, int from, int to) {
        if (outputs == 1) renderKeys(pairs[2 * first], pairs[2 * first + 1], null, null, from, to);
        else renderKeys(pairs[2 * first], pairs[2 * first + 1], pairs[2 * first + 2], pairs[2 * first + 3], from, to);
    }

    private void renderKeys(float[] l0, float[] r0, float[] l1, float[] r1, int from, int to) {
        for (int k = 0; k < 128; k++) {
            if (amp[k] == 0) continue;
            float[] l = l1 != null && k >= 60 ? l1 : l0, r = l1 != null && k >= 60 ? r1 : r0;
            double step = 2 * Math.PI * hz(k) / RATE;
            for (int i = from; i < to; i++) {
                float s = (float) (amp[k] * Math.sin(phase[k]));
                l[i] += s;
                r[i] += s;
                phase[k] += step;
            }
            phase[k] %= 2 * Math.PI;
        }
    }

    @Override public int activeVoices() {
        int n = 0;
        for (double a : amp) if (a > 0) n++;
        return n;
    }

    @Override public void allSoundOff() { java.util.Arrays.fill(amp, 0); }
}
