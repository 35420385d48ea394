package dev.loophole.model.project;

import java.util.List;

/** Checks shared by expression and automation curves. */
final class Curves {
    private Curves() {}

    /** Points in time order (equal ticks allowed, for jumps), values within lo..hi. */
    static List<Breakpoint> check(List<Breakpoint> points, double lo, double hi, String what) {
        points = List.copyOf(points);
        long last = Long.MIN_VALUE;
        for (Breakpoint b : points) {
            if (b.tick() < last) throw new IllegalArgumentException(what + ": breakpoint at tick " + b.tick() + " comes after tick " + last);
            if (b.value() < lo || b.value() > hi)
                throw new IllegalArgumentException(what + ": value " + b.value() + " at tick " + b.tick() + " is outside " + lo + ".." + hi);
            last = b.tick();
        }
        return points;
    }
}
