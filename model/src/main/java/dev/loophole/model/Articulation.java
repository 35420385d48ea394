package dev.loophole.model;

import java.util.List;

/**
 * One way of playing a drum pad ("snare centre", "snare rim", "ghost note"): a role that some of the pad's regions
 * play. An editor shows it as an articulation lane; the regions are named by id.
 */
public record Articulation(String name, List<String> regionIds) {
    public Articulation {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("articulation name is empty");
        regionIds = List.copyOf(regionIds);
        if (regionIds.isEmpty()) throw new IllegalArgumentException("articulation '" + name + "' plays no region");
    }
}
