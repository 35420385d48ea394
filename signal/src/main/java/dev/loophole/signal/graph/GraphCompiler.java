package dev.loophole.signal.graph;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.RecordedInstrument;
import dev.loophole.signal.fx.Effect;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.Parameter;
import dev.loophole.signal.fx.Effects;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Control side: checks a {@link GraphSpec} and turns it into a {@link CompiledGraph}. Effect units
 * of the previous graph are reused where an effect node keeps its id and kind (their state — a
 * reverb's tail, a delay's echoes — carries on). A bad spec is refused whole with one message
 * naming the node and what was expected; nothing is half-applied.
 */
final class GraphCompiler {
    /** Input ports (lanes) a graph may use: port numbers travel in 8 bits through the live MIDI ring. */
    static final int MAX_PORTS = 256;

    private final Engine engine;
    private final int rate, maxBlock;
    /** Offline: each instrument node's instrument → the same, recorded ({@link RecordedInstrument}); null: live, as given. */
    private Map<Instrument, Instrument> recorded;

    GraphCompiler(Engine engine) {
        this.engine = engine;
        this.rate = engine.sampleRate();
        this.maxBlock = engine.maxBlock();
    }

    /**
     * From the next compile on, instrument nodes render their blocks at the block's end ({@link RecordedInstrument}),
     * so an offline engine can render them side by side. Each instrument keeps one recorder across compiles (an
     * instrument in two graphs is one object to both, and keeps its voices). Returns whether this turned it on.
     */
    boolean record() {
        if (recorded != null) return false;
        recorded = new java.util.IdentityHashMap<>();
        return true;
    }

    /** Whether instrument nodes are recorded ({@link #record} ran). */
    boolean recording() { return recorded != null; }

    /** What the graph runs for {@code node}: its instrument, recorded where {@link #record} asked for it. */
    private Instrument run(GraphSpec.InstrumentNode node) {
        return recorded == null ? node.instrument() : recorded.computeIfAbsent(node.instrument(), RecordedInstrument::of);
    }

