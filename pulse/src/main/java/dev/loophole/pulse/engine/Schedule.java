package dev.loophole.pulse.engine;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.expression.UmpDecoder;
import dev.loophole.signal.graph.GraphRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's clips as engine events in frame order, ready for the audio thread (plain arrays,
 * read without allocating): notes (MIDI 1.0 where a note has a whole velocity and no expression,
 * else MIDI 2.0 UMP with 16-bit velocity and per-note pitch, pressure, timbre and controllers), clip
 * automation of controllers, bend, pressure and program, and tempo changes. Times go through the
 * project's tempo map: frame = round(seconds(tick) × rate). At one frame, events go tempo,
 * controllers, note-offs, note-ons, then the new notes' expression; ties keep clip order. Clip
 * automation of node parameters becomes {@link GraphRuntime#PARAMETER} events at their frames.
 *
 * <p>Chase: every controller the schedule moves (per port, channel and number; bend, pressure,
 * program, tempo, each automated node parameter) is a chase key with its events in frame order, so
 * a transport that locates or wraps a loop can put each at the value it has there ({@link #lastBefore})
 * — or, where nothing set it yet, back at its rest value (bend centre, no pressure, the target
 * node's own controller value, the node's own parameter value). Built on the control side.
 */
public final class Schedule {
    /** Curves are sampled this often along a linear segment (in ticks: a 48th of a quarter note). */
    static int stepTicks(int ppq) { return Math.max(1, ppq / 48); }

    private static final int TEMPO = 0, CONTROL = 1, OFF = 2, ON = 3, EXPRESSION = 4;

    final long[] frame;
    final int[] port, status, data1, data2;
    final long endFrame; // one past the last event
    /** Per event: its chase key, or -1 (notes, expression). */
    final int[] keyOf;
    /** Chase keys in emission order (tempo, then per port controllers, program, pressure, bend, then parameters): their events' indices. */
    private final int[] chaseStart, chaseEvents;
    /** Per chase key: the port and message that put it at rest ({@code restStatus} 0: it has none, a program is left as it is). */
    final int[] restPort, restStatus, restData1, restData2;
    /** Audio thread state of the one transport playing this schedule: keys it has moved since its instruments were fresh. */
    final boolean[] touched;

    private record Ev(long frame, int order, long seq, int port, int status, int d1, int d2) {}

    /** A rest message: what a chase key goes back to where no event set it yet. */
    private record Rest(int port, int status, int d1, int d2) {}

    private Schedule(List<Ev> events, Map<Long, Rest> rests) {
        int n = events.size();
        frame = new long[n]; port = new int[n]; status = new int[n]; data1 = new int[n]; data2 = new int[n];
        keyOf = new int[n];
        TreeMap<Long, List<Integer>> byKey = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Ev e = events.get(i);
            frame[i] = e.frame(); port[i] = e.port(); status[i] = e.status(); data1[i] = e.d1(); data2[i] = e.d2();
            long k = e.order() == TEMPO || e.order() == CONTROL ? chaseKey(e.port(), e.status(), e.d1()) : -1;
            if (k >= 0) byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
        endFrame = n == 0 ? 0 : frame[n - 1] + 1;
        int keys = byKey.size(), at = 0, key = 0;
        chaseStart = new int[keys + 1];
        chaseEvents = new int[byKey.values().stream().mapToInt(List::size).sum()];
        restPort = new int[keys]; restStatus = new int[keys]; restData1 = new int[keys]; restData2 = new int[keys];
        touched = new boolean[keys];
        Arrays.fill(keyOf, -1);
        for (var e : byKey.entrySet()) {
            chaseStart[key] = at;
            for (int i : e.getValue()) { chaseEvents[at++] = i; keyOf[i] = key; }
            Rest r = rests.get(e.getKey());
            if (r != null) { restPort[key] = r.port(); restStatus[key] = r.status(); restData1[key] = r.d1(); restData2[key] = r.d2(); }
            key++;
        }
        chaseStart[keys] = at;
    }

    public static final Schedule EMPTY = new Schedule(List.of(), Map.of());

    /** Chase keys: each thing a transport puts at its value for a new position. */
    public int chaseKeys() { return chaseStart.length - 1; }

    /** Audio thread: the index of chase key {@code k}'s last event before frame {@code f}, or -1 when none is. No allocation. */
    int lastBefore(int k, long f) {
        int lo = chaseStart[k], hi = chaseStart[k + 1] - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (frame[chaseEvents[mid]] < f) { found = chaseEvents[mid]; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    private static final int K_TEMPO = 0, K_CC = 1, K_PROGRAM = 2, K_PRESSURE = 3, K_BEND = 4, K_PARAMETER = 5;

    /** What an event sets, as one sortable number (port, kind, channel, number); -1 for what is not chased. */
    static long chaseKey(int port, int status, int d1) {
        int kind, ch = 0, number = 0;
        if (status == Engine.TEMPO) kind = K_TEMPO;
        else if (GraphRuntime.isParameter(status)) { kind = K_PARAMETER; number = d1; }
        else if (status >= 0x80 && status <= 0xEF) {
            ch = status & 0x0F;
            switch (status & 0xF0) {
                case 0xB0 -> { kind = K_CC; number = d1; }
                case 0xC0 -> kind = K_PROGRAM;
                case 0xD0 -> kind = K_PRESSURE;
                case 0xE0 -> kind = K_BEND;
                default -> { return -1; }
            }
        } else return -1;
        return ((long) kind << 56) | ((long) port << 24) | ((long) ch << 16) | number;
    }

    public int size() { return frame.length; }

    public long endFrame() { return endFrame; }

    /** Index of the first event at or after {@code f}. */
    int indexAt(long f) {
        int i = Arrays.binarySearch(frame, f);
        if (i < 0) return -i - 1;
        while (i > 0 && frame[i - 1] == f) i--;
        return i;
    }

    /** The project's clips at engine rate {@code rate}, without node parameter automation. */
    public static Schedule of(Project project, Ports ports, int rate) { return of(project, ports, NodeParameters.NONE, rate); }

    /** The project's clips at engine rate {@code rate} (the render's, which may differ from the project's). */
    public static Schedule of(Project project, Ports ports, NodeParameters parameters, int rate) {
        TempoMap tempo = project.tempo().toTempoMap(project.ticksPerQuarter());
        Builder b = new Builder(tempo, rate, stepTicks(project.ticksPerQuarter()), parameters);
        b.rest(chaseKey(0, Engine.TEMPO, 0), new Rest(0, Engine.TEMPO, (int) Math.round(60e9 / TempoMap.DEFAULT_TEMPO), 0));
        var changes = tempo.changes();
        if (changes.size() > 1 || changes.getFirst().microsPerQuarter() != TempoMap.DEFAULT_TEMPO)
            for (TempoMap.Change c : changes) b.add(c.tick(), TEMPO, 0, Engine.TEMPO, (int) Math.round(60e9 / c.microsPerQuarter()), 0);
        for (Track t : project.tracks())
            for (Lane lane : t.lanes()) {
                if (lane.kind() != LaneKind.MIDI || lane.muted()) continue;
                for (Clip c : lane.clips()) {
                    String direct = ProjectGraph.direct(t, c);
                    Ports.Port p = direct == null ? ports.lane(lane.laneId()) : ports.direct(lane.laneId(), direct);
                    if (p == null) continue;
                    String first = direct != null ? direct : lane.targets().isEmpty() ? null : lane.targets().getFirst().nodeId();
                    InstrumentNode node = first == null ? null : t.graph().instrument(first).orElse(null);
                    for (AutomationCurve a : c.automation()) b.automation(c, a, p, node);
                    for (Note n : c.notes()) b.note(c, n, p);
                }
            }
        return b.build();
    }

    private static final class Builder {
        final TempoMap tempo;
        final int rate, step;
        final NodeParameters parameters;
        final List<Ev> events = new ArrayList<>();
        final Map<Long, Rest> rests = new HashMap<>();
        long seq;

        Builder(TempoMap tempo, int rate, int step, NodeParameters parameters) {
            this.tempo = tempo; this.rate = rate; this.step = step; this.parameters = parameters;
        }

        void rest(long key, Rest r) { rests.putIfAbsent(key, r); }

        void add(long tick, int order, int port, int status, int d1, int d2) {
            events.add(new Ev(tempo.frame(tick, rate), order, seq++, port, status, d1, d2));
        }

        Schedule build() {
            events.sort(Comparator.comparingLong(Ev::frame).thenComparingInt(Ev::order).thenComparingLong(Ev::seq));
            return new Schedule(events, rests);
        }

        void note(Clip c, Note n, Ports.Port p) {
            if (n.start() >= c.length()) return;
            long on = c.start() + n.start(), off = c.start() + Math.min(n.end(), c.length());
            int ch = p.channel(), key = n.key();
            boolean plain = n.expression().isEmpty() && n.velocity() == Math.rint(n.velocity());
            if (plain) {
                add(on, ON, p.port(), 0x90 | ch, key, (int) n.velocity());
                add(off, OFF, p.port(), 0x80 | ch, key, (int) Math.round(n.releaseVelocity()));
                return;
            }
            int v16 = (int) Math.clamp(Math.round(n.velocity() / 127 * 65535), 1, 65535);
            add(on, ON, p.port(), Engine.UMP, UmpDecoder.word0(0x9, ch, key, 0), v16 << 16);
            int r16 = (int) Math.round(n.releaseVelocity() / 127 * 65535);
            add(off, OFF, p.port(), Engine.UMP, UmpDecoder.word0(0x8, ch, key, 0), r16 << 16);
            for (ExpressionCurve e : n.expression()) {
                long end = Math.min(n.end(), c.length()) - n.start();
                sample(e.points(), end, (tick, v) -> add(on + tick, tick == 0 ? ON : EXPRESSION, p.port(), Engine.UMP,
                        expressionWord0(e, ch, key), expressionWord1(e, key, v)));
            }
        }

        void automation(Clip c, AutomationCurve a, Ports.Port p, InstrumentNode node) {
            int ch = p.channel(), port = p.port();
            switch (a.target().kind()) {
                case CC -> rest(chaseKey(port, 0xB0 | ch, a.target().number()), new Rest(port, 0xB0 | ch, a.target().number(), restCc(node, a.target().number())));
                case PITCH_BEND -> rest(chaseKey(port, 0xE0 | ch, 0), new Rest(port, 0xE0 | ch, 0, 64));
                case CHANNEL_PRESSURE -> rest(chaseKey(port, 0xD0 | ch, 0), new Rest(port, 0xD0 | ch, 0, 0));
                default -> { }
            }
            switch (a.target().kind()) {
                case CC -> sampleInt(a.points(), c.length(), v -> (int) Math.round(v), (tick, v) ->
                        add(c.start() + tick, CONTROL, port, 0xB0 | ch, a.target().number(), Math.clamp(v, 0, 127)));
                case PITCH_BEND -> sampleInt(a.points(), c.length(), v -> (int) Math.clamp(Math.round(8192 + v * (v >= 0 ? 8191 : 8192)), 0, 16383),
                        (tick, v) -> add(c.start() + tick, CONTROL, port, 0xE0 | ch, v & 0x7F, v >> 7));
                case CHANNEL_PRESSURE -> sampleInt(a.points(), c.length(), v -> (int) Math.round(v), (tick, v) ->
                        add(c.start() + tick, CONTROL, port, 0xD0 | ch, Math.clamp(v, 0, 127), 0));
                case PROGRAM -> sampleInt(a.points(), c.length(), v -> (int) Math.round(v), (tick, v) -> {
                    // A value past 127 names its bank too (bank × 128 + program); a plain program leaves the bank select alone.
                    if (v >= 128) add(c.start() + tick, CONTROL, port, 0xB0 | ch, 0, Math.min(v / 128, 127));
                    add(c.start() + tick, CONTROL, port, 0xC0 | ch, v % 128, 0);
                });
                case PARAMETER -> {
                    for (NodeParameters.Target t : parameters.of(a.target().nodeId(), a.target().parameterId())) {
                        rest(chaseKey(t.node(), GraphRuntime.PARAMETER, t.index()),
                                new Rest(t.node(), GraphRuntime.PARAMETER_REST, t.index(), 0));
                        float[] last = {Float.NaN};
                        sample(a.points(), c.length(), (tick, v) -> {
                            float x = (float) t.clamp(v);
                            if (x == last[0]) return;
                            last[0] = x;
                            add(c.start() + tick, CONTROL, t.node(), GraphRuntime.PARAMETER, t.index(), Float.floatToRawIntBits(x));
                        });
                    }
                }
            }
        }

        /**
         * Controller {@code cc}'s rest value on {@code node}: a sampler's own {@code ccN} parameter, else its
         * program's {@code set_ccN}, else the sampler's start values (volume and expression full, pan centre);
         * for other instruments the General MIDI ones (volume 100, pan centre, expression full), else 0.
         */
        static int restCc(InstrumentNode node, int cc) {
            if (node != null && node.kind() == InstrumentKind.SAMPLER) {
                String id = SamplerParameters.ccParameter(cc);
                if (node.parameters().contains(id)) return (int) Math.round(node.value(id));
                Double set = node.program().settings().initialCc().get(cc);
                if (set != null) return (int) Math.clamp(Math.round(set * 127), 0, 127);
                return cc == 7 || cc == 11 ? 127 : cc == 10 ? 64 : 0;
            }
            return cc == 7 ? 100 : cc == 11 ? 127 : cc == 10 ? 64 : 0;
        }

        interface At { void at(long tick, double value); }
        interface AtInt { void at(long tick, int value); }

        /** Calls {@code at} for every breakpoint and every step along linear segments, up to {@code end} (exclusive). */
        void sample(List<Breakpoint> points, long end, At at) {
            for (int i = 0; i < points.size(); i++) {
                Breakpoint p = points.get(i);
                if (p.tick() >= end) return;
                at.at(p.tick(), p.value());
                if (p.shape() != Breakpoint.Shape.LINEAR || i + 1 == points.size()) continue;
                Breakpoint q = points.get(i + 1);
                for (long t = p.tick() + step; t < q.tick() && t < end; t += step)
                    at.at(t, p.value() + (q.value() - p.value()) * (t - p.tick()) / (double) (q.tick() - p.tick()));
            }
        }

        /** As {@link #sample}, converted to integers and sent only when the integer changes. */
        void sampleInt(List<Breakpoint> points, long end, java.util.function.DoubleToIntFunction convert, AtInt at) {
            int[] last = {Integer.MIN_VALUE};
            sample(points, end, (tick, v) -> {
                int x = convert.applyAsInt(v);
                if (x != last[0]) { last[0] = x; at.at(tick, x); }
            });
        }
    }

    static int expressionWord0(ExpressionCurve e, int ch, int key) {
        return switch (e.dimension()) {
            case PRESSURE, POLY_AFTERTOUCH -> UmpDecoder.word0(0xA, ch, key, 0);
            case PITCH -> UmpDecoder.word0(0x0, ch, key, 3);       // registered per-note #3: Pitch 7.25, absolute
            case TIMBRE -> UmpDecoder.word0(0x0, ch, key, 74);
            case PER_NOTE_CC -> UmpDecoder.word0(0x0, ch, key, e.controller() & 0xFF);
        };
    }

    static int expressionWord1(ExpressionCurve e, int key, double v) {
        if (e.dimension() == ExpressionDimension.PITCH) {
            double semis = Math.clamp(key + v, 0, 127.99999);
            return (int) (long) Math.round(semis * 33554432.0); // 7.25 fixed point
        }
        return (int) (long) Math.round(Math.clamp(v, 0, 1) * 4294967295.0);
    }
}
