package dev.loophole.pulse.command;

import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;

/** Changes to the project as a whole. */
public sealed interface ProjectCommand extends Command {
    record SetProjectName(String name) implements ProjectCommand {
        public Applied apply(Project p) {
            return new Applied(p.withName(name), new SetProjectName(p.name()), Affected.project(Affected.Scope.PROJECT));
        }

        public String label() { return "rename project"; }
    }

    record SetSampleRate(int sampleRate) implements ProjectCommand {
        public Applied apply(Project p) {
            return new Applied(p.withSampleRate(sampleRate), new SetSampleRate(p.sampleRate()), Affected.project(Affected.Scope.PROJECT));
        }

        public String label() { return "set sample rate"; }
    }

    /** Replaces the tempo track (tempo changes and time signatures). */
    record SetTempo(TempoTrack tempo) implements ProjectCommand {
        public Applied apply(Project p) {
            return new Applied(p.withTempo(tempo), new SetTempo(p.tempo()), Affected.project(Affected.Scope.TEMPO));
        }

        public String label() { return "set tempo"; }
    }
}
