package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Output buses: each instrument renders to its bus's pair; callers with fewer pairs (offline) get one summed mix. */
class EngineBusTest {
    /** Adds a constant while a note is held: easy to tell apart on the outputs. */
    static final class Dc implements Instrument {
        final float level;
        boolean on;
        Dc(float level) { this.level = level; }
        @Override public void noteOn(int channel, int key, int velocity) { on = true; }
        @Override public void noteOff(int channel, int key, int velocity) { on = false; }
        @Override public void controlChange(int channel, int controller, int value) { }
        @Override public void pitchBend(int channel, int value) { }
        @Override public void channelPressure(int channel, int value) { }
        @Override public void polyPressure(int channel, int key, int value) { }
        @Override public void programChange(int channel, int program) { }
        @Override public void render(float[] left, float[] right, int from, int to) {
            if (!on) return;
            for (int i = from; i < to; i++) { left[i] += level; right[i] -= level; }
        }
        @Override public int activeVoices() { return on ? 1 : 0; }
        @Override public void allSoundOff() { on = false; }
    }

    @Test
    void eachInstrumentRendersToItsBusAndFewerPairsFoldIntoTheMainOne() {
        Engine engine = new Engine(48_000, 64);
        engine.route(0, new Dc(0.25f));
        engine.route(9, new Dc(0.5f), 1);
        assertThat(engine.buses()).isEqualTo(2);
        EventBuffer ev = new EventBuffer(4);
        ev.add(0, 0x90, 60, 100);
        ev.add(10, 0x99, 36, 100); // channel 10 starts 10 frames in

        float[][] four = new float[4][64];
        engine.process(four, 16, ev);
        assertThat(four[0][0]).isEqualTo(0.25f);
        assertThat(four[1][15]).isEqualTo(-0.25f);
        assertThat(four[2][9]).as("drums before their note").isZero();
        assertThat(four[2][10]).isEqualTo(0.5f);
        assertThat(four[3][15]).isEqualTo(-0.5f);

        float[] l = new float[64], r = new float[64];
        engine.process(l, r, 16, new EventBuffer(1));
        assertThat(l[0]).as("offline: one stereo mix of every bus").isEqualTo(0.75f);
        assertThat(r[0]).isEqualTo(-0.75f);
    }

    @Test
    void anInstrumentOnSeveralChannelsKeepsOneBus() {
        Engine engine = new Engine(48_000, 64);
        Dc dc = new Dc(1);
        for (int c = 0; c < 16; c++) engine.route(c, dc);
        engine.route(9, dc, 2);
        assertThat(engine.buses()).as("the latest bus given wins").isEqualTo(3);
    }
}
