package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Program;
import dev.loophole.model.RoundRobin;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Decent Sampler preset written as its documentation describes, opened by `loophole` and played: notes, levels, envelope, random round robin. */
class DecentSamplerPresetTest {
    static final int RATE = DrumGizmoKitTest.RATE;
    @TempDir Path dir;
    Path preset;

    @BeforeEach
    void write() throws Exception {
        Files.createDirectories(dir.resolve("s"));
        DrumGizmoKitTest.wav(dir.resolve("s/a220.wav"), DrumGizmoKitTest.sine(220, RATE, 0.8));
        DrumGizmoKitTest.wav(dir.resolve("s/a440.wav"), DrumGizmoKitTest.sine(440, RATE, 0.8));
        for (int i = 1; i <= 3; i++) {
            float[] dc = new float[RATE / 10];
            java.util.Arrays.fill(dc, 0.1f * i);
            DrumGizmoKitTest.wav(dir.resolve("s/dc" + i + ".wav"), dc);
        }
        preset = Files.writeString(dir.resolve("keys.dspreset"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <DecentSampler minVersion="1.0.0">
                  <groups attack="0" release="0.05" volume="-6dB">
                    <group name="Keys" ampVelTrack="0">
                      <sample path="s/a220.wav" rootNote="57" loNote="48" hiNote="59"/>
                      <sample path="s/a440.wav" rootNote="69" loNote="60" hiNote="72" volume="0.5"/>
                    </group>
                    <group name="Hits" seqMode="random" ampVelTrack="0" loNote="36" hiNote="36" rootNote="36" volume="0dB">
                      <sample path="s/dc1.wav" seqPosition="1"/>
                      <sample path="s/dc2.wav" seqPosition="2"/>
                      <sample path="s/dc3.wav" seqPosition="3"/>
                    </group>
                  </groups>
                  <effects><effect type="reverb"/></effects>
                </DecentSampler>
                """);
    }

    SamplerInstrument instrument(long seed) throws Exception {
        Program p = InstrumentLoader.load(preset);
        assertThat(p.diagnostics()).isEmpty();
        // Decent's reverb defaults: room 0.7, damping 0.3, wetLevel 0 (so the instrument below is heard dry).
        assertThat(p.effects()).singleElement().satisfies(e -> assertThat(e.values())
                .containsEntry("size", 70.0).containsEntry("damping", 30.0).containsEntry("mix", 0.0));
        assertThat(p.settings().roundRobin()).isEqualTo(RoundRobin.RANDOM_NO_REPEAT);
        return new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(p), RATE, 16, seed);
    }

    @Test
    void notesPlayTheirSampleAtTheirPitchLevelAndRelease() throws Exception {
        SamplerInstrument inst = instrument(1);
        // key 60 plays a440 (root 69) 9 semitones down at −6 dB (groups) × 0.5 (sample) = −12.04 dB
        // key 55 plays a220 (root 57) 2 semitones down at −6 dB
        int[][] cases = {{60, 69, 440}, {55, 57, 220}};
        double[] gainDb = {-6 + 20 * Math.log10(0.5), -6};
        for (int i = 0; i < cases.length; i++) {
            float[] l = new float[RATE / 2], r = new float[RATE / 2];
            inst.allSoundOff();
            inst.noteOn(0, cases[i][0], 100);
            inst.render(l, r, 0, 9600);
            inst.noteOff(0, cases[i][0], 0);
            inst.render(l, r, 9600, l.length);
            double hz = cases[i][2] * Math.pow(2, (cases[i][0] - cases[i][1]) / 12.0);
            assertThat(DrumGizmoKitTest.zeroCrossingHz(l, 960, 8640)).as("key %d", cases[i][0]).isCloseTo(hz, within(0.2));
            double level = DrumGizmoKitTest.db(DrumGizmoKitTest.rms(l, 960, 8640));
            assertThat(level).as("key %d level", cases[i][0]).isCloseTo(DrumGizmoKitTest.db(0.8 / Math.sqrt(2)) + gainDb[i], within(0.1));
            // release 0.05 s from the note-off at 9600: silent from 9600 + 2400 on
            assertThat(DrumGizmoKitTest.rms(l, 9600 + 2400 + 48, l.length)).as("key %d after release", cases[i][0]).isZero();
        }
    }

    @Test
    void randomRoundRobinNeverRepeatsAndIsSeeded() throws Exception {
        List<Integer> a = hits(instrument(5), 90), b = hits(instrument(5), 90);
        assertThat(a).isEqualTo(b);
        for (int i = 1; i < a.size(); i++) assertThat(a.get(i)).isNotEqualTo(a.get(i - 1));
        assertThat(a).contains(1, 2, 3);
    }

    @Test
    void aBadValueNamesFileLineAndWhatWasExpected() throws Exception {
        Files.writeString(preset, "<DecentSampler>\n<groups>\n<group>\n<sample path=\"s/a220.wav\" loNote=\"200\"/>\n</group></groups></DecentSampler>\n");
        assertThatThrownBy(() -> InstrumentLoader.load(preset)).hasMessage(preset + ":4: expected loNote 0..127, found 200.0");
    }

    static List<Integer> hits(SamplerInstrument inst, int n) {
        List<Integer> out = new ArrayList<>();
        float[] l = new float[64], r = new float[64];
        for (int i = 0; i < n; i++) {
            inst.allSoundOff();
            java.util.Arrays.fill(l, 0);
            inst.noteOn(0, 36, 100);
            inst.render(l, r, 0, 64);
            // centred at the MMA pan law's unity, no velocity tracking: the sample's own level (0.1 per position) at −6 dB
            double step = 0.1 * Math.pow(10, -6 / 20.0);
            int pos = (int) Math.round(l[32] / step);
            assertThat(l[32]).isCloseTo((float) (pos * step), within(1e-5f));
            out.add(pos);
        }
        return out;
    }
}
