package dev.loophole.pulse.engine;

import dev.loophole.model.IntRange;
import dev.loophole.model.ProgramEffect;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.AudioPort;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.SamplerOutputs;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.MidiEffect;
import dev.loophole.model.project.MidiEffectKind;
import dev.loophole.model.project.MidiInputRouting;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.ProgramControls;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.MultiOutputInstrument;
import dev.loophole.signal.engine.ProgramBank;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.graph.GraphSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles a {@link Project} into the flat graph Signal runs (§10: Signal never sees tracks or
 * lanes). Per track: its instrument and effect nodes and connections, a channel strip (a gain/pan
 * node) into output bus = the track's index, lane post-effects inserted after each target's main
 * output, and — with sends on — a reverb and a chorus fed by the samplers' effect sends. Per lane:
 * a port with its MIDI effects and split/layer targets, plus a direct port per instrument its clips
 * aim at. Node ids stay the same across compiles, so kept effects keep their state.
 */
public final class ProjectGraph {
    /** What a compile gives: the graph, the lanes' ports, what could not be played, the nodes' parameters, and the taps asked for (in bus order). */
    public record Compiled(GraphSpec spec, Ports ports, List<String> warnings, NodeParameters parameters, List<Tap> taps) {}

    /**
     * One instrument output taken out on a bus of its own ({@link #compile(Project, boolean)}): track, node and port
     * as the model names them, and where it comes from in the engine's graph.
     */
    public record Tap(String trackId, String nodeId, String port, int graphNode, int output) {}

    /** GM-style send returns (FluidSynth's defaults in spirit: a small room, a slow chorus). */
    public static final Map<String, Double> SEND_REVERB = Map.of("size", 30.0, "decay", 1.6, "damping", 40.0, "preDelay", 0.0, "width", 80.0, "mix", 100.0);
    public static final Map<String, Double> SEND_CHORUS = Map.of("rate", 0.3, "depth", 3.0, "delay", 12.0, "mix", 100.0);

    private final NodeInstruments instruments;
    private final AudioLanes audioLanes;
    private final boolean sends;
    private final Map<String, Integer> ids = new HashMap<>();
    private NodeParameters.Builder params; // the compile under way: where node parameters land
    private final Set<String> controllersSent = new HashSet<>(); // node/cc given to the engine once: it keeps being given

    /** @param audioLanes the players of audio lanes (null: audio lanes stay silent) */
    public ProjectGraph(NodeInstruments instruments, AudioLanes audioLanes, boolean sends) {
        this.instruments = instruments;
        this.audioLanes = audioLanes;
        this.sends = sends;
    }

    public ProjectGraph(NodeInstruments instruments, boolean sends) { this(instruments, null, sends); }

    private int id(String key) { return ids.computeIfAbsent(key, k -> ids.size() + 1); }

    public Compiled compile(Project project) { return compile(project, false); }

    /**
     * With {@code taps}: every instrument node's every output also goes, on its own, to an output bus after the
     * tracks' (bus = tracks + tap index) — how a render writes one file per node output. The mix is unchanged:
     * outputs that fold into their main output still do.
     */
    public Compiled compile(Project project, boolean withTaps) {
        List<Tap> taps = withTaps ? new ArrayList<>() : null;
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = warnings::add;
        List<GraphSpec.Node> nodes = new ArrayList<>();
        List<GraphSpec.Connection> connections = new ArrayList<>();
        List<GraphSpec.Lane> lanes = new ArrayList<>();
        Map<String, Ports.Port> ports = new LinkedHashMap<>();
        boolean anySolo = project.tracks().stream().anyMatch(t -> t.channel().solo());
        List<String> live = new ArrayList<>(), audio = new ArrayList<>();
        params = new NodeParameters.Builder();
        for (int ti = 0; ti < project.tracks().size(); ti++) {
            Track track = project.tracks().get(ti);
            compileTrack(track, ti, anySolo, nodes, connections, lanes, ports, warn, taps);
            track.graph().instruments().forEach(n -> live.add(n.nodeId()));
            track.lanes().stream().filter(l -> l.kind() == LaneKind.AUDIO).forEach(l -> audio.add(l.laneId()));
        }
        instruments.retain(Set.copyOf(live));
        if (audioLanes != null) audioLanes.retain(Set.copyOf(audio));
        GraphSpec spec = new GraphSpec(nodes, connections, lanes);
        if (taps == null) return new Compiled(spec, new Ports(ports), warnings, params.build(), List.of());
        // Folds made explicit first: a tap takes an output, and a taken output would no longer fold into the mix.
        spec = spec.folded(true);
        List<GraphSpec.Node> tapped = new ArrayList<>(spec.nodes());
        List<GraphSpec.Connection> wired = new ArrayList<>(spec.connections());
        for (int k = 0; k < taps.size(); k++) {
            Tap tap = taps.get(k);
            int bus = id("tap:" + tap.trackId() + "/" + tap.nodeId() + "." + tap.port());
            tapped.add(new GraphSpec.OutputNode(bus, project.tracks().size() + k));
            wired.add(new GraphSpec.Connection(tap.graphNode(), tap.output(), bus, 1));
        }
        return new Compiled(new GraphSpec(tapped, wired, lanes), new Ports(ports), warnings, params.build(), List.copyOf(taps));
    }

