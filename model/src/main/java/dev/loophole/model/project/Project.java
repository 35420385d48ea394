package dev.loophole.model.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole project, the truth Pulse owns: timing (ticks per quarter, tempo track, sample rate) and
 * tracks. Nodes' persistent state (a Sampler's program) lives on the nodes. Track, lane, clip and
 * node ids are unique across the project, so an id alone names what a change touched.
 */
public record Project(String name, int ticksPerQuarter, int sampleRate, TempoTrack tempo, List<Track> tracks) {
    public static final int DEFAULT_TICKS_PER_QUARTER = 960;
    public static final int DEFAULT_SAMPLE_RATE = 48_000;

    public Project {
        if (name == null) name = "";
        if (ticksPerQuarter < 1 || ticksPerQuarter > 1 << 20)
            throw new IllegalArgumentException("ticks per quarter " + ticksPerQuarter + " is outside 1..1048576");
        if (sampleRate < 8000 || sampleRate > 768_000) throw new IllegalArgumentException("sample rate " + sampleRate + " is outside 8000..768000");
        if (tempo == null) tempo = TempoTrack.DEFAULT;
        tracks = List.copyOf(tracks);
        Ids.unique(tracks, Track::trackId, "track id");
        List<String> lanes = new ArrayList<>(), clips = new ArrayList<>(), nodes = new ArrayList<>();
        for (Track t : tracks) {
            t.graph().instruments().forEach(n -> nodes.add(n.nodeId()));
            t.graph().effects().forEach(n -> nodes.add(n.nodeId()));
            for (Lane l : t.lanes()) {
                lanes.add(l.laneId());
                l.clips().forEach(c -> clips.add(c.clipId()));
                l.audioClips().forEach(c -> clips.add(c.clipId()));
                l.postEffects().forEach(e -> nodes.add(e.nodeId()));
                l.preEffects().forEach(e -> nodes.add(e.effectId()));
            }
        }
        Ids.unique(lanes, s -> s, "lane id");
        Ids.unique(clips, s -> s, "clip id");
        Ids.unique(nodes, s -> s, "node id");
    }

    /** An empty project at 120 BPM, 4/4, 960 ticks per quarter, 48 kHz. */
    public static Project empty(String name) {
        return new Project(name, DEFAULT_TICKS_PER_QUARTER, DEFAULT_SAMPLE_RATE, TempoTrack.DEFAULT, List.of());
    }

    /** Where a lane is: its track and itself. */
    public record LaneRef(Track track, Lane lane) {}

    /** Where a clip is: its track, lane and itself. */
    public record ClipRef(Track track, Lane lane, Clip clip) {}

    public Optional<Track> track(String trackId) { return tracks.stream().filter(t -> t.trackId().equals(trackId)).findFirst(); }

    public int trackIndex(String trackId) { return Lists.indexOf(tracks, Track::trackId, trackId); }

    /** The track whose graph (or one of whose lanes' effect chains) holds node {@code nodeId}. */
    public Optional<Track> trackOfNode(String nodeId) {
        for (Track t : tracks) {
            if (t.graph().contains(nodeId)) return Optional.of(t);
            for (Lane l : t.lanes())
                if (l.postEffects().stream().anyMatch(e -> e.nodeId().equals(nodeId))
                        || l.preEffects().stream().anyMatch(e -> e.effectId().equals(nodeId))) return Optional.of(t);
        }
        return Optional.empty();
    }

    public Optional<LaneRef> lane(String laneId) {
        for (Track t : tracks) for (Lane l : t.lanes()) if (l.laneId().equals(laneId)) return Optional.of(new LaneRef(t, l));
        return Optional.empty();
    }

    public Optional<ClipRef> clip(String clipId) {
        for (Track t : tracks)
            for (Lane l : t.lanes())
                for (Clip c : l.clips()) if (c.clipId().equals(clipId)) return Optional.of(new ClipRef(t, l, c));
        return Optional.empty();
    }

    /** Where an audio clip is: its track, lane and itself. */
    public record AudioClipRef(Track track, Lane lane, AudioClip clip) {}

    public Optional<AudioClipRef> audioClip(String clipId) {
        for (Track t : tracks)
            for (Lane l : t.lanes())
                for (AudioClip c : l.audioClips()) if (c.clipId().equals(clipId)) return Optional.of(new AudioClipRef(t, l, c));
        return Optional.empty();
    }

    /** Every instrument node of every track, in track order. */
    public List<InstrumentNode> instruments() {
        return tracks.stream().flatMap(t -> t.graph().instruments().stream()).toList();
    }

    /** The tick where the last clip ends (0 for a project without clips). */
    public long lengthTicks() {
        long end = 0;
        for (Track t : tracks)
            for (Lane l : t.lanes()) {
                for (Clip c : l.clips()) end = Math.max(end, c.end());
                for (AudioClip c : l.audioClips()) end = Math.max(end, c.end());
            }
        return end;
    }

    public double lengthSeconds() { return tempo.toTempoMap(ticksPerQuarter).seconds(lengthTicks()); }

    /** Ticks for a (possibly fractional) number of quarter-note beats. */
    public long ticksOfBeats(double beats) { return Math.round(beats * ticksPerQuarter); }

    public Project withTracks(List<Track> t) { return new Project(name, ticksPerQuarter, sampleRate, tempo, t); }

    public Project withTempo(TempoTrack t) { return new Project(name, ticksPerQuarter, sampleRate, t, tracks); }

    public Project withName(String n) { return new Project(n, ticksPerQuarter, sampleRate, tempo, tracks); }

    public Project withSampleRate(int rate) { return new Project(name, ticksPerQuarter, rate, tempo, tracks); }

    /** The project with {@code track} in place of the track of the same id. */
    public Project replacing(Track track) { return withTracks(Lists.replace(tracks, Track::trackId, track)); }
}
