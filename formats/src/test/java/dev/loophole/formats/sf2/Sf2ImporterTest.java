package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Choke;
import dev.loophole.model.Envelope;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Modulation;
import dev.loophole.model.OffMode;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crafted two-preset bank of {@link TestBanks}, imported and checked value by value. */
class Sf2ImporterTest {
    static final double EPS = 1e-9;
    @TempDir static Path dir;
    static Path file;
    static Sf2Bank bank;

    @BeforeAll
    static void load() throws IOException {
        file = dir.resolve("test.sf2");
        Files.write(file, TestBanks.twoPresets().build());
        bank = Sf2Importer.load(file);
    }

    static SampleRegion region(Program p, String label) {
        return p.regions().stream().filter(r -> label.equals(r.label())).findFirst().orElseThrow();
    }

    @Test
    void bankInfoAndPresetLookup() {
        assertThat(bank.info().name()).isEqualTo("Test Bank");
        assertThat(bank.info().soundEngine()).isEqualTo("EMU8000");
        assertThat(bank.info().versionMinor()).isEqualTo(1);
        assertThat(bank.presets()).extracting(Sf2Preset::name).containsExactly("Pad", "Drums");
        assertThat(bank.find(0, 5).orElseThrow().program().name()).isEqualTo("Pad");
        assertThat(bank.find(128, 0).orElseThrow().program().programId()).isEqualTo("b128-p0");
        assertThat(bank.find(0, 0)).isEmpty();
        assertThat(bank.samples()).hasSize(5);
        assertThat(bank.samples().get(4).start()).isEqualTo(3 * 46 + 100 + 100 + 50 + 40 + 46);
    }

