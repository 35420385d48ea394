package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DrumGizmo kit written as its documentation describes (drumkit.xml with channels and channel maps, one
 * instrument XML per instrument with power-rated samples of multi-channel files, midimap.xml), loaded through
 * {@code loophole}'s instrument loader and played: each file channel is a mic on the output of its kit channel,
 * the power picks the sample, the hi-hat group chokes.
 */
class DrumGizmoKitTest {
    static final int RATE = 48_000;
    @TempDir Path dir;
    Path kit;

    @BeforeEach
    void writeKit() throws Exception {
        kit = dir.resolve("TestKit");
        Files.createDirectories(kit.resolve("Kick"));
        Files.createDirectories(kit.resolve("Snare"));
        Files.createDirectories(kit.resolve("Hats"));
        Files.writeString(kit.resolve("drumkit.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <drumkit name="TestKit" description="written by a test">
                  <channels><channel name="Kick"/><channel name="Snare"/><channel name="OH"/></channels>
                  <instruments>
                    <instrument name="Kick" file="Kick/Kick.xml">
                      <channelmap in="KickMic" out="Kick"/><channelmap in="OH" out="OH"/></instrument>
                    <instrument name="Snare" file="Snare/Snare.xml">
                      <channelmap in="SnareTop" out="Snare"/><channelmap in="OH" out="OH"/></instrument>
                    <instrument name="HHClosed" group="hihat" file="Hats/Closed.xml"><channelmap in="OH" out="OH"/></instrument>
                    <instrument name="HHOpen" group="hihat" file="Hats/Open.xml"><channelmap in="OH" out="OH"/></instrument>
                  </instruments>
                </drumkit>
                """);
        Files.writeString(kit.resolve("midimap.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <midimap><map note="36" instr="Kick"/><map note="38" instr="Snare"/>
                  <map note="42" instr="HHClosed"/><map note="46" instr="HHOpen"/></midimap>
                """);
        // kick: one 2-channel file, close mic 100 Hz at 0.6 on channel 1, overhead 100 Hz at 0.2 on channel 2
        wav(kit.resolve("Kick/kick-1.wav"), sine(100, RATE, 0.6), sine(100, RATE, 0.2));
        Files.writeString(kit.resolve("Kick/Kick.xml"), instrument("Kick", sample("kick-1", 0.5, "kick-1.wav", "KickMic", "OH")));
        // snare: three hits of powers 0.1, 0.4, 0.9, told apart by frequency (300, 350, 400 Hz)
        StringBuilder snares = new StringBuilder();
        double[] power = {0.1, 0.4, 0.9};
        for (int i = 0; i < 3; i++) {
            wav(kit.resolve("Snare/snare-" + i + ".wav"), sine(300 + 50 * i, RATE, 0.5), sine(300 + 50 * i, RATE, 0.25));
            snares.append(sample("snare-" + i, power[i], "snare-" + i + ".wav", "SnareTop", "OH"));
        }
        Files.writeString(kit.resolve("Snare/Snare.xml"), instrument("Snare", snares.toString()));
        wav(kit.resolve("Hats/open.wav"), sine(2000, RATE, 0.4));
        wav(kit.resolve("Hats/closed.wav"), sine(3000, RATE / 20, 0.4));
        Files.writeString(kit.resolve("Hats/Open.xml"), instrument("HHOpen", sample("open", 1, "open.wav", "OH")));
        Files.writeString(kit.resolve("Hats/Closed.xml"), instrument("HHClosed", sample("closed", 1, "closed.wav", "OH")));
    }

    static String instrument(String name, String samples) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<instrument version=\"2.0\" name=\"" + name + "\"><samples>" + samples + "</samples></instrument>\n";
    }

    static String sample(String name, double power, String file, String... channels) {
        StringBuilder s = new StringBuilder("<sample name=\"" + name + "\" power=\"" + power + "\">");
        for (int c = 0; c < channels.length; c++)
            s.append("<audiofile channel=\"").append(channels[c]).append("\" file=\"").append(file).append("\" filechannel=\"").append(c + 1).append("\"/>");
        return s.append("</sample>").toString();
    }

