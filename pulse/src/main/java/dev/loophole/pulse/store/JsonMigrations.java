package dev.loophole.pulse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a project document of an older format version becomes the current one: one step per
 * version, applied in order to the {@code project} tree (so a version 1 file goes 1 → 2 → … ).
 * A new version adds its step here and bumps {@link ProjectJson#VERSION}; old files keep loading.
 */
final class JsonMigrations {
    /** Step {@code i} turns version {@code i + 1} into version {@code i + 2}. */
    private static final List<Consumer<ObjectNode>> STEPS = List.of(
            JsonMigrations::dropVoiceReports // 1 → 2
    );

    private JsonMigrations() {}

    /** The version this build writes: one past the last step. */
    static int current() { return STEPS.size() + 1; }

    /** Brings {@code project} from {@code version} to {@link #current()}, in place. */
    static void migrate(ObjectNode project, int version) {
        for (int v = version; v < current(); v++) STEPS.get(v - 1).accept(project);
    }

    /**
     * 1 → 2: version 1 wrote each instrument node's {@code voices} (the engine's runtime report,
     * always null in a saved project); version 2 leaves it out.
     */
    private static void dropVoiceReports(ObjectNode project) {
        for (JsonNode track : project.path("tracks"))
            for (JsonNode node : track.path("graph").path("instruments"))
                if (node instanceof ObjectNode o) o.remove("voices");
    }
}