    private void compileTrack(Track track, int bus, boolean anySolo, List<GraphSpec.Node> nodes, List<GraphSpec.Connection> connections,
                              List<GraphSpec.Lane> lanes, Map<String, Ports.Port> ports, Consumer<String> warn, List<Tap> taps) {
        NodeGraph g = track.graph();
        String t = track.trackId();
        int channel = id("channel:" + t), out = id("out:" + t);
        nodes.add(new GraphSpec.EffectNode(channel, EffectKind.GAIN_PAN,
                Map.of("gain", Math.clamp(track.channel().volumeDb(), -60, 24), "pan", track.channel().pan())));
        nodes.add(new GraphSpec.OutputNode(out, bus));
        boolean audible = !track.channel().muted() && (!anySolo || track.channel().solo());
        if (audible) connections.add(GraphSpec.Connection.of(channel, out));

        Set<String> automated = automatedParameters(track);
        Map<String, Integer> outputs = new HashMap<>(); // instrument node → its engine outputs
        Set<String> hasSends = new java.util.HashSet<>(); // samplers and banks: outputs 1 and 2 are the effect sends
        for (InstrumentNode n : g.instruments()) {
            Instrument inst = instruments.instrumentFor(n, warn);
            nodes.add(new GraphSpec.InstrumentNode(id(n.nodeId()), inst, controllers(n, automated), tune(n)));
            outputs.put(n.nodeId(), inst instanceof MultiOutputInstrument m ? m.outputs() : 1);
            if (inst instanceof SamplerInstrument || inst instanceof ProgramBank) hasSends.add(n.nodeId());
        }
        for (EffectNode e : g.effects()) {
            nodes.add(new GraphSpec.EffectNode(id(e.nodeId()), e.kind(), e.values(), e.bypassed()));
            effectParameters(e, id(e.nodeId()));
        }

        Map<String, Integer> mainSource = new HashMap<>(); // instrument → the node its main output now comes out of
        // A sampler's program effects (a Decent Sampler preset's <effects>), its knobs applied: a chain right after its main output.
        for (InstrumentNode n : g.instruments()) {
            if (n.kind() != InstrumentKind.SAMPLER) continue;
            List<ProgramEffect> effects = ProgramControls.chain(n.program(), k -> n.value(ProgramControls.parameter(k)));
            if (effects.isEmpty()) continue;
            int from = id(n.nodeId());
            List<GraphSpec.EffectNode> chain = programEffects(effects, k -> id("progfx:" + n.nodeId() + "/" + k));
            for (GraphSpec.EffectNode fx : chain) {
                nodes.add(fx);
                connections.add(GraphSpec.Connection.of(from, fx.id()));
                from = fx.id();
            }
            mainSource.put(n.nodeId(), from);
        }
        // A sampler node's own volume and pan: a gain/pan stage on its main output, only where moved from their
        // defaults, so a node at rest adds nothing and renders bit for bit as before. (Tune is not applied yet.)
        for (InstrumentNode n : g.instruments()) {
            if (n.kind() != InstrumentKind.SAMPLER) continue;
            double volume = n.value(SamplerParameters.VOLUME), pan = n.value(SamplerParameters.PAN);
            if (volume == 0 && pan == 0 && !automated.contains(NodeParameters.key(n.nodeId(), SamplerParameters.VOLUME))
                    && !automated.contains(NodeParameters.key(n.nodeId(), SamplerParameters.PAN))) continue;
            int stage = id("node:" + n.nodeId());
            nodes.add(new GraphSpec.EffectNode(stage, EffectKind.GAIN_PAN, Map.of("gain", volume, "pan", pan)));
            stageParameters(n, stage);
            connections.add(GraphSpec.Connection.of(mainSource.getOrDefault(n.nodeId(), id(n.nodeId())), stage));
            mainSource.put(n.nodeId(), stage);
        }
        // Lane post-effects: one chain per (lane, target), inserted after the target's main output.
        for (Lane lane : track.lanes()) {
            if (lane.kind() != LaneKind.MIDI || lane.postEffects().isEmpty()) continue;
            for (String target : targetsOf(track, lane)) {
                int from = mainSource.getOrDefault(target, id(target));
                for (EffectNode e : lane.postEffects()) {
                    int fx = id("lanefx:" + lane.laneId() + "/" + e.nodeId() + "@" + target);
                    nodes.add(new GraphSpec.EffectNode(fx, e.kind(), e.values(), e.bypassed()));
                    effectParameters(e, fx);
                    connections.add(GraphSpec.Connection.of(from, fx));
                    from = fx;
                }
                mainSource.put(target, from);
            }
        }
        for (Connection c : g.connections()) {
            String fromNode = c.from().nodeId();
            int from = id(fromNode), fromOutput = 0;
            var inst = g.instrument(fromNode);
            if (inst.isPresent()) {
                fromOutput = engineOutput(inst.get(), c.from().port(), hasSends.contains(fromNode));
                if (fromOutput >= outputs.get(fromNode)) {
                    warn.accept("connection " + c + ": no sample of the program plays on " + c.from().port() + "; it carries nothing");
                    continue;
                }
                if (fromOutput < 0) {
                    warn.accept("connection " + c + ": " + c.from().port() + " is not an output the sampler gives (main, outN); its main output is used");
                    fromOutput = 0;
                }
                if (fromOutput == 0 && mainSource.containsKey(fromNode)) from = mainSource.get(fromNode);
            }
            int to = c.to().nodeId().equals(NodeGraph.CHANNEL) ? channel : id(c.to().nodeId());
            connections.add(new GraphSpec.Connection(from, fromOutput, to, 1));
        }
        if (taps != null)
            for (InstrumentNode n : g.instruments())
                for (AudioPort p : n.output().ports()) {
                    int k = engineOutput(n, p.id(), hasSends.contains(n.nodeId()));
                    if (k < 0 || k >= outputs.get(n.nodeId())) continue;
                    taps.add(new Tap(track.trackId(), n.nodeId(), p.id(), id(n.nodeId()), k));
                }
        // Effect sends: samplers (and banks) give a reverb send and a chorus send as outputs 1 and 2.
        if (sends) {
            int reverb = id("send:reverb:" + t), chorus = id("send:chorus:" + t);
            boolean any = false;
            for (InstrumentNode n : g.instruments()) {
                if (!hasSends.contains(n.nodeId()) || outputs.get(n.nodeId()) <= SamplerInstrument.CHORUS_SEND) continue;
                connections.add(new GraphSpec.Connection(id(n.nodeId()), SamplerInstrument.REVERB_SEND, reverb, 1));
                connections.add(new GraphSpec.Connection(id(n.nodeId()), SamplerInstrument.CHORUS_SEND, chorus, 1));
                any = true;
            }
            if (any) {
                nodes.add(new GraphSpec.EffectNode(reverb, EffectKind.REVERB, SEND_REVERB));
                nodes.add(new GraphSpec.EffectNode(chorus, EffectKind.CHORUS, SEND_CHORUS));
                connections.add(GraphSpec.Connection.of(reverb, channel));
                connections.add(GraphSpec.Connection.of(chorus, channel));
            }
        }

        if (audioLanes != null) compileAudioLanes(track, channel, mainSource, nodes, connections);

        for (String key : automated)
            if (!params.has(key))
                warn.accept("automation of " + key + " does not play: no node of track " + t + " moves that parameter live");
        // Lanes: the routing port, then a direct port per instrument its clips aim at.
        for (Lane lane : track.lanes()) {
            if (lane.kind() != LaneKind.MIDI) continue;
            GraphSpec.MidiFx fx = midiFx(lane.preEffects());
            IntRange keys = keyFilter(lane.preEffects());
            boolean plays = !lane.muted() && keys != null;
            List<GraphSpec.LaneTarget> targets = new ArrayList<>();
            if (plays)
                for (LaneTarget lt : lane.targets()) {
                    int lo = Math.max(lt.keyZone().lo(), keys.lo()), hi = Math.min(lt.keyZone().hi(), keys.hi());
                    if (lo > hi) continue; // the key filter leaves this target nothing
                    targets.add(new GraphSpec.LaneTarget(id(lt.nodeId()), lo, hi, lt.velocityZone().lo(), lt.velocityZone().hi(), lt.transpose()));
                }
            String first = lane.targets().isEmpty() ? null : lane.targets().getFirst().nodeId();
            addPort(ports, lanes, Ports.key(lane.laneId(), null), fx, targets, channelOf(track, first));
            for (Clip c : lane.clips()) {
                String node = direct(track, c);
                if (node == null || ports.containsKey(Ports.key(lane.laneId(), node))) continue;
                List<GraphSpec.LaneTarget> one = !plays ? List.of()
                        : List.of(new GraphSpec.LaneTarget(id(node), keys.lo(), keys.hi(), 1, 127, 0));
                addPort(ports, lanes, Ports.key(lane.laneId(), node), fx, one, channelOf(track, node));
            }
        }
    }

