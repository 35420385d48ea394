package dev.loophole.pulse.importer;

import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one channel's controller messages as step curves, one per target, in file order. */
final class ChannelCurves {
    private final Map<String, AutomationTarget> targets = new LinkedHashMap<>();
    private final Map<String, List<Breakpoint>> points = new LinkedHashMap<>();

    void add(AutomationTarget target, long tick, double value) {
        targets.putIfAbsent(target.key(), target);
        points.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(Breakpoint.step(tick, value));
    }

    List<AutomationCurve> curves() {
        List<AutomationCurve> out = new ArrayList<>();
        targets.forEach((key, t) -> out.add(new AutomationCurve(t, points.get(key))));
        return out;
    }
}
