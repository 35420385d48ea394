package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.expression.MidiScale;
import dev.loophole.signal.expression.UmpDecoder;
import dev.loophole.signal.sampler.MpeFixtures.Stream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One performance (slides, vibrato, pressure swells, timbre moves, a manager bend) sent twice:
 * as MIDI 1.0 MPE (one member channel per note) and as the MIDI 2.0 per-note messages a
 * translator makes of it (one channel, per-note pitch bend, poly pressure, registered per-note
 * controller 74, values scaled up by the MIDI 2.0 rule). The two renders must match.
 */
class MpeUmpEquivalenceTest {
    static final int S = MpeFixtures.RATE;
    static final int[] KEYS = {55, 60, 67, 72};

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void mpeAndUmpRenderTheSame(long seed) {
        Random rnd = new Random(seed);
        Stream mpe = new Stream().mcm(0, 0, 15), ump = new Stream();
        for (int n = 0; n < KEYS.length; n++) {
            int ch = n + 1, key = KEYS[n];
            long on = 500 + n * 2000L + rnd.nextInt(500);
            int pre = MpeFixtures.bendFor(rnd.nextDouble() * 4 - 2, 48);
            mpe.bend(on - 10, ch, pre); ump.umpBend(on - 10, 0, key, pre);
            int vel = 1 + rnd.nextInt(127);
            mpe.on(on, ch, key, vel); ump.umpOn(on, 0, key, vel);
            for (int k = 1; k <= 120; k++) { // 1.2 s of gestures, one every 10 ms
                long t = on + k * 480L;
                switch (rnd.nextInt(3)) {
                    case 0 -> { // slide / vibrato around the start
                        int b = MpeFixtures.bendFor(Math.sin(k * 0.4) * 0.6 + (k > 60 ? 3 : 0) * rnd.nextDouble(), 48);
                        mpe.bend(t, ch, b); ump.umpBend(t, 0, key, b);
                    }
                    case 1 -> { int p = Math.min(127, k + rnd.nextInt(8)); mpe.pressure(t, ch, p); ump.umpPressure(t, 0, key, p); }
                    default -> { int c = rnd.nextInt(128); mpe.cc(t, ch, 74, c); ump.umpTimbre(t, 0, key, c); }
                }
            }
            long off = on + 121 * 480L;
            mpe.off(off, ch, key); ump.umpOff(off, 0, key);
        }
        int mb = MpeFixtures.bendFor(0.7, 2);
        mpe.bend(S, 0, mb);
        ump.ump(S, UmpDecoder.word0(0xE, 0, 0, 0), (int) MidiScale.up(mb, 14, 32));
        sortByTime(mpe); sortByTime(ump);

        float[][] a = MpeFixtures.render(MpeFixtures.instrument(true), mpe, 4 * S);
        float[][] b = MpeFixtures.render(MpeFixtures.instrument(true), ump, 4 * S);
        double maxDiff = 0, peak = 0;
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < a[c].length; i++) { maxDiff = Math.max(maxDiff, Math.abs(a[c][i] - b[c][i])); peak = Math.max(peak, Math.abs(a[c][i])); }
        assertThat(peak).as("the performance sounds").isGreaterThan(0.1);
        assertThat(maxDiff).as("largest sample difference between the MIDI 1.0 and MIDI 2.0 renders").isLessThan(1e-6);
    }

    private static void sortByTime(Stream s) {
        java.util.List<dev.loophole.model.midi.MidiEvent> sorted = new java.util.ArrayList<>(s.events);
        sorted.sort(java.util.Comparator.comparingLong(dev.loophole.model.midi.MidiEvent::tick)
                .thenComparingLong(dev.loophole.model.midi.MidiEvent::order));
        s.events.clear();
        for (int i = 0; i < sorted.size(); i++) {
            var e = sorted.get(i);
            s.events.add(new dev.loophole.model.midi.MidiEvent(e.tick(), e.status(), e.data1(), e.data2(), 0, i));
        }
    }
}