    /**
     * Audio lanes: each a player node, then the lane's post-effects, into what the track's primary
     * instrument's main output feeds (the track's effects, then the channel) — where printed audio
     * stands in for the instrument — or straight into the channel when the track has none.
     */
    private void compileAudioLanes(Track track, int channel, Map<String, Integer> mainSource, List<GraphSpec.Node> nodes,
                                   List<GraphSpec.Connection> connections) {
        List<Integer> into = new ArrayList<>();
        track.primary().ifPresent(p -> {
            String main = p.output().ports().getFirst().id();
            for (Connection c : track.graph().connections())
                if (c.from().nodeId().equals(p.nodeId()) && c.from().port().equals(main))
                    into.add(c.to().nodeId().equals(NodeGraph.CHANNEL) ? channel : id(c.to().nodeId()));
        });
        if (into.isEmpty()) into.add(channel);
        for (Lane lane : track.lanes()) {
            if (lane.kind() != LaneKind.AUDIO || lane.muted()) continue;
            int from = id("audio:" + lane.laneId());
            nodes.add(new GraphSpec.InstrumentNode(from, audioLanes.playerFor(lane.laneId())));
            for (EffectNode e : lane.postEffects()) {
                int fx = id("lanefx:" + lane.laneId() + "/" + e.nodeId());
                nodes.add(new GraphSpec.EffectNode(fx, e.kind(), e.values(), e.bypassed()));
                connections.add(GraphSpec.Connection.of(from, fx));
                from = fx;
            }
            for (int to : into) connections.add(GraphSpec.Connection.of(from, to));
        }
    }

