package dev.loophole.model;

/**
 * One routing of the modulation matrix: a source (for example {@code cc1}, {@code lfo1}, {@code eg2},
 * {@code vel}) drives a target (for example {@code volume}, {@code cutoff}, {@code pitch}) by {@code depth}
 * in the target's unit, shaped by an optional curve index and smoothed over {@code smooth} ms.
 */
public record Modulation(String source, String target, double depth, int curve, double smooth) {
    public Modulation {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("modulation source is empty");
        if (target == null || target.isBlank()) throw new IllegalArgumentException("modulation target is empty");
    }
}
