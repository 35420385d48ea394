package dev.loophole.pulse.importer;

import dev.loophole.model.project.Ids;
import dev.loophole.media.AudioFileInfo;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.MediaException;
import dev.loophole.model.SampleRef;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.model.project.Track;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.pulse.command.Batch;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.TrackCommand;
import java.util.ArrayList;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.command.LaneCommand;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An audio file laid on a new audio lane of a track, as one command (one undo step): the clip
 * starts at a tick and lasts as many ticks as the file plays at its own speed (through the tempo
 * map, rounded up so no frame is cut). Only the file's header is read.
 */
public final class AudioFileImport {
    /** What the import made: the command to apply, and what it will add. */
    public record Placed(Batch command, String trackId, String laneId, AudioClip clip, AudioFileInfo info) {}

    private AudioFileImport() {}

    /** The file on a new audio lane of track {@code trackId}; null makes a new track for it (named after the file), last in the project. */
    public static Placed onNewLane(Project p, String trackId, Path file, long startTick) throws MediaException {
        Track track = trackId == null ? null : p.track(trackId).orElseThrow(() -> new CommandException("no track '" + trackId + "'"));
        if (startTick < 0) throw new CommandException("start tick " + startTick + " is before the project's start");
        AudioFileInfo info = AudioFiles.probe(file);
        if (info.frames() <= 0) throw new MediaException(file, "holds no audio frames");
        TempoMap tempo = p.tempo().toTempoMap(p.ticksPerQuarter());
        double end = tempo.seconds(startTick) + (double) info.frames() / info.sampleRate();
        long endTick = firstTickAtOrAfter(tempo, end, startTick);
        Set<String> ids = ids(p);
        String base = baseName(file);
        String laneId = fresh(ids, "lane-audio-"), clipId = fresh(ids, "audio-");
        List<Command> commands = new ArrayList<>();
        if (track == null) {
            Set<String> trackIds = new HashSet<>();
            p.tracks().forEach(t -> trackIds.add(t.trackId()));
            track = new Track(fresh(trackIds, "track-audio-"), base, NodeGraph.EMPTY, List.of(), null, ChannelStrip.DEFAULT);
            commands.add(new TrackCommand.AddTrack(-1, track));
        }
        AudioClip clip = new AudioClip(clipId, base, startTick, Math.max(1, endTick - startTick),
                new SampleRef(file.toAbsolutePath().normalize().toString()), 0, 0);
        Lane lane = Lane.audio(laneId, base);
        commands.add(new LaneCommand.AddLane(track.trackId(), -1, lane));
        commands.add(new ClipCommand.AddAudioClip(laneId, -1, clip));
        return new Placed(new Batch("add audio " + base, commands), track.trackId(), laneId, clip, info);
    }

    /**
     * The tick where bar {@code bar} (1-based) begins, plus {@code beat} beats of that bar (0-based, in the
     * signature's beat unit), walking the project's time signatures.
     */
    public static long tickOfBar(Project p, int bar, double beat) {
        if (bar < 1) throw new CommandException("bar " + bar + " is before bar 1");
        List<TimeSignature> sigs = p.tempo().signatures();
        long tick = 0;
        int at = 1, i = 0;
        while (true) {
            TimeSignature s = sigs.get(i);
            long barTicks = (long) p.ticksPerQuarter() * 4 * s.numerator() / s.denominator();
            long next = i + 1 < sigs.size() ? sigs.get(i + 1).tick() : Long.MAX_VALUE;
            if (next == Long.MAX_VALUE) { tick += (bar - at) * barTicks; at = bar; } // the last signature: straight there
            if (at == bar) return tick + Math.round(beat * p.ticksPerQuarter() * 4.0 / s.denominator());
            tick += barTicks;
            at++;
            if (tick >= next) { tick = next; i++; }
        }
    }

    /** The first tick at or after {@code from} whose time is at least {@code seconds} (the tempo map only grows). */
    static long firstTickAtOrAfter(TempoMap tempo, double seconds, long from) {
        long lo = from, hi = Math.max(from + 1, 1);
        while (tempo.seconds(hi) < seconds) hi *= 2;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (tempo.seconds(mid) >= seconds) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private static Set<String> ids(Project p) {
        Set<String> ids = new HashSet<>();
        for (Track t : p.tracks()) for (Lane l : t.lanes()) {
            ids.add(l.laneId());
            l.clips().forEach(c -> ids.add(c.clipId()));
            l.audioClips().forEach(c -> ids.add(c.clipId()));
        }
        return ids;
    }

    /** A new id (see {@link Ids#fresh}), then taken. */
    private static String fresh(Set<String> taken, String prefix) {
        String id = Ids.fresh(prefix, taken::contains);
        taken.add(id);
        return id;
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
