package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline voices make the stretch tables when first needed, live ones before; both give the same bits. */
class VoiceThreadTest {
    /** A stretch s ∈ (1, 2] reads table j = ⌈32·log2 s⌉ (the smallest 2^(j/32) at or above it). */
    private static int table(double s) { return (int) Math.ceil(32 * Math.log(s) / Math.log(2) - 1e-12); }

    @Test
    void anOfflineReadBetweenOctavesMakesTheStretchTablesAndOnlyThen() {
        SincInterpolator sinc = new SincInterpolator(32); // its own, not the voices' shared one: nothing prepared yet
        assertThat(SincReader.kernel(false, sinc, 1.5)).as("live, unprepared: the stretched kernel").isEqualTo(-1);
        assertThat(SincReader.kernel(true, sinc, 0.7)).as("pitched down: the designed kernel").isZero();
        assertThat(SincReader.kernel(true, sinc, 3.0)).as("beyond two: no table serves it").isEqualTo(-1);
        assertThat(sinc.kernel(1.5)).as("a stretch beyond two made no tables").isEqualTo(-1);
        assertThat(SincReader.kernel(true, sinc, 1.5)).isEqualTo(table(1.5)).isEqualTo(19);
        assertThat(sinc.kernel(1.25)).as("made once, for every stretch").isEqualTo(table(1.25));
        assertThat(SincReader.kernel(false, sinc, 1.9)).as("and then live voices read them too").isEqualTo(table(1.9));
    }

    private static final int[] QUALITIES = {Interpolation.CUBIC, Interpolation.SINC_32, Interpolation.SINC_64};

    /**
     * Notes below, at, between and beyond octaves of the root (60): the same frames from an offline instrument (scalar
     * cubic at first, tables made mid-render) as from a live one. The offline renders run in a JVM of their own, where
     * no earlier test has made the shared interpolators' stretch tables, whatever order this JVM's tests run in; it
     * says whether the tables were there before its render and after.
     */
    @Test
    void offlineAndLiveInstrumentsRenderTheSameBits(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), VoiceThreadTest.class.getName(), dir.toString()));
        Path saidFile = dir.resolve("said.txt");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(saidFile.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) { // a hung child must not hang the module's build
            p.destroyForcibly();
            org.junit.jupiter.api.Assertions.fail("the offline JVM did not finish within 180 s");
        }
        assertThat(p.exitValue()).as("the offline JVM").isZero();
        String said = Files.readString(saidFile).strip();
        assertThat(said.lines().toList()).containsExactly(
                "quality " + Interpolation.SINC_32 + ": stretch tables before false, after true",
                "quality " + Interpolation.SINC_64 + ": stretch tables before false, after true");
        for (int quality : QUALITIES) {
            float[][] live = render(VoiceThread.AUDIO, quality), offline = read(dir.resolve("q" + quality));
            for (int c = 0; c < 2; c++) {
                assertThat(peak(live[c])).as("the render is not silence").isGreaterThan(0.1f);
                assertThat(offline[c].length).isEqualTo(live[c].length);
                assertThat(Arrays.mismatch(offline[c], live[c])).as("quality %d, first frame that differs, channel %d", quality, c).isEqualTo(-1);
            }
        }
    }

    /** The offline side, in a fresh JVM: renders each quality into {@code args[0]}/q{quality}. */
    public static void main(String[] args) throws IOException {
        for (int quality : QUALITIES) {
            boolean sinc = quality >= Interpolation.SINC_8;
            // (asking for the shared interpolator makes its table, not its stretch tables)
            boolean before = sinc && SincReader.interpolator(quality).kernel(1.5) >= 0;
            float[][] out = render(VoiceThread.OFFLINE, quality);
            if (sinc) System.out.println("quality " + quality + ": stretch tables before " + before + ", after " + (SincReader.interpolator(quality).kernel(1.5) >= 0));
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[0], "q" + quality))))) {
                o.writeInt(out[0].length);
                for (float[] ch : out) for (float v : ch) o.writeFloat(v);
            }
        }
    }

    private static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            float[][] out = new float[2][in.readInt()];
            for (float[] ch : out) for (int i = 0; i < ch.length; i++) ch[i] = in.readFloat();
            return out;
        }
    }

    private static float[][] render(VoiceThread thread, int quality) {
        Fixtures fx = new Fixtures().sample("s", Fixtures.sine(441, 48_000, 0.25)).region("s", b -> {});
        SamplerInstrument inst = fx.instrument(7, thread);
        inst.setQuality(quality);
        return fx.render(inst, events(0, 0x90, 53, 100, 0, 0x90, 60, 100, 0, 0x90, 65, 100, 0, 0x90, 79, 100, 0, 0x90, 91, 100), 24_000);
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }
}
