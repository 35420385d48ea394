package dev.loophole.cli;

import static dev.loophole.cli.HydrogenKitRenderTest.db;
import static dev.loophole.cli.HydrogenKitRenderTest.rms;
import static dev.loophole.cli.HydrogenKitRenderTest.rmsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.InstrumentFiles;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chokes as each kit format says them, measured on rendered audio: a first hit of a steady 2 s tone, a second hit
 * 0.25 s later; the first hit's tail is what the two-hit render has beyond the second hit alone. Where the kit says
 * the second hit cuts the first, that tail is 60 dB below the first hit ringing on its own, from the end of the choke's
 * release on; where it does not, the first hit rings on unchanged.
 */
class ChokeRenderTest {
    static final int RATE = 44_100;
    static final int FIRST = RATE / 20, SECOND = FIRST + RATE / 4;
    @TempDir Path dir;

    /** One pair of hits and what the kit says about them. */
    record Case(String what, int first, int second, boolean cuts, double releaseSeconds) {}

    Path tone() throws Exception {
        Path f = dir.resolve("tone.wav");
        if (Files.exists(f)) return f;
        float[] x = new float[2 * RATE];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / RATE));
        WavWriter.write(f, new AudioData(new float[][] {x}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        return f;
    }

    @Test
    void sfzNotePolyphonyPolyphonyAndGroupsCutAsWritten() throws Exception {
        tone();
        Path sfz = dir.resolve("kit.sfz");
        Files.writeString(sfz, """
                <control> label_key38=Snare label_key49=Crash label_key50=Tom label_key42=Closed label_key44=Pedal label_key46=Open
                <global> loop_mode=one_shot sample=tone.wav
                <region> key=38 note_polyphony=1
                <region> key=49 polyphony=1
                <region> key=50
                <group> group=1 off_by=1
                <region> key=42
                <region> key=44
                <region> key=46
                """);
        check(sfz, List.of(
                new Case("snare note_polyphony=1: a hit cuts its own previous one", 38, 38, true, 0.02),
                new Case("crash polyphony=1", 49, 49, true, 0.02),
                new Case("tom, no limit: both ring", 50, 50, false, 0),
                new Case("closed hat cuts the open hat", 46, 42, true, 0.006),
                new Case("pedal hat cuts the open hat", 46, 44, true, 0.006),
                new Case("open hat cuts its own previous hit", 46, 46, true, 0.006),
                new Case("a snare does not cut the open hat", 46, 38, false, 0)));
    }

    @Test
    void hydrogenMuteGroupsCutThroughTheReleaseAndTheirOwnHits() throws Exception {
        tone();
        Path kit = dir.resolve("drumkit.xml");
        // Release 441 frames at Hydrogen's 44.1 kHz: 10 ms
        String instrument = """
                <instrument><id>%d</id><name>%s</name><volume>1</volume><muteGroup>%d</muteGroup><midiOutNote>%d</midiOutNote>
                <Attack>0</Attack><Decay>0</Decay><Sustain>1</Sustain><Release>441</Release>
                <layer><filename>tone.wav</filename><min>0</min><max>1</max><gain>1</gain><pitch>0</pitch></layer></instrument>
                """;
        Files.writeString(kit, "<drumkit_info><name>Chokes</name><instrumentList>"
                + instrument.formatted(0, "Kick", -1, 36) + instrument.formatted(1, "Hat Closed", 0, 37)
                + instrument.formatted(2, "Hat Open", 0, 38) + "</instrumentList></drumkit_info>");
        // Hydrogen's default map: instrument n on note 36 + n
        check(kit, List.of(
                new Case("closed hat (mute group 0) cuts the open hat", 38, 37, true, 0.01),
                new Case("open hat cuts its own previous hit", 38, 38, true, 0.01),
                new Case("kick, no mute group: both ring", 36, 36, false, 0),
                new Case("kick does not cut the open hat", 38, 36, false, 0)));
    }

    @Test
    void decentSamplerTagsSilenceAsTheyAreTagged() throws Exception {
        tone();
        Path preset = dir.resolve("kit.dspreset");
        Files.writeString(preset, """
                <DecentSampler><groups>
                  <group name="Closed" tags="closed"><sample path="tone.wav" rootNote="42" loNote="42" hiNote="42"/></group>
                  <group name="Pedal" tags="pedal"><sample path="tone.wav" rootNote="44" loNote="44" hiNote="44"/></group>
                  <group name="Open" tags="open" silencedByTags="closed,pedal"><sample path="tone.wav" rootNote="46" loNote="46" hiNote="46"/></group>
                  <group name="Snare"><sample path="tone.wav" rootNote="38" loNote="38" hiNote="38"/></group>
                </groups></DecentSampler>
                """);
        Program p = InstrumentFiles.opener(preset).orElseThrow().open(preset);
        assertThat(p.isDrumKit()).isTrue();
        assertThat(p.drumKit().pads()).extracting(pad -> pad.name()).containsExactly("Snare", "Closed", "Pedal", "Open");
        check(preset, List.of(
                new Case("closed cuts open", 46, 42, true, 0.006),
                new Case("pedal cuts open (both silence it: one group)", 46, 44, true, 0.006),
                new Case("open does not cut open (not silenced by its own tag)", 46, 46, false, 0),
                new Case("snare does not cut open", 46, 38, false, 0)));
    }

    void check(Path file, List<Case> cases) throws Exception {
        Program p = InstrumentFiles.opener(file).orElseThrow().open(file);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            float[] both = render(p, c.first(), c.second()), second = render(p, -1, c.second()), first = render(p, c.first(), -1);
            int from = SECOND + (int) Math.ceil(c.releaseSeconds() * RATE) + 64, to = from + RATE / 10;
            double alone = db(rms(first, from, to)), tail = db(rmsDiff(both, second, from, to));
            System.out.printf("%s: first hit alone %.1f dBFS, its tail after the second %.1f dBFS%n", c.what(), alone, tail);
            if (alone < -20) failures.add(c.what() + ": the first hit does not ring on its own (" + alone + " dB)");
            if (c.cuts() && tail > alone - 60) failures.add(c.what() + ": tail " + tail + " dB, not 60 dB below " + alone);
            if (!c.cuts() && Math.abs(tail - alone) > 0.1) failures.add(c.what() + ": tail " + tail + " dB, expected it to ring on at " + alone);
        }
        assertThat(failures).isEmpty();
    }

    /** Left channel of hits at {@link #FIRST} and {@link #SECOND} (a note of -1 is left out), velocity 127. */
    static float[] render(Program p, int first, int second) throws Exception {
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(p), RATE, 32, 1);
        float[] l = new float[SECOND + RATE], r = new float[l.length];
        inst.render(l, r, 0, FIRST);
        if (first >= 0) inst.noteOn(9, first, 127);
        inst.render(l, r, FIRST, SECOND);
        if (second >= 0) inst.noteOn(9, second, 127);
        inst.render(l, r, SECOND, l.length);
        return l;
    }
}
