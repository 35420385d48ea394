package dev.loophole.model.project;

import java.util.List;
import java.util.Optional;

/**
 * A lane of a track (§3). A MIDI lane's clips play through its MIDI effects ({@code preEffects}) to
 * its targets (split/layer), and the sound its notes make on those instruments runs through its
 * {@code postEffects} before the track's graph goes on; an audio lane's clips play through its
 * post effects into the channel.
 */
public record Lane(String laneId, String name, LaneKind kind, List<LaneTarget> targets, List<MidiEffect> preEffects,
                   List<EffectNode> postEffects, List<Clip> clips, List<AudioClip> audioClips, boolean muted) {
    public Lane {
        Ids.require(laneId, "lane id");
        if (name == null) name = "";
        if (kind == null) kind = LaneKind.MIDI;
        targets = List.copyOf(targets == null ? List.of() : targets);
        preEffects = List.copyOf(preEffects == null ? List.of() : preEffects);
        postEffects = List.copyOf(postEffects == null ? List.of() : postEffects);
        clips = List.copyOf(clips == null ? List.of() : clips);
        audioClips = List.copyOf(audioClips == null ? List.of() : audioClips);
        if (kind == LaneKind.AUDIO && (!targets.isEmpty() || !preEffects.isEmpty() || !clips.isEmpty()))
            throw new IllegalArgumentException("audio lane " + laneId + " cannot have instrument targets, MIDI effects or note clips");
        if (kind == LaneKind.MIDI && !audioClips.isEmpty())
            throw new IllegalArgumentException("MIDI lane " + laneId + " cannot hold audio clips");
        Ids.unique(preEffects, MidiEffect::effectId, "MIDI effect id");
    }

    public static Lane midi(String laneId, String name, List<LaneTarget> targets) {
        return new Lane(laneId, name, LaneKind.MIDI, targets, List.of(), List.of(), List.of(), List.of(), false);
    }

    public static Lane audio(String laneId, String name) {
        return new Lane(laneId, name, LaneKind.AUDIO, List.of(), List.of(), List.of(), List.of(), List.of(), false);
    }

    public Optional<Clip> clip(String clipId) { return clips.stream().filter(c -> c.clipId().equals(clipId)).findFirst(); }

    public Lane withTargets(List<LaneTarget> t) { return new Lane(laneId, name, kind, t, preEffects, postEffects, clips, audioClips, muted); }

    public Lane withPreEffects(List<MidiEffect> e) { return new Lane(laneId, name, kind, targets, e, postEffects, clips, audioClips, muted); }

    public Lane withPostEffects(List<EffectNode> e) { return new Lane(laneId, name, kind, targets, preEffects, e, clips, audioClips, muted); }

    public Lane withClips(List<Clip> c) { return new Lane(laneId, name, kind, targets, preEffects, postEffects, c, audioClips, muted); }

    public Lane withAudioClips(List<AudioClip> c) { return new Lane(laneId, name, kind, targets, preEffects, postEffects, clips, c, muted); }

    public Lane withName(String n) { return new Lane(laneId, n, kind, targets, preEffects, postEffects, clips, audioClips, muted); }

    public Lane withMuted(boolean m) { return new Lane(laneId, name, kind, targets, preEffects, postEffects, clips, audioClips, m); }

    public Lane replacingClip(Clip c) { return withClips(Lists.replace(clips, Clip::clipId, c)); }
}