    @Test
    void padIsOneGroupOfTwoPannedStereoHalves() {
        Program pad = bank.find(0, 5).orElseThrow().program();
        assertThat(pad.groups()).hasSize(1);
        assertThat(pad.groups().getFirst().name()).isEqualTo("Stereo Pad");
        assertThat(pad.regions()).hasSize(2);
        SampleRegion l = region(pad, "PadL"), r = region(pad, "PadR");
        assertThat(l.sample().path()).isEqualTo("sf2:" + file.toAbsolutePath().normalize() + "#0");
        // key/vel ranges: instrument 0..127 ∩ preset 36..96; velocity 10..127 from the preset
        assertThat(l.keyRange()).isEqualTo(new IntRange(36, 96));
        assertThat(l.velocityRange()).isEqualTo(new IntRange(10, 127));
        // tuning: root = sample pitch 60; coarse -12 (preset global); fine 10 (preset) + correction -5
        assertThat(l.tuning().pitchKeycenter()).isEqualTo(60);
        assertThat(l.tuning().transpose()).isEqualTo(-12);
        assertThat(l.tuning().tune()).isEqualTo(5.0);
        assertThat(l.tuning().pitchKeytrack()).isEqualTo(100.0);
        // attenuation 100 (instrument global) + 50 (preset) = 150 cB → -15 dB × 0.4 = -6 dB
        assertThat(l.amp().volume()).isCloseTo(-6.0, within(EPS));
        assertThat(l.amp().pan()).isEqualTo(-100.0);
        assertThat(r.amp().pan()).isEqualTo(100.0);
        assertThat(l.amp().ampVeltrack()).isEqualTo(100.0);
        // attack: -1200 (instrument) + 1200 (preset offset) = 0 tc = 1 s; release 1200 tc = 2 s
        Envelope amp = l.envelopes().amp();
        assertThat(amp.attack()).isEqualTo(1.0);
        // release 1200 tc = 2 s for 100 dB → 1.8 s to the engine's -90 dB floor
        assertThat(amp.release()).isCloseTo(1.8, within(EPS));
        assertThat(amp.delay()).isEqualTo(0.0009765625);
        assertThat(amp.hold()).isEqualTo(0.0009765625);
        assertThat(amp.decay()).isZero(); // sustain at peak: no distance to decay over
        assertThat(amp.sustain()).isEqualTo(1.0);
        // sampleModes 3 (local) → loop_sustain; the right half inherits 1 from the global zone
        assertThat(l.loop().mode()).isEqualTo(LoopMode.LOOP_SUSTAIN);
        assertThat(r.loop().mode()).isEqualTo(LoopMode.LOOP_CONTINUOUS);
        assertThat(l.loop().start()).isEqualTo(20);
        assertThat(l.loop().end()).isEqualTo(79);
        assertThat(l.playback().offset()).isZero();
        assertThat(l.playback().end()).isEqualTo(-1);
        // stereo link kept for a later stereo voice
        assertThat(l.otherOpcodes()).containsEntry("sf2_sample_type", "left")
                .containsEntry("sf2_link", "sf2:" + file.toAbsolutePath().normalize() + "#1");
        // default velocity→filter: cutoff 13500 - 2400 cents at velocity 0, +2400 cents at 127
        Filter f = l.filters().getFirst();
        assertThat(f.type()).isEqualTo("lpf_2p");
        assertThat(f.cutoff()).isCloseTo(8.176 * Math.pow(2, 11100 / 1200.0), within(1e-9));
        assertThat(f.cutoff()).isCloseTo(4978.15, within(0.01));
        assertThat(f.veltrack()).isEqualTo(2400.0);
        assertThat(f.resonance()).isZero();
        assertThat(l.choke()).isEqualTo(Choke.NONE);
        // vibrato LFO at its defaults: 8.176 Hz after 0.000977 s
        assertThat(l.otherOpcodes()).containsEntry("pitchlfo_freq", "8.176").containsEntry("pitchlfo_delay", "0.000977")
                .doesNotContainKey("pitchlfo_depth").doesNotContainKey("amplfo_freq");
        assertThat(l.modulation()).contains(new Modulation("cc1", "pitchlfo_depth", 50, 0, 0),
                new Modulation("cc129", "pitchlfo_depth", 50, 0, 0),
                new Modulation("cc7", "volume", -96, Modulators.CONCAVE_CURVE, 0),
                new Modulation("cc11", "volume", -96, Modulators.CONCAVE_CURVE, 0),
                new Modulation("cc10", "pan", 200, Modulators.BIPOLAR_CURVE, 0));
        // The default reverb/chorus send modulators: CC91 → effect1, CC93 → effect2, 200 × 0.1 % = 20 % at full scale.
        assertThat(l.modulation()).contains(new Modulation("cc91", "effect1", 20, 0, 0), new Modulation("cc93", "effect2", 20, 0, 0));
        assertThat(pad.curves()).containsOnlyKeys(Modulators.CONCAVE_CURVE);
        assertThat(pad.curves().get(Modulators.CONCAVE_CURVE).at(127)).isZero();
        assertThat(pad.curves().get(Modulators.CONCAVE_CURVE).at(0)).isEqualTo(1.0);
    }

    @Test
    void drumKitRegions() {
        Program drums = bank.find(128, 0).orElseThrow().program();
        assertThat(drums.groups()).singleElement().satisfies(g -> assertThat(g.name()).isEqualTo("Kit"));
        assertThat(drums.regions()).hasSize(3);
        SampleRegion snare = region(drums, "Snare");
        assertThat(snare.keyRange()).isEqualTo(IntRange.single(38));
        assertThat(snare.tuning().pitchKeycenter()).isEqualTo(38);
        assertThat(snare.tuning().tune()).isEqualTo(3.0);
        assertThat(snare.amp().pan()).isEqualTo(20.0); // preset offset 100 of ±500
        assertThat(snare.amp().volume()).isZero();
        // fc 6000 cents - 2400 (velocity default) = 3600 cents = 8.176 × 2³ Hz; Q 60 cB = 6 dB
        assertThat(snare.filters().getFirst().cutoff()).isCloseTo(65.408, within(1e-9));
        assertThat(snare.filters().getFirst().resonance()).isEqualTo(6.0);
        // sustain 960 cB below peak = 10^(-4.8); decay 0 tc + 100 tc/key × (60 - 38) = 2200 tc at this single key,
        // a rate of 100 dB per 2^(2200/1200) s; the engine's decay ends at -90 dB (its silence floor, above -96),
        // so the stage is the 0.9 of it that takes at that rate: the slope is the bank's
        assertThat(snare.envelopes().amp().sustain()).isCloseTo(Math.pow(10, -4.8), within(1e-15));
        assertThat(snare.envelopes().amp().decay()).isCloseTo(Math.pow(2, 2200 / 1200.0) * 0.9, within(1e-12));
        assertThat(snare.loop().mode()).isEqualTo(LoopMode.NO_LOOP);
        // preset-level startAddrsOffset is not allowed: ignored with a warning
        assertThat(snare.playback().offset()).isZero();
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("of preset 1 'Drums' (bank 128, program 0): startAddrsOffset is not allowed in a preset zone"));

