package dev.loophole.model.project;

import java.util.List;

/** A controller or parameter curve of a clip; ticks are relative to the clip's start. */
public record AutomationCurve(AutomationTarget target, List<Breakpoint> points) {
    public AutomationCurve {
        if (target == null) throw new IllegalArgumentException("automation curve without a target");
        points = Curves.check(points, target.lo(), target.hi(), target.key() + " automation");
    }
}
