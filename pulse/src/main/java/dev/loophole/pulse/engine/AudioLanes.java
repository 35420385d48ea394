package dev.loophole.pulse.engine;

import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SampleProvider;
import dev.loophole.signal.store.Streamer;
import dev.loophole.signal.timeline.AudioClipTable;
import dev.loophole.signal.timeline.AudioLanePlayer;
import dev.loophole.signal.timeline.Playhead;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The player behind each audio lane, kept across compiles (a graph edit leaves sounding clips
 * playing), and each lane's clips compiled for it: ticks through the tempo map to engine frames,
 * offset and fades from file frames to the engine's rate, gain from dB, and the sample resolved
 * through the sample store (its head decoded, the rest streamed). A lane is recompiled only when
 * it, the tempo or the rate changed. Control side.
 */
public final class AudioLanes {
    /** How audio lanes play: engine rate, interpolation where a file's rate differs, frames of each file decoded up front. */
    public record Settings(int rate, int quality, int preloadFrames) {}

    private record Entry(AudioLanePlayer player, Lane compiledLane, TempoTrack compiledTempo, int compiledPpq) {}

    private final SampleProvider samples;
    private final Streamer streamer;
    private final Playhead playhead;
    private final Settings settings;
    private final Map<String, Entry> byLane = new HashMap<>();

    public AudioLanes(SampleProvider samples, Streamer streamer, Playhead playhead, Settings settings) {
        this.samples = samples;
        this.streamer = streamer;
        this.playhead = playhead;
        this.settings = settings;
    }

    /** The player of lane {@code laneId} (made on first use). */
    public AudioLanePlayer playerFor(String laneId) {
        return byLane.computeIfAbsent(laneId, k -> new Entry(new AudioLanePlayer(playhead, streamer, settings.quality()), null, null, 0)).player();
    }

    /** Forgets lanes no longer in the project. */
    public void retain(Set<String> laneIds) { byLane.keySet().retainAll(laneIds); }

    /** Brings every audio lane's clips to {@code project}; {@code warn} hears clips that cannot play (they stay silent). */
    public void update(Project project, Consumer<String> warn) {
        TempoMap tempo = null;
        for (Track t : project.tracks())
            for (Lane lane : t.lanes()) {
                if (lane.kind() != LaneKind.AUDIO) continue;
                Entry e = byLane.get(lane.laneId());
                if (e == null) { playerFor(lane.laneId()); e = byLane.get(lane.laneId()); }
                if (e.compiledLane() == lane && e.compiledTempo() == project.tempo() && e.compiledPpq() == project.ticksPerQuarter()) continue;
                if (tempo == null) tempo = project.tempo().toTempoMap(project.ticksPerQuarter());
                e.player().setClips(compile(lane, tempo, warn));
                byLane.put(lane.laneId(), new Entry(e.player(), lane, project.tempo(), project.ticksPerQuarter()));
            }
    }

    private AudioClipTable compile(Lane lane, TempoMap tempo, Consumer<String> warn) {
        int rate = settings.rate();
        List<AudioClipTable.Clip> out = new ArrayList<>();
        for (AudioClip c : lane.audioClips()) {
            String where = "lane " + lane.laneId() + ", audio clip " + c.clipId();
            SampleData s;
            try {
                s = samples.load(c.sample(), settings.preloadFrames(), false);
            } catch (IOException | RuntimeException ex) {
                warn.accept(where + ": " + ex.getMessage() + "; it stays silent");
                continue;
            }
            double ratio = (double) s.sampleRate() / rate;
            if (ratio > AudioLanePlayer.MAX_RATIO) {
                warn.accept(where + ": " + c.sample().path() + " is at " + s.sampleRate() + " Hz, more than " + (int) AudioLanePlayer.MAX_RATIO
                        + " times the engine's " + rate + " Hz; it stays silent");
                continue;
            }
            long start = tempo.frame(c.start(), rate), end = tempo.frame(c.end(), rate);
            if (end <= start) continue;
            out.add(new AudioClipTable.Clip(key(c.clipId()), s, start, end, c.offsetFrames(), ratio, (float) Math.pow(10, c.gainDb() / 20),
                    Math.round(c.fadeInFrames() / ratio), Math.round(c.fadeOutFrames() / ratio)));
        }
        return new AudioClipTable(out);
    }

    /** A clip id as the player's 64-bit key (FNV-1a). */
    static long key(String clipId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < clipId.length(); i++) { h ^= clipId.charAt(i); h *= 0x100000001b3L; }
        return h;
    }

    /** Frame one past the last audio clip (at the engine's rate), as last compiled. */
    public long endFrame() {
        long end = 0;
        for (Entry e : byLane.values()) end = Math.max(end, e.player().clips().endFrame());
        return end;
    }

    /** Offline, before the first block: readers for the clips around {@code frame}, so their streams fill first. */
    public void cue(long frame) { byLane.values().forEach(e -> e.player().cue(frame)); }

    /** Frames the disk did not deliver in time, over every lane. */
    public long underruns() {
        long n = 0;
        for (Entry e : byLane.values()) n += e.player().underruns();
        return n;
    }
}
