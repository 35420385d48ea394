package dev.loophole.model;

import java.util.List;

/** A group of regions sharing settings (SFZ {@code <group>}); kept as a unit for editing and export. */
public record SampleGroup(String groupId, String name, List<SampleRegion> regions) {
    public SampleGroup {
        if (groupId == null || groupId.isBlank()) throw new IllegalArgumentException("group id is empty");
        regions = List.copyOf(regions);
    }
}
