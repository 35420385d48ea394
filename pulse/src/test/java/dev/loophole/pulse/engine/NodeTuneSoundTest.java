package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.NodeParameterSoundTest.BEAT;
import static dev.loophole.pulse.engine.NodeParameterSoundTest.project;
import static dev.loophole.pulse.engine.NodeParameterSoundTest.playSetting;
import static dev.loophole.pulse.engine.NodeParameterSoundTest.steps;
import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Program;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.pulse.command.NodeCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sampler node's tune moves sounding notes, as MIDI's channel tuning does: automated mid-note and
 * set while a note holds, measured on the rendered 440 Hz sine by its zero crossings. The expected
 * frequencies are 440 Hz and 440 · 2^(cents/1200), computed here. Tolerance 0.1 cent: over ~0.8 s
 * (~350 periods) the crossing-time estimate (linear interpolation at a zero crossing, where a sine
 * is straightest) is good to far below that; a wrong tune (1 cent, or the old "new notes only")
 * is 10× and 1,000× outside it.
 */
class NodeTuneSoundTest {
    @TempDir static Path dir;
    static Program plain;

    @BeforeAll
    static void instruments() throws IOException { plain = sineInstrument(dir, "plain", 0); }

    static final double SEMITONE_UP = 440 * Math.pow(2, 100 / 1200.0);

    /** Hz over seconds [from, to) from rising zero crossings, each placed by linear interpolation between its two frames. */
    static double frequency(float[] x, double from, double to) {
        int a = (int) (from * RATE), b = (int) (to * RATE);
        double first = -1, last = -1;
        int crossings = 0;
        for (int i = a + 1; i < b; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                if (first < 0) first = t;
                last = t;
                crossings++;
            }
        }
        return (crossings - 1) * RATE / (last - first);
    }

    static double cents(double hz, double reference) { return 1200 * Math.log(hz / reference) / Math.log(2); }

    @Test
    void automatingTuneMidNoteMovesTheSoundingNoteASemitoneAtItsFrame() {
        float[] ref = render(project(sampler("A", plain), List.of(), 4, List.of()), false)[0];
        // render() fails on any warning: automation of tune plays, nobody says otherwise
        float[] auto = render(project(sampler("A", plain), List.of(), 4, List.of(steps("A", SamplerParameters.TUNE, 0, 2 * BEAT + 37, 100))), false)[0];
        int at = Math.toIntExact(Math.round((2 * BEAT + 37) * 0.5 / PPQ * RATE)); // tick → seconds at 120 bpm → frame
        int first = 0;
        while (first < ref.length && ref[first] == auto[first]) first++;
        assertThat(first).as("bit for bit before the automation's frame, moving right after it").isBetween(at, at + 2);
        assertThat(cents(frequency(auto, 0.1, 0.95), 440)).as("before: 440 Hz").isCloseTo(0, within(0.1));
        assertThat(cents(frequency(auto, 1.1, 1.95), SEMITONE_UP)).as("after: the same note a semitone up").isCloseTo(0, within(0.1));
    }

    @Test
    void settingTuneWhileANoteHoldsMovesIt() {
        float[] left = playSetting(project(sampler("A", plain), List.of(), 4, List.of()), 256, 100 * 256, // 0.533 s into a note held 2 s
                new NodeCommand.SetParameter("A", SamplerParameters.TUNE, -50.0));
        assertThat(cents(frequency(left, 0.1, 0.5), 440)).isCloseTo(0, within(0.1));
        assertThat(cents(frequency(left, 0.6, 1.9), 440)).as("the held note, a quarter tone down").isCloseTo(-50, within(0.1));
    }

    @Test
    void aNodesTuneValueStartsNotesThereAndAutomationTakesItBack() {
        // tune +100 on the node, automation to 0 from beat 2: the first half a semitone up, the second at 440.
        var a = sampler("A", plain).withValue(SamplerParameters.TUNE, 100.0);
        float[] out = render(project(a, List.of(), 4, List.of(steps("A", SamplerParameters.TUNE, 100, 2 * BEAT, 0))), false)[0];
        assertThat(cents(frequency(out, 0.1, 0.95), SEMITONE_UP)).isCloseTo(0, within(0.1));
        assertThat(cents(frequency(out, 1.05, 1.95), 440)).isCloseTo(0, within(0.1));
    }
}
