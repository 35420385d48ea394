package dev.loophole.pulse.importer;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.MidiInputRouting;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.model.project.Track;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Standard MIDI File as a project: one track per MIDI channel the file uses, each with a Sampler
 * node (its instrument), one lane routed to it and one clip holding the channel's notes (with
 * release velocity and polyphonic pressure as per-note expression) and every controller, pitch
 * bend, channel pressure and program change as clip automation — nothing the file plays is lost.
 */
public final class MidiProjectImport {
    /** An instrument for a channel: a display name and its program. */
    public record Instrument(String name, Program program) {}

    /** Picks the instrument of a channel (1..16) given the bank and program the song selects first on it (-1 when it selects none); null for none. */
    @FunctionalInterface
    public interface Instruments {
        Instrument forChannel(int channel, int bank, int program);
    }

    public record Result(Project project, List<String> warnings) {}

    private static final int BARS_OF = 4; // clips end on a whole 4/4 bar

    private MidiProjectImport() {}

    public static Result toProject(MidiSong song, String name, Instruments instruments) {
        int ppq = song.tempoMap().ppq();
        if (ppq <= 0) throw new IllegalArgumentException(song.name() + ": SMPTE-timed MIDI files cannot become a project (they have no beats)");
        List<String> warnings = new ArrayList<>();
        Map<Integer, List<MidiEvent>> byChannel = new TreeMap<>();
        for (MidiEvent e : song.events()) byChannel.computeIfAbsent(e.channel(), c -> new ArrayList<>()).add(e);
        long end = Math.max(1, song.lastTick() + 1);
        long bar = (long) ppq * BARS_OF;
        long clipLength = (end + bar - 1) / bar * bar;
        List<Track> tracks = new ArrayList<>();
        for (var entry : byChannel.entrySet()) {
            int channel = entry.getKey() + 1;
            tracks.add(track(channel, entry.getValue(), clipLength, instruments, warnings));
        }
        TempoTrack tempo = new TempoTrack(song.tempoMap().changes(), List.of(TimeSignature.FOUR_FOUR));
        Project project = new Project(name, ppq, Project.DEFAULT_SAMPLE_RATE, tempo, tracks);
        return new Result(project, warnings);
    }

    private static Track track(int channel, List<MidiEvent> events, long clipLength, Instruments instruments, List<String> warnings) {
        String id = "ch" + channel;
        int bank = -1, program = -1;
        for (MidiEvent e : events) {
            if (e.isNoteOn()) break;
            if (e.command() == 0xB0 && e.data1() == 0) bank = e.data2();
            if (e.command() == 0xC0) program = e.data1();
        }
        if (channel == 10 && bank < 0) bank = 128; // General MIDI percussion
        long programs = events.stream().filter(e -> e.command() == 0xC0).mapToInt(MidiEvent::data1).distinct().count();
        Instrument inst = instruments.forChannel(channel, bank, program);
        NodeGraph graph = NodeGraph.EMPTY;
        List<LaneTarget> targets = List.of();
        String trackName = "Channel " + channel;
        if (inst == null) {
            warnings.add("MIDI channel " + channel + " has no instrument; its track keeps the notes but plays nothing");
        } else {
            // The node listens on the file's channel, so its notes reach it on that channel (regions with
            // lochan/hichan and channel-10 drum maps hear what the file played).
            InstrumentNode node = InstrumentNode.sampler(id + "-instrument", inst.name(), inst.program())
                    .withInput(new MidiInputRouting(channel, false));
            graph = NodeGraph.single(node);
            targets = List.of(LaneTarget.all(node.nodeId()));
            trackName = trackName + ": " + inst.name();
            if (programs > 1)
                warnings.add("MIDI channel " + channel + " switches between " + programs + " programs; its node holds the first (" + inst.name()
                        + "), the changes stay in the clip's program automation");
        }
        Clip clip = clip(id + "-clip", "Channel " + channel, events, clipLength);
        Lane lane = Lane.midi(id + "-lane", "Channel " + channel, targets).withClips(List.of(clip));
        return new Track("track-" + id, trackName, graph, List.of(lane), null, ChannelStrip.DEFAULT);
    }

    /** A note being built: sounding until its note-off, collecting its polyphonic pressure. */
    private static final class Open {
        final long id, start;
        final int key, velocity;
        final List<Breakpoint> pressure = new ArrayList<>();

        Open(long id, long start, int key, int velocity) {
            this.id = id;
            this.start = start;
            this.key = key;
            this.velocity = velocity;
        }

        Note close(long end, int releaseVelocity) {
            List<ExpressionCurve> expression = pressure.isEmpty() ? List.of() : List.of(ExpressionCurve.of(ExpressionDimension.POLY_AFTERTOUCH, pressure));
            return new Note(id, key, velocity, start, end - start, releaseVelocity, expression);
        }
    }

    private static Clip clip(String clipId, String name, List<MidiEvent> events, long clipLength) {
        List<Note> notes = new ArrayList<>();
        Map<Integer, Deque<Open>> sounding = new HashMap<>();
        ChannelCurves curves = new ChannelCurves();
        long nextId = 1;
        for (MidiEvent e : events) {
            long t = e.tick();
            if (e.isNoteOn()) {
                sounding.computeIfAbsent(e.data1(), k -> new ArrayDeque<>()).addLast(new Open(nextId++, t, e.data1(), e.data2()));
            } else if (e.isNoteOff()) {
                Deque<Open> q = sounding.get(e.data1());
                // The earliest sounding note of the key ends first (overlapping same-key notes close in order).
                if (q != null && !q.isEmpty()) notes.add(q.pollFirst().close(t, e.command() == 0x80 ? e.data2() : 64));
            } else {
                switch (e.command()) {
                    case 0xA0 -> {
                        Deque<Open> q = sounding.get(e.data1());
                        if (q != null && !q.isEmpty()) q.peekLast().pressure.add(Breakpoint.step(t - q.peekLast().start, e.data2() / 127.0));
                    }
                    case 0xB0 -> curves.add(AutomationTarget.cc(e.data1()), t, e.data2());
                    case 0xC0 -> curves.add(AutomationTarget.of(AutomationTarget.Kind.PROGRAM), t, e.data1());
                    case 0xD0 -> curves.add(AutomationTarget.of(AutomationTarget.Kind.CHANNEL_PRESSURE), t, e.data1());
                    case 0xE0 -> curves.add(AutomationTarget.of(AutomationTarget.Kind.PITCH_BEND), t, bend(e));
                    default -> { }
                }
            }
        }
        // Notes still sounding at the end of the file last until its last event.
        long last = events.isEmpty() ? 0 : events.getLast().tick();
        for (Deque<Open> q : sounding.values()) for (Open o : q) notes.add(o.close(last, 64));
        notes.sort(java.util.Comparator.comparingLong(Note::start).thenComparingLong(Note::noteId));
        return new Clip(clipId, name, 0, clipLength, ClipTarget.LANE, notes, curves.curves());
    }

    /** A 14-bit bend as −1..1 of the bend range: (value − 8192) / 8192, exact in a double; +8191 reads just under 1. */
    static double bend(MidiEvent e) {
        int v = (e.data2() << 7) | e.data1();
        return (v - 8192) / 8192.0;
    }
}
