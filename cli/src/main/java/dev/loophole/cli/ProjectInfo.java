package dev.loophole.cli;

import dev.loophole.model.project.Clip;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TimeSignature;
import dev.loophole.model.project.Track;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text {@code loophole project info} prints: timing, length, then each track's nodes and lanes. */
final class ProjectInfo {
    private ProjectInfo() {}

    static void print(Path file, Project p, PrintWriter out) {
        TimeSignature sig = p.tempo().signatures().getFirst();
        long barTicks = (long) p.ticksPerQuarter() * 4 * sig.numerator() / sig.denominator();
        long ticks = p.lengthTicks();
        out.printf(Locale.ROOT, "%s: \"%s\", %s, %d/%d, %d ticks per quarter, %d Hz%n", file, p.name(), tempo(p),
                sig.numerator(), sig.denominator(), p.ticksPerQuarter(), p.sampleRate());
        out.printf(Locale.ROOT, "length: %s (%.1f bars, %d ticks)%n", time(p.lengthSeconds()), (double) ticks / barTicks, ticks);
        out.println(summary(p));
        for (Track t : p.tracks()) {
            out.printf("track %s \"%s\"%s%n", t.trackId(), t.name(), t.channel().muted() ? " (muted)" : "");
            for (InstrumentNode n : t.graph().instruments()) {
                String prog = n.program() == null ? "" : String.format(", program \"%s\" (%d regions)", n.program().name(), n.program().regions().size());
                out.printf("  instrument %s: %s \"%s\"%s, outputs %s%s%n", n.nodeId(), n.kind().name().toLowerCase(Locale.ROOT), n.name(), prog,
                        n.output().ports().stream().map(x -> x.id()).collect(Collectors.joining(",")),
                        t.primary().filter(x -> x == n).isPresent() && t.graph().instruments().size() > 1 ? " (primary)" : "");
            }
            for (EffectNode e : t.graph().effects()) out.printf("  effect %s: %s%s%n", e.nodeId(), e.kind().id(), e.bypassed() ? " (bypassed)" : "");
            if (!t.graph().connections().isEmpty())
                out.printf("  connections: %s%n", t.graph().connections().stream().map(Object::toString).collect(Collectors.joining(", ")));
            for (Lane l : t.lanes()) {
                long notes = l.clips().stream().mapToLong(c -> c.notes().size()).sum();
                int clips = l.kind() == LaneKind.MIDI ? l.clips().size() : l.audioClips().size();
                out.printf("  lane %s \"%s\" (%s): %d %s, %d notes%s%n", l.laneId(), l.name(), l.kind().name().toLowerCase(Locale.ROOT), clips,
                        clips == 1 ? "clip" : "clips", notes, l.muted() ? " (muted)" : "");
                for (LaneTarget x : l.targets())
                    out.printf("    → %s keys %d-%d velocities %d-%d%s%n", x.nodeId(), x.keyZone().lo(), x.keyZone().hi(),
                            x.velocityZone().lo(), x.velocityZone().hi(), x.transpose() == 0 ? "" : String.format(" transpose %+d", x.transpose()));
                for (Clip c : l.clips())
                    out.printf("    clip %s \"%s\" at %d for %d ticks: %d notes, %d automation curves%n", c.clipId(), c.name(), c.start(), c.length(),
                            c.notes().size(), c.automation().size());
            }
        }
        out.flush();
    }

    static String summary(Project p) {
        int lanes = 0, clips = 0, nodes = 0;
        long notes = 0;
        for (Track t : p.tracks()) {
            nodes += t.graph().instruments().size() + t.graph().effects().size();
            for (Lane l : t.lanes()) {
                lanes++;
                clips += l.clips().size() + l.audioClips().size();
                for (Clip c : l.clips()) notes += c.notes().size();
            }
        }
        return String.format(Locale.ROOT, "%d tracks, %d lanes, %d clips, %d notes, %d nodes, %s long", p.tracks().size(), lanes, clips, notes, nodes,
                time(p.lengthSeconds()));
    }

    static String tempo(Project p) {
        var tempos = p.tempo().tempos();
        String first = String.format(Locale.ROOT, "%.6g BPM", 60e6 / tempos.getFirst().microsPerQuarter()).replaceAll("\\.?0+ BPM", " BPM");
        return tempos.size() == 1 ? first : first + " (" + tempos.size() + " tempo changes)";
    }

    static String time(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }
}