        SampleRegion closed = region(drums, "HatC"), open = region(drums, "HatO");
        assertThat(closed.choke()).isEqualTo(new Choke(1, 1, OffMode.FAST, Choke.NONE.offTime(), 0, 0));
        assertThat(open.choke().group()).isEqualTo(1);
        assertThat(open.choke().offBy()).isEqualTo(1);
        // addresses: start +2, end -4 (exclusive 36 → last frame 35), loop 10+1 .. 30-2 (exclusive → 27)
        assertThat(open.playback().offset()).isEqualTo(2);
        assertThat(open.playback().end()).isEqualTo(35);
        assertThat(open.loop().mode()).isEqualTo(LoopMode.LOOP_CONTINUOUS);
        assertThat(open.loop().start()).isEqualTo(11);
        assertThat(open.loop().end()).isEqualTo(27);
        assertThat(open.tuning().pitchKeycenter()).isEqualTo(50); // overridingRootKey beats the sample's 46
        assertThat(closed.tuning().pitchKeycenter()).isEqualTo(42);
    }

    @Test
    void specExactAttenuationOption() throws IOException {
        Sf2Bank exact = Sf2Importer.load(file, new Sf2Options(1.0, false, 1000));
        SampleRegion l = region(exact.find(0, 5).orElseThrow().program(), "PadL");
        assertThat(l.amp().volume()).isCloseTo(-15.0, within(EPS));
        assertThat(l.filters()).isEmpty(); // fc 13500 and no velocity modulator: no filter
    }

    @Test
    void sampleReaderReadsByOffset() throws IOException {
        Sf2Audio a = Sf2SampleReader.read(file, 4);
        short[] expected = TestBanks.ramp(40, 60);
        assertThat(a.frames()).hasSize(40);
        for (int i = 0; i < 40; i++) assertThat(a.frames()[i]).isEqualTo(expected[i] / 32768f);
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.bitsPerSample()).isEqualTo(16);
        assertThat(a.rootKey()).isEqualTo(46);
        assertThat(a.loopStart()).isEqualTo(10);
        assertThat(a.loopEnd()).isEqualTo(29);
        Sf2Audio pad = Sf2SampleReader.read("sf2:" + file.toAbsolutePath() + "#0");
        assertThat(pad.pitchCorrection()).isEqualTo(-5);
        assertThat(pad.type()).isEqualTo(Sf2Sample.LEFT);
        assertThat(pad.link()).isEqualTo(1);
        assertThat(Sf2SampleReader.read(bank, 2).loopStart()).isEqualTo(-1); // 0..0 is no loop
    }

    @Test
    void twentyFourBitSamplesCombineSmplAndSm24() throws IOException {
        Sf2TestWriter w = new Sf2TestWriter();
        w.ifilMinor = 4;
        w.with24Bit = true;
        int s = w.sample("Hi", new short[] {0x1234, -1, 0}, new byte[] {0x56, (byte) 0xFF, 1}, 48000, 69, 0, 0, 0, 1, 0);
        int i = w.instrument("I", Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.SAMPLE_ID, s)));
        w.preset("P", 0, 0, Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.INSTRUMENT, i)));
        Path f24 = dir.resolve("24.sf2");
        Files.write(f24, w.build());
        Sf2Audio a = Sf2SampleReader.read(f24, 0);
        assertThat(a.bitsPerSample()).isEqualTo(24);
        assertThat(a.frames()).containsExactly(0x123456 / 8388608f, -1 / 8388608f, 1 / 8388608f);
        assertThat(Sf2Importer.load(f24).programs().getFirst().regions().getFirst().tuning().pitchKeycenter()).isEqualTo(69);
    }
}
