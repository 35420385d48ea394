package dev.loophole.cli;

import dev.loophole.model.project.EffectKind;
import dev.loophole.pulse.engine.ProjectGraph;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.MultiOutputInstrument;
import dev.loophole.signal.graph.GraphSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.loophole.model.ProgramEffect;

/**
 * The ad-hoc graph a MIDI file renders through: one instrument node per distinct instrument (in
 * order of the first channel it plays), one lane on port 0 whose targets route each MIDI channel to
 * its instrument, every instrument straight into the output — so a dry render adds voices in the
 * order a plain engine does and is bit-identical to it. With sends, instruments whose regions send
 * (a SoundFont's CC91/CC93, SFZ effect1/effect2) also feed a reverb and a chorus into the output, as
 * FluidSynth and other players do by default. A program's own effects (a Decent Sampler preset's {@code <effects>})
 * sit between its instrument and the output.
 */
final class MidiGraph {
    static final int OUTPUT = 1000, REVERB = 1001, CHORUS = 1002, CHAINS = 2000;

    private MidiGraph() {}

    static GraphSpec of(Instrument[] byChannel, boolean sends) { return of(byChannel, sends, Map.of()); }

    /** As {@link #of(Instrument[], boolean)}, each instrument's program effects (if any) between it and the output. */
    static GraphSpec of(Instrument[] byChannel, boolean sends, Map<Instrument, List<ProgramEffect>> chains) {
        List<Instrument> order = new ArrayList<>();
        for (Instrument i : byChannel) if (i != null && !order.contains(i)) order.add(i);
        List<GraphSpec.Node> nodes = new ArrayList<>();
        List<GraphSpec.Connection> cs = new ArrayList<>();
        boolean anySend = false;
        for (int k = 0; k < order.size(); k++) {
            nodes.add(new GraphSpec.InstrumentNode(k + 1, order.get(k)));
            int from = k + 1, base = CHAINS + 100 * k;
            for (GraphSpec.EffectNode fx : ProjectGraph.programEffects(chains.getOrDefault(order.get(k), List.of()), j -> base + j)) {
                nodes.add(fx);
                cs.add(GraphSpec.Connection.of(from, fx.id()));
                from = fx.id();
            }
            cs.add(GraphSpec.Connection.of(from, OUTPUT));
            if (sends && order.get(k) instanceof MultiOutputInstrument m && m.outputs() >= 3 && !(m.silent(1) && m.silent(2))) {
                cs.add(new GraphSpec.Connection(k + 1, 1, REVERB, 1));
                cs.add(new GraphSpec.Connection(k + 1, 2, CHORUS, 1));
                anySend = true;
            }
        }
        nodes.add(new GraphSpec.OutputNode(OUTPUT, 0));
        if (anySend) {
            nodes.add(new GraphSpec.EffectNode(REVERB, EffectKind.REVERB, ProjectGraph.SEND_REVERB));
            nodes.add(new GraphSpec.EffectNode(CHORUS, EffectKind.CHORUS, ProjectGraph.SEND_CHORUS));
            cs.add(GraphSpec.Connection.of(REVERB, OUTPUT));
            cs.add(GraphSpec.Connection.of(CHORUS, OUTPUT));
        }
        List<GraphSpec.LaneTarget> targets = new ArrayList<>();
        for (int c = 0; c < 16; c++) if (byChannel[c] != null) targets.add(GraphSpec.LaneTarget.channel(order.indexOf(byChannel[c]) + 1, c));
        return new GraphSpec(nodes, cs, List.of(new GraphSpec.Lane(0, GraphSpec.MidiFx.NONE, targets)));
    }
}