    /**
     * A sampler node's labelled controllers ({@code ccN} parameters) as node-level controller values,
     * and each one's place for automation: the instrument's controller N on every channel. A value
     * at its default (the program's {@code set_ccN}, where the instrument starts) is given only once
     * the node has been given that controller before or automation moves it (a chase puts it back
     * there), so a node nobody touched plays as it always did.
     */
    private Map<Integer, Integer> controllers(InstrumentNode n, Set<String> automated) {
        if (n.kind() != InstrumentKind.SAMPLER) return Map.of();
        Map<Integer, Integer> out = new HashMap<>();
        for (var p : n.parameters().parameters()) {
            int cc = SamplerParameters.ccOf(p.id());
            if (cc < 0 || cc > 127) continue;
            params.add(n.nodeId(), p.id(), new NodeParameters.Target(id(n.nodeId()), cc, 0, 127));
            String key = n.nodeId() + "/" + cc;
            if (!n.values().containsKey(p.id()) && !controllersSent.contains(key) && !automated.contains(NodeParameters.key(n.nodeId(), p.id()))) continue;
            controllersSent.add(key);
            out.put(cc, (int) Math.round(n.value(p.id())));
        }
        return out;
    }

    /**
     * A sampler node's tune in cents, and its place for automation: the instrument's
     * {@link GraphRuntime#TUNE}, read by every voice each control chunk (sounding notes move too).
     */
    private double tune(InstrumentNode n) {
        if (n.kind() != InstrumentKind.SAMPLER) return 0;
        var p = n.parameters().find(SamplerParameters.TUNE);
        if (p.isEmpty()) return 0;
        params.add(n.nodeId(), SamplerParameters.TUNE, new NodeParameters.Target(id(n.nodeId()), GraphRuntime.TUNE, p.get().min(), p.get().max()));
        return n.value(SamplerParameters.TUNE);
    }

    /** A program's own effect chain as graph effect nodes, effect k numbered {@code ids.applyAsInt(k)}. */
    public static List<GraphSpec.EffectNode> programEffects(List<ProgramEffect> effects, java.util.function.IntUnaryOperator ids) {
        List<GraphSpec.EffectNode> out = new ArrayList<>();
        for (int k = 0; k < effects.size(); k++)
            out.add(new GraphSpec.EffectNode(ids.applyAsInt(k), EffectKind.byId(effects.get(k).kind()), effects.get(k).values()));
        return out;
    }

