package dev.loophole.model.project;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** Checks shared by the records: ids present, unique within their list. */
final class Ids {
    private Ids() {}

    static String require(String id, String what) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException(what + " is empty");
        return id;
    }

    static <T> void unique(Collection<T> items, Function<T, String> id, String what) {
        Set<String> seen = new HashSet<>();
        for (T t : items)
            if (!seen.add(id.apply(t))) throw new IllegalArgumentException("duplicate " + what + " '" + id.apply(t) + "'");
    }
}
