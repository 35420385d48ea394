package dev.loophole.signal.graph;

import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.MultiOutputInstrument;
import dev.loophole.model.project.EffectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a node graph is, as Signal runs it: typed and flat (Pulse compiles a project's tracks,
 * lanes and nodes into one). Node ids are the caller's and unique across all node kinds. Audio
 * flows along {@link Connection}s from instrument outputs and effect nodes into effect nodes and
 * outputs; MIDI flows from input ports (lanes) through each lane's routing into instruments.
 */
public record GraphSpec(List<Node> nodes, List<Connection> connections, List<Lane> lanes) {
    public GraphSpec {
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
        lanes = List.copyOf(lanes);
    }

    /**
     * This graph with each instrument's unconnected extra outputs ({@link MultiOutputInstrument#foldsIntoMain}: a
     * pad's or a mic's own output) mixed wherever its output 0 goes, at the same gain — as a hardware sampler's
     * unconnected outputs fall back to its main pair, so nothing goes silent by default. An instrument taken
     * from output 0 alone is left as it is (it renders every voice into its main pair anyway) unless
     * {@code evenPlain}: then its folds are written out too, before something else takes an extra output.
     */
    public GraphSpec folded(boolean evenPlain) {
        List<Connection> added = new ArrayList<>();
        for (Node n : nodes) {
            if (!(n instanceof InstrumentNode i) || !(i.instrument() instanceof MultiOutputInstrument m)) continue;
            List<Connection> mine = connections.stream().filter(c -> c.from() == i.id()).toList();
            if (!evenPlain && mine.stream().allMatch(c -> c.fromOutput() == 0)) continue;
            for (int k = 0; k < m.outputs(); k++) {
                int out = k;
                if (!m.foldsIntoMain(k) || mine.stream().anyMatch(c -> c.fromOutput() == out)) continue;
                for (Connection c : mine) if (c.fromOutput() == 0) added.add(new Connection(i.id(), k, c.to(), c.gain()));
            }
        }
        if (added.isEmpty()) return this;
        List<Connection> all = new ArrayList<>(connections);
        all.addAll(added);
        return new GraphSpec(nodes, all, lanes);
    }

    /** A node of the graph. */
    public sealed interface Node permits InstrumentNode, EffectNode, OutputNode {
        int id();
    }

    /**
     * An instrument (a sampler, a bank, a plugin host). Its object identity is what keeps its
     * voices across graph edits: give the next graph the same instance and it plays on.
     * {@code controllers}: node-level controller values (controller → 0..127), set on every MIDI
     * channel when the graph takes over — each one only where it is new or changed since the graph
     * before, so an edit elsewhere does not undo what a lane's controller did since.
     * {@code tune}: the node's tune in cents ({@link Instrument#nodeTune}), given the same way.
     */
    public record InstrumentNode(int id, Instrument instrument, Map<Integer, Integer> controllers, double tune) implements Node {
        public InstrumentNode {
            if (!Double.isFinite(tune)) throw new GraphException("instrument node " + id + ": tune " + tune + " is not a number of cents");
            controllers = Map.copyOf(controllers);
            controllers.forEach((c, v) -> {
                if (c < 0 || c > 127 || v < 0 || v > 127) throw new GraphException("instrument node " + id + ": controller " + c + " = " + v + " is outside 0..127");
            });
        }

        public InstrumentNode(int id, Instrument instrument, Map<Integer, Integer> controllers) { this(id, instrument, controllers, 0); }

        public InstrumentNode(int id, Instrument instrument) { this(id, instrument, Map.of(), 0); }

        /** Stereo outputs: a {@link MultiOutputInstrument}'s count, else 1. */
        public int outputs() { return instrument instanceof MultiOutputInstrument m ? m.outputs() : 1; }
    }

    /**
     * A built-in effect with parameter values by id (the model's table; missing ones take the
     * default). A bypassed effect passes its input through. An effect node whose id and kind stay
     * across edits keeps its state (a reverb's tail) and glides to the new values.
     */
    public record EffectNode(int id, EffectKind kind, Map<String, Double> parameters, boolean bypassed) implements Node {
        public EffectNode { parameters = Map.copyOf(parameters); }

        public EffectNode(int id, EffectKind kind, Map<String, Double> parameters) { this(id, kind, parameters, false); }
    }

    /** A stereo output of the graph: the driver's pair {@code bus} (a bus the driver lacks mixes into pair 0). */
    public record OutputNode(int id, int bus) implements Node { }

    /** Audio from node {@code from} (its output {@code fromOutput}; 0 for effects) into node {@code to}, scaled by {@code gain}. */
    public record Connection(int from, int fromOutput, int to, double gain) {
        public static Connection of(int from, int to) { return new Connection(from, 0, to, 1); }
    }

    /**
     * A MIDI input port (a lane, or a live input): its pre-instrument MIDI effects and the
     * instruments it plays. Events on the port reach every target whose zones hold the note.
     */
    public record Lane(int port, MidiFx fx, List<LaneTarget> targets) {
        public Lane { targets = List.copyOf(targets); }
    }

    /** Pre-instrument MIDI effects of a lane: transpose in semitones, then velocity × scale + offset (clamped to 1..127). */
    public record MidiFx(int transpose, double velocityScale, int velocityOffset) {
        public static final MidiFx NONE = new MidiFx(0, 1, 0);
    }

    /**
     * One instrument a lane plays, for notes in its key and velocity zones (inclusive, after the lane's
     * MIDI FX) on MIDI channels {@code chanLo..chanHi} (0-based), moved by {@code transpose}.
     */
    public record LaneTarget(int instrument, int keyLo, int keyHi, int velLo, int velHi, int transpose, int chanLo, int chanHi) {
        public LaneTarget(int instrument, int keyLo, int keyHi, int velLo, int velHi, int transpose) {
            this(instrument, keyLo, keyHi, velLo, velHi, transpose, 0, 15);
        }

        public static LaneTarget all(int instrument) { return new LaneTarget(instrument, 0, 127, 1, 127, 0); }

        /** Every message of MIDI channel {@code channel} (0-based) to {@code instrument}: a MIDI file's channel routing. */
        public static LaneTarget channel(int instrument, int channel) { return new LaneTarget(instrument, 0, 127, 0, 127, 0, channel, channel); }
    }
}