    /** Every parameter of effect node {@code e}, played by graph node {@code graphId}. */
    private void effectParameters(EffectNode e, int graphId) {
        var ps = e.kind().parameters().parameters();
        for (int i = 0; i < ps.size(); i++)
            params.add(e.nodeId(), ps.get(i).id(), new NodeParameters.Target(graphId, i, ps.get(i).min(), ps.get(i).max()));
    }

    /** A sampler node's volume and pan, played by its gain/pan stage. */
    private void stageParameters(InstrumentNode n, int stage) {
        var table = EffectKind.GAIN_PAN.parameters();
        for (String[] p : new String[][] {{SamplerParameters.VOLUME, "gain"}, {SamplerParameters.PAN, "pan"}}) {
            var range = n.parameters().find(p[0]).orElseThrow();
            params.add(n.nodeId(), p[0], new NodeParameters.Target(stage, table.ids().indexOf(p[1]), range.min(), range.max()));
        }
    }

    /** The node parameters the track's clips automate, as {@link NodeParameters#key}s. */
    private static Set<String> automatedParameters(Track track) {
        Set<String> out = new HashSet<>();
        for (Lane lane : track.lanes())
            for (Clip c : lane.clips())
                for (var a : c.automation())
                    if (a.target().kind() == AutomationTarget.Kind.PARAMETER)
                        out.add(NodeParameters.key(a.target().nodeId(), a.target().parameterId()));
        return out;
    }

    private static void addPort(Map<String, Ports.Port> ports, List<GraphSpec.Lane> lanes, String key, GraphSpec.MidiFx fx,
                                List<GraphSpec.LaneTarget> targets, int channel) {
        int port = ports.size();
        ports.put(key, new Ports.Port(port, channel));
        lanes.add(new GraphSpec.Lane(port, fx, targets));
    }

    /** The instrument a clip aims at directly, or null when it plays through its lane's routing. */
    static String direct(Track track, Clip c) {
        return switch (c.target().mode()) {
            case LANE -> null;
            case PRIMARY -> track.primary().map(InstrumentNode::nodeId).orElse(null);
            case NODE -> c.target().nodeId();
        };
    }

    /** Every instrument a lane's notes can reach: its targets and its clips' own targets. */
    private static List<String> targetsOf(Track track, Lane lane) {
        List<String> out = new ArrayList<>();
        for (LaneTarget lt : lane.targets()) if (!out.contains(lt.nodeId())) out.add(lt.nodeId());
        for (Clip c : lane.clips()) {
            String d = direct(track, c);
            if (d != null && !out.contains(d)) out.add(d);
        }
        return out;
    }

    private static int channelOf(Track track, String nodeId) {
        if (nodeId == null) return 0;
        int ch = track.graph().instrument(nodeId).map(n -> n.input().channel()).orElse(MidiInputRouting.OMNI);
        return ch == MidiInputRouting.OMNI ? 0 : ch - 1;
    }

    /**
     * The engine output a node's port is: for a sampler (and a bank), its program output as {@link SamplerInstrument}
     * numbers them ({@code main}, {@code outN} → after the effect sends); for other kinds the port's position. -1: none.
     */
    private static int engineOutput(InstrumentNode n, String port, boolean sampler) {
        if (sampler) {
            int o = SamplerOutputs.outputOf(port);
            return o < 0 ? -1 : SamplerInstrument.engineOutput(o);
        }
        for (int i = 0; i < n.output().ports().size(); i++) if (n.output().ports().get(i).id().equals(port)) return i;
        return -1;
    }

    /** The lane's transpose and velocity effects folded into one (in order; bypassed ones skipped). */
    static GraphSpec.MidiFx midiFx(List<MidiEffect> fx) {
        int transpose = 0;
        double scale = 1, offset = 0;
        for (MidiEffect e : fx) {
            if (e.bypassed()) continue;
            switch (e.kind()) {
                case TRANSPOSE -> transpose += (int) Math.round(e.value("semitones"));
                case VELOCITY -> { double s = e.value("scale"); scale *= s; offset = offset * s + e.value("offset"); }
                case KEY_FILTER -> { }
            }
        }
        return new GraphSpec.MidiFx(transpose, scale, (int) Math.round(offset));
    }

    /** The keys the lane's key filters let through (after its transposes); null when none. */
    static IntRange keyFilter(List<MidiEffect> fx) {
        int lo = 0, hi = 127;
        for (MidiEffect e : fx)
            if (!e.bypassed() && e.kind() == MidiEffectKind.KEY_FILTER) {
                lo = Math.max(lo, (int) e.value("lo"));
                hi = Math.min(hi, (int) e.value("hi"));
            }
        return lo <= hi ? new IntRange(lo, hi) : null;
    }
}
