package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.decent.DecentSamplerImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Parameter;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decent Sampler presets' instrument-level {@code <effects>} played through the project path (file on disk →
 * program → sampler node → graph → engine): a reverb's tail after the sample has ended, scaled by its wetLevel; a
 * 2-pole lowpass measured at two frequencies against the Butterworth response worked out here; unplayable effects
 * named in warnings. Every number is compared with the same notes rendered dry.
 */
class DecentEffectsTest {
    @TempDir static Path dir;
    static final double TONE_SECONDS = 0.3;

    @BeforeAll
    static void samples() throws IOException {
        float[] tone = new float[(int) (TONE_SECONDS * RATE)], two = new float[RATE];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
        for (int i = 0; i < two.length; i++)
            two[i] = (float) (0.25 * Math.sin(2 * Math.PI * 250 * i / RATE) + 0.25 * Math.sin(2 * Math.PI * 4000 * i / RATE));
        WavWriter.write(dir.resolve("tone.wav"), new AudioData(new float[][] {tone}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        WavWriter.write(dir.resolve("two.wav"), new AudioData(new float[][] {two}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    /** A preset playing {@code sample} on every key at its pitch on key 69, with these effect elements. */
    static Program preset(String name, String sample, String effects) throws IOException { return preset(name, sample, effects, ""); }

    static Program preset(String name, String sample, String effects, String ui) throws IOException {
        Path file = dir.resolve(name + ".dspreset");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <DecentSampler minVersion="1.0.0">
                  <groups attack="0" decay="0" sustain="1" release="0.005" ampVelTrack="0">
                    <group>
                      <sample path="%s" rootNote="69" loNote="0" hiNote="127"/>
                    </group>
                  </groups>
                  <effects>%s</effects>
                  <ui><tab>%s</tab></ui>
                </DecentSampler>
                """.formatted(sample, effects, ui));
        return DecentSamplerImporter.load(file);
    }

    /** Key 69 for one beat (0.5 s at 120 bpm), rendered with a 0.3 s tail; the left channel. */
    static float[] play(Program p) { return play(sampler("ds", p)); }

    static float[] play(InstrumentNode node) {
        return render(projectOf(node), false)[0];
    }

    static Project projectOf(InstrumentNode node) {
        Lane lane = Lane.midi("lane", "lane", List.of(LaneTarget.all(node.nodeId())))
                .withClips(List.of(clip("c", 0, 1, ClipTarget.LANE, new int[] {69}, new double[] {0}, 1)));
        return new Project("p", PPQ, RATE, TempoTrack.DEFAULT,
                List.of(new Track("t", "t", NodeGraph.single(node), List.of(lane), null, ChannelStrip.DEFAULT)));
    }

    static double rmsDb(float[] x, double from, double to) {
        double s = 0;
        int a = (int) (from * RATE), b = (int) (to * RATE);
        for (int i = a; i < b; i++) s += x[i] * x[i];
        return 10 * Math.log10(s / (b - a) + 1e-30);
    }

    @Test
    void reverbAddsATailThatFollowsItsWetLevel() throws IOException {
        float[] dry = play(preset("dry", "tone.wav", ""));
        float[] half = play(preset("half", "tone.wav", "<effect type=\"reverb\" roomSize=\"0.9\" damping=\"0.2\" wetLevel=\"0.5\"/>"));
        float[] quarter = play(preset("quarter", "tone.wav", "<effect type=\"reverb\" roomSize=\"0.9\" damping=\"0.2\" wetLevel=\"0.25\"/>"));
        double from = TONE_SECONDS + 0.05, to = 0.75;
        // The sample has ended: dry, nothing; with the reverb, its tail.
        assertThat(rmsDb(dry, from, to)).isLessThan(-120);
        assertThat(rmsDb(half, from, to)).isGreaterThan(-40);
        // After the sample the output is all reverb, so the tail is as loud as wetLevel: half of it is 6.02 dB down.
        assertThat(rmsDb(half, from, to) - rmsDb(quarter, from, to)).isCloseTo(20 * Math.log10(2), within(0.05));
    }

    @Test
    void reverbAtWetLevelZeroIsTheDryRenderBitForBit() throws IOException {
        float[] dry = play(preset("dry0", "tone.wav", ""));
        float[] zero = play(preset("zero", "tone.wav", "<effect type=\"reverb\" roomSize=\"0.9\" wetLevel=\"0\"/>"));
        assertThat(zero).containsExactly(dry);
    }

    @Test
    void lowpassAt1kHzFollowsTheButterworthResponse() throws IOException {
        float[] dry = play(preset("two", "two.wav", ""));
        float[] lp = play(preset("lp", "two.wav", "<effect type=\"lowpass\" frequency=\"1000\" resonance=\"0.7071\"/>"));
        for (double hz : new double[] {250, 4000}) {
            double measured = levelDb(lp, 0.1, 0.45, hz) - levelDb(dry, 0.1, 0.45, hz);
            // A 2-pole Butterworth lowpass after the bilinear transform: the analog response at the prewarped ratio.
            double r = Math.tan(Math.PI * hz / RATE) / Math.tan(Math.PI * 1000 / RATE);
            double expected = -10 * Math.log10(Math.pow(1 - r * r, 2) + Math.pow(r / 0.7071, 2));
            assertThat(measured).as("%s Hz", hz).isCloseTo(expected, within(0.3));
        }
        assertThat(levelDb(lp, 0.1, 0.45, 4000) - levelDb(lp, 0.1, 0.45, 250)).isLessThan(-23);
    }

    @Test
    void effectsWithoutAnEquivalentAreNamedInWarnings() throws IOException {
        Program p = preset("odd", "tone.wav", """
                <effect type="phaser" mix="0.5"/><effect type="delay" delayTimeFormat="musical_time" delayTime="10"/>
                <effect type="chorus" mix="0.4" modDepth="0.5" modRate="2"/>""");
        List<String> warnings = p.diagnostics().stream().map(Diagnostic::toString).toList();
        assertThat(warnings).anyMatch(w -> w.contains("odd.dspreset") && w.contains("<effect type=\"phaser\"> is not imported: no built-in effect plays it"));
        assertThat(warnings).anyMatch(w -> w.contains("<effect type=\"delay\"> is not imported: tempo-synced delay time is not supported"));
        assertThat(p.effects()).hasSize(1);
        assertThat(p.effects().getFirst().kind()).isEqualTo("chorus");
        assertThat(p.effects().getFirst().values()).containsEntry("mix", 40.0).containsEntry("depth", 5.0).containsEntry("rate", 2.0);
    }

    static final String REVERB = "<effect type=\"reverb\" roomSize=\"0.9\" damping=\"0.2\" wetLevel=\"0.1\"/>";
    /** A knob 0..100 at 30 bound to the reverb's wet level, 0 → 0.5; and one bound to the volume, unity at 1. */
    static final String KNOBS = """
            <labeled-knob label="Reverb" minValue="0" maxValue="100" value="30">
              <binding type="effect" level="instrument" position="1" parameter="FX_REVERB_WET_LEVEL"
                       translation="linear" translationOutputMin="0" translationOutputMax="0.5"/>
            </labeled-knob>
            <labeled-knob label="Tone" minValue="0" maxValue="1" value="1">
              <binding type="effect" level="instrument" position="0" parameter="FX_FILTER_FREQUENCY"/>
              <binding type="amp" level="group" position="0" parameter="AMP_VOLUME"/>
            </labeled-knob>""";

    @Test
    void aKnobBoundToTheReverbWetLevelIsANodeParameterThatMovesIt() throws Exception {
        // Effect 0 (a phaser) is not imported: the knob's position 1 still names the reverb.
        Program p = preset("knob", "tone.wav", "<effect type=\"phaser\"/>" + REVERB, KNOBS);
        InstrumentNode node = sampler("ds", p);
        Parameter reverb = node.parameters().find("control0").orElseThrow();
        assertThat(reverb.name()).isEqualTo("Reverb");
        assertThat(List.of(reverb.min(), reverb.max(), reverb.defaultValue())).containsExactly(0.0, 100.0, 30.0);
        assertThat(node.parameters().find("control1").orElseThrow().name()).isEqualTo("Tone");
        List<String> warnings = p.diagnostics().stream().map(Diagnostic::message).toList();
        assertThat(warnings).contains("<binding type=\"effect\" parameter=\"FX_FILTER_FREQUENCY\"> is not imported: effect 0 is not among the imported effects",
                "<binding type=\"amp\" parameter=\"AMP_VOLUME\"> is not imported: only instrument-level effect parameters and AMP_VOLUME are bound");

        float[] dry = play(preset("knobdry", "tone.wav", ""));
        float[] atMax = play(preset("atmax", "tone.wav", "<effect type=\"reverb\" roomSize=\"0.9\" damping=\"0.2\" wetLevel=\"0.5\"/>"));
        Pulse pulse = new Pulse(projectOf(node));
        pulse.apply(new NodeCommand.SetParameter("ds", "control0", 0.0));
        float[] zero = play(pulse.project().tracks().getFirst().graph().instrument("ds").orElseThrow());
        pulse.apply(new NodeCommand.SetParameter("ds", "control0", 100.0));
        float[] full = play(pulse.project().tracks().getFirst().graph().instrument("ds").orElseThrow());
        // At 0 the reverb's mix is 0: the dry render, bit for bit; at 100, wetLevel 0.5, as a preset saying so.
        assertThat(zero).containsExactly(dry);
        assertThat(full).containsExactly(atMax);
        assertThat(rmsDb(full, TONE_SECONDS + 0.05, 0.75)).isGreaterThan(-40);
        // The program's effects and knobs survive the project file, knob value and all.
        Project saved = pulse.project();
        assertThat(dev.loophole.pulse.store.ProjectJson.read(dev.loophole.pulse.store.ProjectJson.write(saved), "test")).isEqualTo(saved);
        pulse.undo();
        assertThat(pulse.project().tracks().getFirst().graph().instrument("ds").orElseThrow().value("control0")).isEqualTo(0.0);
    }
}