    CompiledGraph compile(GraphSpec published, CompiledGraph previous) {
        GraphSpec spec = published.folded(false); // an instrument's unconnected pad/mic outputs sound through its main output's path
        Map<Integer, GraphSpec.Node> byId = new LinkedHashMap<>();
        for (GraphSpec.Node n : spec.nodes())
            if (byId.put(n.id(), n) != null) throw new GraphException("node " + n.id() + " appears twice; node ids must be unique");

        // Instruments: each output a stereo pair of its own — except that instruments whose only use is their
        // main output into one node at gain 1 share that node's pair (rendered into it one after another, as a
        // plain engine mixes), and outputs nothing listens to are not rendered apart (a sampler skips its sends).
        List<GraphSpec.InstrumentNode> insts = new ArrayList<>();
        Map<Integer, Integer> firstPair = new HashMap<>();
        Map<Integer, Integer> sharedPair = new HashMap<>(); // destination node → the pair its plain instruments share
        List<Boolean> plainList = new ArrayList<>();
        int pairs = 0;
        for (GraphSpec.Node n : spec.nodes())
            if (n instanceof GraphSpec.InstrumentNode i) {
                if (i.instrument() == null) throw new GraphException("instrument node " + i.id() + " has no instrument");
                for (GraphSpec.InstrumentNode other : insts)
                    if (other.instrument() == i.instrument()) throw new GraphException("instrument nodes " + other.id() + " and " + i.id() + " share one instrument object");
                insts.add(i);
                List<GraphSpec.Connection> outs = spec.connections().stream().filter(c -> c.from() == i.id()).toList();
                boolean plain = outs.stream().allMatch(c -> c.fromOutput() == 0);
                plainList.add(plain);
                if (plain && outs.size() == 1 && outs.getFirst().gain() == 1) {
                    int to = outs.getFirst().to(), at = pairs;
                    Integer shared = sharedPair.putIfAbsent(to, at);
                    if (shared == null) pairs++;
                    firstPair.put(i.id(), shared == null ? at : shared);
                } else {
                    firstPair.put(i.id(), pairs);
                    pairs += plain ? 1 : i.outputs();
                }
            }
        float[][] instrumentPairs = new float[2 * pairs][maxBlock];
        Instrument[] instruments = insts.stream().map(this::run).toArray(Instrument[]::new);
        int[] instrumentIds = insts.stream().mapToInt(GraphSpec.InstrumentNode::id).toArray();
        int[][] controllers = new int[insts.size()][128];
        for (int k = 0; k < controllers.length; k++) {
            Arrays.fill(controllers[k], -1);
            for (var c : insts.get(k).controllers().entrySet()) controllers[k][c.getKey()] = c.getValue();
        }
        double[] tunes = insts.stream().mapToDouble(GraphSpec.InstrumentNode::tune).toArray();
        int[] bus = insts.stream().mapToInt(i -> firstPair.get(i.id())).toArray();
        boolean[] plainRender = new boolean[insts.size()];
        for (int k = 0; k < plainRender.length; k++) plainRender[k] = plainList.get(k);

        // Connections: check the ends, collect each node's inputs.
        Map<Integer, List<GraphSpec.Connection>> into = new HashMap<>();
        for (GraphSpec.Connection c : spec.connections()) {
            GraphSpec.Node from = byId.get(c.from()), to = byId.get(c.to());
            String what = "connection " + c.from() + " → " + c.to();
            if (from == null) throw new GraphException(what + ": no node " + c.from());
            if (to == null) throw new GraphException(what + ": no node " + c.to());
            if (from instanceof GraphSpec.OutputNode) throw new GraphException(what + ": an output node has no audio to give");
            if (to instanceof GraphSpec.InstrumentNode) throw new GraphException(what + ": an instrument node takes no audio input");
            int outs = from instanceof GraphSpec.InstrumentNode i ? i.outputs() : 1;
            if (c.fromOutput() < 0 || c.fromOutput() >= outs)
                throw new GraphException(what + ": output " + c.fromOutput() + " does not exist, node " + c.from() + " has " + outs);
            if (!Double.isFinite(c.gain())) throw new GraphException(what + ": gain " + c.gain() + " is not a number");
            into.computeIfAbsent(c.to(), k -> new ArrayList<>()).add(c);
        }

        // Effects in dependency order (Kahn); what is left over sits on a cycle.
        List<GraphSpec.EffectNode> effects = new ArrayList<>();
        Map<Integer, Integer> waiting = new HashMap<>();
        ArrayDeque<GraphSpec.EffectNode> ready = new ArrayDeque<>();
        for (GraphSpec.Node n : spec.nodes())
            if (n instanceof GraphSpec.EffectNode e) {
                int deps = (int) into.getOrDefault(e.id(), List.of()).stream().filter(c -> byId.get(c.from()) instanceof GraphSpec.EffectNode).count();
                waiting.put(e.id(), deps);
                if (deps == 0) ready.add(e);
            }
        while (!ready.isEmpty()) {
            GraphSpec.EffectNode e = ready.poll();
            effects.add(e);
            for (GraphSpec.Connection c : spec.connections())
                if (c.from() == e.id() && byId.get(c.to()) instanceof GraphSpec.EffectNode t && waiting.merge(t.id(), -1, Integer::sum) == 0) ready.add(t);
        }
        if (effects.size() < waiting.size()) {
            List<Integer> loop = waiting.entrySet().stream().filter(w -> w.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
            throw new GraphException("effect nodes " + loop + " feed each other in a loop; audio connections must not form a cycle");
        }

        int ne = effects.size();
        int[] effectIds = new int[ne];
        Effect[] units = new Effect[ne];
        double[][] values = new double[ne][];
        float[][] effectPairs = new float[2 * ne][maxBlock];
        boolean[] bypassed = new boolean[ne];
        Map<Integer, Integer> effectIndex = new HashMap<>();
        for (int e = 0; e < ne; e++) {
            GraphSpec.EffectNode node = effects.get(e);
            effectIds[e] = node.id();
            effectIndex.put(node.id(), e);
            Effect kept = reuse(previous, node);
            units[e] = kept != null ? kept : newUnit(node);
            values[e] = values(node);
            bypassed[e] = node.bypassed();
        }
        CompiledGraph.Mix[] effectInputs = new CompiledGraph.Mix[ne];
        for (int e = 0; e < ne; e++) effectInputs[e] = mix(into.get(effectIds[e]), byId, firstPair, effectIndex, instrumentPairs, effectPairs);

        List<GraphSpec.OutputNode> outs = spec.nodes().stream().filter(n -> n instanceof GraphSpec.OutputNode)
                .map(n -> (GraphSpec.OutputNode) n).toList();
        int[] outputBus = new int[outs.size()];
        CompiledGraph.Mix[] outputInputs = new CompiledGraph.Mix[outs.size()];
        for (int o = 0; o < outs.size(); o++) {
            if (outs.get(o).bus() < 0) throw new GraphException("output node " + outs.get(o).id() + ": bus " + outs.get(o).bus() + " is negative");
            outputBus[o] = outs.get(o).bus();
            outputInputs[o] = mix(into.get(outs.get(o).id()), byId, firstPair, effectIndex, instrumentPairs, effectPairs);
        }

        // Lanes: one router per port, in front of the port's 16 channels.
        int ports = 1;
        for (GraphSpec.Lane l : spec.lanes()) {
            if (l.port() < 0 || l.port() >= MAX_PORTS) throw new GraphException("lane on port " + l.port() + ": ports are 0.." + (MAX_PORTS - 1));
            ports = Math.max(ports, l.port() + 1);
        }
        LaneRouter[] lanes = new LaneRouter[ports];
        Instrument[] targets = new Instrument[16 * ports];
        for (GraphSpec.Lane l : spec.lanes()) {
            if (lanes[l.port()] != null) throw new GraphException("port " + l.port() + " has two lanes; give each lane its own port");
            Instrument[] to = new Instrument[l.targets().size()];
            for (int t = 0; t < to.length; t++) {
                GraphSpec.LaneTarget lt = l.targets().get(t);
                if (!(byId.get(lt.instrument()) instanceof GraphSpec.InstrumentNode i))
                    throw new GraphException("lane on port " + l.port() + ": target " + lt.instrument() + " is not an instrument node");
                if (lt.keyLo() > lt.keyHi() || lt.velLo() > lt.velHi())
                    throw new GraphException("lane on port " + l.port() + ": target " + lt.instrument() + " has an empty key or velocity zone");
                to[t] = run(i);
            }
            LaneRouter router = new LaneRouter(l.port(), l.fx(), to, l.targets().toArray(GraphSpec.LaneTarget[]::new));
            lanes[l.port()] = router;
            java.util.Arrays.fill(targets, 16 * l.port(), 16 * l.port() + 16, router);
        }
        Engine.Plan plan = engine.plan(new Engine.Routing(targets, instruments, bus, plainRender));
        // An instrument that declares MPE zones gets them on the channels it is routed from, on a port new to this graph.
        for (GraphSpec.Lane l : spec.lanes())
            if (previous == null || previous.lanes.length <= l.port() || previous.lanes[l.port()] == null)
                for (GraphSpec.LaneTarget lt : l.targets())
                    for (int c = lt.chanLo(); c <= lt.chanHi(); c++)
                        engine.presetZones(plan, l.port(), c, ((GraphSpec.InstrumentNode) byId.get(lt.instrument())).instrument());
        return new CompiledGraph(published, plan, instrumentPairs, instruments, instrumentIds, controllers, tunes, lanes, effectIds, units, bypassed, rate / 50, effectPairs, effectInputs, values,
                outputBus, outputInputs, recording());
    }

    private Effect reuse(CompiledGraph previous, GraphSpec.EffectNode node) {
        if (previous != null)
            for (int e = 0; e < previous.effectIds.length; e++)
                if (previous.effectIds[e] == node.id() && previous.spec.nodes().stream()
                        .anyMatch(n -> n.id() == node.id() && n instanceof GraphSpec.EffectNode old && old.kind() == node.kind()))
                    return previous.effects[e];
        return null;
    }

    private Effect newUnit(GraphSpec.EffectNode node) {
        Effect unit = Effects.create(node.kind(), rate);
        double[] v = values(node);
        for (int i = 0; i < v.length; i++) unit.set(i, v[i]);
        unit.reset(); // a new unit starts at its values, no glide from the defaults
        return unit;
    }

    private static double[] values(GraphSpec.EffectNode node) {
        EffectKind kind = node.kind();
        if (kind == null) throw new GraphException("effect node " + node.id() + " has no kind");
        try {
            kind.parameters().requireValid(node.parameters());
        } catch (IllegalArgumentException e) {
            throw new GraphException("effect node " + node.id() + " (" + kind.id() + "): " + e.getMessage());
        }
        List<Parameter> ps = kind.parameters().parameters();
        double[] v = new double[ps.size()];
        for (int i = 0; i < v.length; i++) v[i] = node.parameters().getOrDefault(ps.get(i).id(), ps.get(i).defaultValue());
        return v;
    }

    private static CompiledGraph.Mix mix(List<GraphSpec.Connection> in, Map<Integer, GraphSpec.Node> byId, Map<Integer, Integer> firstPair,
                                         Map<Integer, Integer> effectIndex, float[][] instrumentPairs, float[][] effectPairs) {
        List<float[]> ls = new ArrayList<>(), rs = new ArrayList<>();
        List<Float> gs = new ArrayList<>();
        for (GraphSpec.Connection c : in == null ? List.<GraphSpec.Connection>of() : in) {
            float[] l, r;
            if (byId.get(c.from()) instanceof GraphSpec.InstrumentNode) {
                int p = firstPair.get(c.from()) + c.fromOutput();
                l = instrumentPairs[2 * p];
                r = instrumentPairs[2 * p + 1];
                if (ls.contains(l)) continue; // a pair several instruments share is mixed in once
            } else {
                int e = effectIndex.get(c.from());
                l = effectPairs[2 * e];
                r = effectPairs[2 * e + 1];
            }
            ls.add(l); rs.add(r); gs.add((float) c.gain());
        }
        float[] g = new float[gs.size()];
        for (int i = 0; i < g.length; i++) g[i] = gs.get(i);
        return new CompiledGraph.Mix(ls.toArray(float[][]::new), rs.toArray(float[][]::new), g);
    }
}
