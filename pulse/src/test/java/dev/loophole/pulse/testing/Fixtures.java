package dev.loophole.pulse.testing;

import dev.loophole.demo.DemoContent;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.MidiEffect;
import dev.loophole.model.project.MidiEffectKind;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.model.project.Track;
import dev.loophole.model.midi.TempoMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real programs (the demo's keys and drums, an SFZ with modulation) and a project that uses every part of the model. */
public final class Fixtures {
    private Fixtures() {}

    public record Programs(Program keys, Program drums, Program modulated) {}

    /** An SFZ using LFOs, envelopes, CC modulation, curves, labels, crossfades and an extra section. */
    public static final String MODULATED_SFZ = """
            <control> label_cc1=Vibrato label_cc74=Brightness set_cc74=100 set_cc1=0
            <global> ampeg_attack=0.01 ampeg_release=0.4
            <curve> curve_index=7 v000=0 v064=0.2 v127=1
            <group> fil_type=lpf_2p cutoff=1200 cutoff_oncc74=3600 fil_veltrack=2400 resonance=3
            lfo1_freq=5.5 lfo1_pitch_oncc1=40 lfo1_wave=1 eg1_time1=0.2 eg1_level1=1 eg1_cutoff=1200
            <region> sample=a.wav lokey=0 hikey=59 pitch_keycenter=48 amp_velcurve_1=0.1 xfin_locc1=0 xfin_hicc1=64
            <region> sample=b.wav lokey=60 hikey=127 pitch_keycenter=72 seq_length=2 seq_position=1 region_label=bright
            volume_oncc7=6 amplitude_curvecc7=7 loop_mode=loop_continuous loop_start=100 loop_end=9000
            <effect> type=reverb reverb_dry=100
            """;

    public static Programs programs(Path dir) throws IOException {
        DemoContent.DemoFiles demo = DemoContent.write(dir.resolve("demo"));
        return new Programs(SfzImporter.load(demo.keysSfz()), SfzImporter.load(demo.drumsSfz()),
                SfzImporter.parse(MODULATED_SFZ, dir.resolve("modulated.sfz")));
    }

    /**
     * Two tracks: keys split over two samplers with a lane post-FX chain and a MIDI effect, clips
     * with expression and automation; drums with per-pad outputs into their own effects, and an audio lane.
     */
    public static Project rich(Programs p) {
        InstrumentNode keysLow = InstrumentNode.sampler("keys-low", "Keys low", p.keys()).withValue("volume", -3.0);
        InstrumentNode keysHigh = InstrumentNode.sampler("keys-high", "Keys high", p.modulated()).withValue("cc74", 90.0);
        EffectNode eq = EffectNode.of("keys-eq", EffectKind.EQ4).withValue("band2_gain", 4.5);
        NodeGraph keysGraph = new NodeGraph(List.of(keysLow, keysHigh), List.of(eq), List.of(
                Connection.of("keys-low", "main", "keys-eq", "in"),
                Connection.of("keys-high", "main", "keys-eq", "in"),
                Connection.of("keys-eq", "out", NodeGraph.CHANNEL, "in")));
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 8; i++) notes.add(Note.of(i + 1, 48 + 3 * i, 60 + 8 * i, 480L * i, 440));
        notes.set(2, notes.get(2).withExpression(List.of(
                ExpressionCurve.of(ExpressionDimension.PITCH, List.of(Breakpoint.linear(0, 0), Breakpoint.linear(240, 2), Breakpoint.step(400, -0.5))),
                new ExpressionCurve(ExpressionDimension.PER_NOTE_CC, 74, List.of(Breakpoint.linear(0, 0.25), Breakpoint.linear(300, 0.75))))));
        Clip verse = new Clip("clip-verse", "Verse", 0, 3840, ClipTarget.LANE, notes, List.of(
                new AutomationCurve(AutomationTarget.cc(1), List.of(Breakpoint.linear(0, 0), Breakpoint.linear(1920, 127))),
                new AutomationCurve(AutomationTarget.of(AutomationTarget.Kind.PITCH_BEND), List.of(Breakpoint.step(0, -0.25))),
                new AutomationCurve(AutomationTarget.parameter("keys-eq", "band2_gain"), List.of(Breakpoint.linear(0, -6), Breakpoint.linear(960, 6)))));
        Clip solo = new Clip("clip-solo", "Solo", 3840, 1920, ClipTarget.node("keys-high"),
                List.of(Note.of(1, 72, 100.5, 0, 960)), List.of());
        Lane keysLane = new Lane("lane-keys", "Keys", LaneKind.MIDI,
                List.of(new LaneTarget("keys-low", new IntRange(0, 59), LaneTarget.ALL_VELOCITIES, 0),
                        new LaneTarget("keys-high", new IntRange(60, 127), new IntRange(1, 100), 12)),
                List.of(new MidiEffect("lane-keys-vel", MidiEffectKind.VELOCITY, Map.of("scale", 0.8), false)),
                List.of(EffectNode.of("lane-keys-delay", EffectKind.DELAY), EffectNode.of("lane-keys-chorus", EffectKind.CHORUS).withBypassed(true)),
                List.of(verse, solo), List.of(), false);
        Track keys = new Track("track-keys", "Keys", keysGraph, List.of(keysLane), "keys-low", new ChannelStrip(-2.5, 0.25, false, false));

        InstrumentNode kit = InstrumentNode.sampler("kit", "Kit", p.drums()).withOutput(new dev.loophole.model.project.AudioOutputRouting(List.of(
                dev.loophole.model.project.AudioPort.stereo("main"), dev.loophole.model.project.AudioPort.stereo("kick"),
                new dev.loophole.model.project.AudioPort("snare", "Snare", 1))));
        NodeGraph drumsGraph = new NodeGraph(List.of(kit), List.of(EffectNode.of("kick-comp", EffectKind.COMPRESSOR), EffectNode.of("room", EffectKind.REVERB)),
                List.of(Connection.of("kit", "main", NodeGraph.CHANNEL, "in"), Connection.of("kit", "kick", "kick-comp", "in"),
                        Connection.of("kick-comp", "out", NodeGraph.CHANNEL, "in"), Connection.of("kit", "snare", "room", "in"),
                        Connection.of("room", "out", NodeGraph.CHANNEL, "in")));
        Clip beat = new Clip("clip-beat", "Beat", 0, 1920, ClipTarget.PRIMARY,
                List.of(Note.of(1, 36, 110, 0, 0), Note.of(2, 38, 96, 480, 0), Note.of(3, 42, 70, 240, 120)), List.of());
        Lane drumLane = Lane.midi("lane-drums", "Drums", List.of(LaneTarget.all("kit"))).withClips(List.of(beat));
        Lane printed = Lane.audio("lane-print", "Printed").withAudioClips(List.of(
                new dev.loophole.model.project.AudioClip("audio-1", "Bounce", 0, 3840, new dev.loophole.model.SampleRef("bounce.wav"), 0, -1.5)));
        Track drums = new Track("track-drums", "Drums", drumsGraph, List.of(drumLane, printed), null, ChannelStrip.DEFAULT);

        TempoTrack tempo = new TempoTrack(List.of(new TempoMap.Change(0, 500_000), new TempoMap.Change(7680, 400_000)),
                List.of(TimeSignature.FOUR_FOUR, new TimeSignature(7680, 7, 8)));
        return new Project("Rich", 960, 48_000, tempo, List.of(keys, drums));
    }
}