    SamplerInstrument instrument() throws Exception {
        Program p = InstrumentLoader.load(kit.resolve("drumkit.xml"));
        assertThat(p.diagnostics()).isEmpty();
        // DrumKit mode: a pad per midimap note, named as the midimap names it, the hats' group a choke group
        assertThat(p.drumKit().pads()).extracting(pad -> pad.note() + "=" + pad.name() + (pad.chokeGroup() != 0 ? " choke" : ""))
                .containsExactly("36=Kick", "38=Snare", "42=HHClosed choke", "46=HHOpen choke");
        return new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(p), RATE, 32, 1);
    }

    float[][] hit(SamplerInstrument inst, int note, int velocity, int frames) {
        float[][] out = new float[6][frames];
        inst.noteOn(9, note, velocity);
        inst.renderOutputs(out, 0, frames);
        return out;
    }

    @Test
    void eachFileChannelIsAMicOnItsKitChannelsOutput() throws Exception {
        float[][] out = hit(instrument(), 36, 100, 9600);
        double close = db(0.6 / Math.sqrt(2)), oh = db(0.2 / Math.sqrt(2));
        System.out.printf("kick: output 0 (Kick) %.2f dB, output 1 (Snare) %.1f dB, output 2 (OH) %.2f dB%n",
                db(rms(out[0], 480, 9120)), db(rms(out[2], 480, 9120)), db(rms(out[4], 480, 9120)));
        for (int c = 0; c < 2; c++) {
            assertThat(db(rms(out[c], 480, 9120))).as("Kick output, channel %d", c).isCloseTo(close, within(0.05));
            assertThat(rms(out[2 + c], 0, 9600)).as("Snare output stays silent").isZero();
            assertThat(db(rms(out[4 + c], 480, 9120))).as("OH output, channel %d", c).isCloseTo(oh, within(0.05));
        }
    }

    @Test
    void powerPicksTheSampleNearestTheVelocity() throws Exception {
        // velocity v asks for power 0.1 + 0.8·v/127: nearest 0.1 up to v 23, 0.4 from 24 to 87, 0.9 from 88
        int[][] cases = {{1, 300}, {23, 300}, {24, 350}, {87, 350}, {88, 400}, {127, 400}};
        for (int[] c : cases) {
            float[][] out = hit(instrument(), 38, c[0], 9600);
            double hz = zeroCrossingHz(out[2], 480, 9120);
            assertThat(hz).as("velocity %d", c[0]).isCloseTo(c[1], within(1.0));
            // velocity does not scale the level: the close mic is always 0.5 peak
            assertThat(db(rms(out[2], 480, 9120))).as("velocity %d level", c[0]).isCloseTo(db(0.5 / Math.sqrt(2)), within(0.05));
            assertThat(db(rms(out[4], 480, 9120))).as("velocity %d overhead", c[0]).isCloseTo(db(0.25 / Math.sqrt(2)), within(0.05));
        }
    }

    @Test
    void theHiHatGroupChokes() throws Exception {
        SamplerInstrument inst = instrument();
        float[][] out = new float[6][RATE / 2];
        inst.noteOn(9, 46, 100);
        inst.renderOutputs(out, 0, 4800);
        inst.noteOn(9, 42, 100); // closed hat, 0.05 s long, at 0.1 s
        inst.renderOutputs(out, 4800, out[0].length);
        double before = rms(out[4], 480, 4320), after = rms(out[4], 4800 + RATE / 20 + 480, out[0].length);
        System.out.printf("open hat on OH: %.1f dB before the closed hat, %.1f dB after it%n", db(before), db(after));
        assertThat(db(before)).isCloseTo(db(0.4 / Math.sqrt(2)), within(0.05));
        assertThat(after).as("choked: nothing after the closed hat ends").isZero();
    }

    @Test
    void inspectAndRenderOpenTheKit() throws Exception {
        CliRun inspect = CliRun.of("inspect", kit.resolve("drumkit.xml").toString());
        assertThat(inspect.status()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("36=Kick", "38=Snare", "42=HHClosed", "46=HHOpen");
    }

    static void wav(Path p, float[]... channels) throws Exception {
        WavWriter.write(p, new AudioData(channels, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    static float[] sine(double f, int frames, double amp) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) s[i] = (float) (amp * Math.sin(2 * Math.PI * f * i / RATE));
        return s;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    static double db(double x) { return 20 * Math.log10(Math.max(x, 1e-12)); }

    /** Frequency from rising zero crossings, interpolated between frames. */
    static double zeroCrossingHz(float[] x, int from, int to) {
        double first = -1, last = -1;
        int n = 0;
        for (int i = from + 1; i < to; i++)
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                if (first < 0) first = t; else n++;
                last = t;
            }
        return n == 0 ? 0 : n * RATE / (last - first);
    }
}
