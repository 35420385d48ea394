package dev.loophole.pulse.media;

import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.Resolution;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.media.library.MediaStatus;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.NodeState;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The project as the engine should play it (spec §4.2): every library sample resolved to where the library has it
 * now (a moved root, a drive mounted elsewhere), and regions (and audio clips) whose sample is offline, remote or missing left out,
 * so a program plays what is there. The project itself (what is saved and what clients see) keeps its references.
 * A project without library samples is returned as it is, without touching the database. Resolutions are kept
 * until {@link #invalidate()} (the server calls it on every status change), so an edit does not query the library.
 */
public final class LibraryView implements UnaryOperator<Project> {
    private static final System.Logger LOG = System.getLogger("dev.loophole.pulse");
    private final MediaLibrary library;
    private final Map<SampleRef, Resolution> known = new ConcurrentHashMap<>();

    public LibraryView(MediaLibrary library) {
        this.library = library;
    }

    @Override
    public Project apply(Project project) {
        Set<SampleRef> linked = new LinkedHashSet<>();
        for (InstrumentNode n : project.instruments()) {
            if (n.program() == null) continue;
            for (SampleRegion r : n.program().regions()) for (SampleRef s : r.samples()) if (s.media() != null) linked.add(s);
        }
        for (Track t : project.tracks())
            for (Lane l : t.lanes()) for (AudioClip c : l.audioClips()) if (c.sample().media() != null) linked.add(c.sample());
        if (linked.isEmpty()) return project;
        Map<SampleRef, Resolution> resolved = known;
        try {
            Set<SampleRef> unknown = new LinkedHashSet<>(linked);
            unknown.removeAll(known.keySet());
            if (!unknown.isEmpty()) known.putAll(library.resolve(unknown));
        } catch (LibraryException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot resolve library samples, playing the project as saved: " + e.getMessage());
            return project;
        }
        List<Track> tracks = new ArrayList<>(project.tracks().size());
        for (Track t : project.tracks()) {
            NodeGraph g = t.graph();
            for (InstrumentNode n : t.graph().instruments())
                if (n.program() != null) g = g.replacing(n.withState(new NodeState.SamplerState(ProgramSamples.playable(n.program(), resolved))));
            tracks.add((g == t.graph() ? t : t.withGraph(g)).withLanes(t.lanes().stream().map(l -> playable(l, resolved)).toList()));
        }
        return project.withTracks(tracks);
    }

    /** An audio lane's clips at the files' current places; clips whose file is not online are left out (they stay silent). */
    static Lane playable(Lane lane, Map<SampleRef, Resolution> resolved) {
        if (lane.audioClips().stream().noneMatch(c -> resolved.containsKey(c.sample()))) return lane;
        List<AudioClip> clips = new ArrayList<>();
        for (AudioClip c : lane.audioClips()) {
            Resolution r = resolved.get(c.sample());
            if (r == null) clips.add(c);
            else if (r.status() == MediaStatus.ONLINE) clips.add(new AudioClip(c.clipId(), c.name(), c.start(), c.length(), r.current(),
                    c.offsetFrames(), c.gainDb(), c.fadeInFrames(), c.fadeOutFrames()));
        }
        return lane.withAudioClips(clips);
    }

    /** Forgets where samples were: the next {@link #apply} asks the library again. */
    public void invalidate() {
        known.clear();
    }
}
