package dev.loophole.pulse.command;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a change touched, so listeners redo only that: the graph compiler rebuilds one track's graph
 * or one node's patch, the transport reschedules some clips, editors refresh some views.
 *
 * @param scopes   the kinds of change
 * @param trackIds tracks whose content changed
 * @param nodeIds  nodes whose parameters, state or routing changed (or that were added/removed)
 * @param clipIds  clips whose timing or content changed (or that were added/removed)
 */
public record Affected(Set<Scope> scopes, Set<String> trackIds, Set<String> nodeIds, Set<String> clipIds) {
    public enum Scope {
        /** Name or sample rate of the project. */
        PROJECT,
        /** The tempo track: every clip's timing in seconds. */
        TEMPO,
        /** Tracks added, removed or reordered. */
        TRACK_LIST,
        /** A track's name or channel strip. */
        TRACK,
        /** Nodes or connections of a track's graph. */
        GRAPH,
        /** A lane's existence, targets, MIDI or post effects. */
        LANE,
        /** A node's persistent state (a Sampler's program): its patch must be recompiled. */
        NODE_STATE,
        /** A parameter value only: no recompile, just a parameter change. */
        PARAMETER,
        /** Clips, notes, expression or automation: the transport's schedule. */
        CLIPS
    }

    public Affected {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        trackIds = Set.copyOf(trackIds);
        nodeIds = Set.copyOf(nodeIds);
        clipIds = Set.copyOf(clipIds);
    }

    public static Affected of(Scope scope, String trackId) {
        return new Affected(Set.of(scope), trackId == null ? Set.of() : Set.of(trackId), Set.of(), Set.of());
    }

    public static Affected project(Scope scope) { return new Affected(Set.of(scope), Set.of(), Set.of(), Set.of()); }

    public static Affected node(Scope scope, String trackId, String nodeId) {
        return new Affected(Set.of(scope), Set.of(trackId), Set.of(nodeId), Set.of());
    }

    public static Affected clip(String trackId, String clipId) {
        return new Affected(Set.of(Scope.CLIPS), Set.of(trackId), Set.of(), Set.of(clipId));
    }

    public boolean has(Scope scope) { return scopes.contains(scope); }

    /** The union of two changes. */
    public Affected and(Affected o) {
        EnumSet<Scope> s = EnumSet.noneOf(Scope.class);
        s.addAll(scopes);
        s.addAll(o.scopes);
        return new Affected(s, union(trackIds, o.trackIds), union(nodeIds, o.nodeIds), union(clipIds, o.clipIds));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
