package dev.loophole.model.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.IntRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeGraphTest {
    static InstrumentNode plugin(String id, String... ports) {
        List<AudioPort> ps = java.util.Arrays.stream(ports).map(AudioPort::stereo).toList();
        return new InstrumentNode(id, id, InstrumentKind.PLUGIN, null, new AudioOutputRouting(ps), ParameterSet.EMPTY, Map.of(), null, null);
    }

    @Test
    void aMultiOutputKitFeedsItsOwnChains() {
        NodeGraph g = new NodeGraph(List.of(plugin("kit", "main", "kick", "snare")),
                List.of(EffectNode.of("comp", EffectKind.COMPRESSOR), EffectNode.of("verb", EffectKind.REVERB)),
                List.of(Connection.of("kit", "main", "channel", "in"), Connection.of("kit", "kick", "comp", "in"),
                        Connection.of("comp", "out", "channel", "in"), Connection.of("kit", "snare", "verb", "in"),
                        Connection.of("verb", "out", "channel", "in")));
        assertThat(g.connections()).hasSize(5);
    }

    @Test
    void portsMustExistAndDirectionsMatter() {
        var kit = plugin("kit", "main");
        var fx = EffectNode.of("fx", EffectKind.DELAY);
        assertThatThrownBy(() -> new NodeGraph(List.of(kit), List.of(fx), List.of(Connection.of("kit", "tom", "fx", "in"))))
                .hasMessage("connection kit.tom → fx.in: kit.tom is not an output port of this graph; node kit has outputs main");
        assertThatThrownBy(() -> new NodeGraph(List.of(kit), List.of(fx), List.of(Connection.of("fx", "out", "kit", "main"))))
                .hasMessage("connection fx.out → kit.main: kit.main is not an input port of this graph");
        assertThatThrownBy(() -> new NodeGraph(List.of(kit), List.of(fx), List.of(Connection.of("channel", "in", "fx", "in"))))
                .hasMessageContaining("channel.in is not an output port");
        assertThatThrownBy(() -> new NodeGraph(List.of(kit), List.of(EffectNode.of("kit", EffectKind.EQ4)), List.of()))
                .hasMessage("duplicate node id 'kit'");
    }

    @Test
    void cyclesAreRefusedWhereverTheyClose() {
        var a = EffectNode.of("a", EffectKind.GAIN_PAN);
        var b = EffectNode.of("b", EffectKind.GAIN_PAN);
        var c = EffectNode.of("c", EffectKind.GAIN_PAN);
        // a → b → c is fine; c → a closes a loop of three.
        List<Connection> chain = List.of(Connection.of("a", "out", "b", "in"), Connection.of("b", "out", "c", "in"));
        assertThat(new NodeGraph(List.of(), List.of(a, b, c), chain).connections()).hasSize(2);
        assertThatThrownBy(() -> new NodeGraph(List.of(), List.of(a, b, c), new java.util.ArrayList<>(chain) {{ add(Connection.of("c", "out", "a", "in")); }}))
                .hasMessageStartingWith("the connections make a cycle through node");
        assertThatThrownBy(() -> new NodeGraph(List.of(), List.of(a), List.of(Connection.of("a", "out", "a", "in"))))
                .hasMessage("the connections make a cycle through node a");
    }

    @Test
    void parametersAreCheckedAgainstTheOneTable() {
        assertThat(EffectKind.EQ4.parameters().parameters()).hasSize(16);
        assertThat(EffectNode.of("eq", EffectKind.EQ4).value("band3_freq")).isEqualTo(2000);
        assertThatThrownBy(() -> EffectNode.of("d", EffectKind.DELAY).withValue("time", 5000.0))
                .hasMessage("effect d: parameter time: 5000.0 is outside 1.0..2000.0");
        assertThatThrownBy(() -> EffectNode.of("d", EffectKind.DELAY).withValue("pingPong", 0.5))
                .hasMessageContaining("not a multiple of step");
        assertThatThrownBy(() -> EffectNode.of("d", EffectKind.DELAY).withValue("size", 1.0))
                .hasMessageContaining("no parameter 'size'");
    }

    @Test
    void laneTargetsAndClipTargetsMustNameInstrumentsOfTheirTrack() {
        NodeGraph g = NodeGraph.single(plugin("synth", "main"));
        Lane ok = Lane.midi("l", "", List.of(new LaneTarget("synth", new IntRange(0, 59), LaneTarget.ALL_VELOCITIES, 12)));
        assertThat(new Track("t", "", g, List.of(ok), null, null).primary().orElseThrow().nodeId()).isEqualTo("synth");
        assertThatThrownBy(() -> new Track("t", "", g, List.of(Lane.midi("l", "", List.of(LaneTarget.all("ghost")))), null, null))
                .hasMessage("track t, lane l: target ghost is not an instrument of the track");
        Clip aimed = new Clip("c", "", 0, 10, ClipTarget.node("ghost"), List.of(), List.of());
        assertThatThrownBy(() -> new Track("t", "", g, List.of(ok.withClips(List.of(aimed))), null, null))
                .hasMessage("track t, lane l, clip c: target ghost is not an instrument of the track");
        Clip automation = new Clip("c", "", 0, 10, ClipTarget.LANE, List.of(), List.of(
                new AutomationCurve(AutomationTarget.parameter("synth", "cutoff"), List.of(Breakpoint.linear(0, 1)))));
        assertThatThrownBy(() -> new Track("t", "", g, List.of(ok.withClips(List.of(automation))), null, null))
                .hasMessage("track t, lane l, clip c: node synth has no parameter cutoff");
    }

    @Test
    void idsAreUniqueAcrossTheProject() {
        Track t1 = new Track("t1", "", NodeGraph.single(plugin("n", "main")), List.of(), null, null);
        Track t2 = new Track("t2", "", NodeGraph.single(plugin("n", "main")), List.of(), null, null);
        assertThatThrownBy(() -> Project.empty("x").withTracks(List.of(t1, t2))).hasMessage("duplicate node id 'n'");
    }
}
