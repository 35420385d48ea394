package dev.loophole.model.project;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Checks shared by the records (ids present, unique within their list), and new ids. */
public final class Ids {
    private Ids() {}

    /** {@code prefix} + the first number from 1 up that {@code taken} does not hold. */
    public static String fresh(String prefix, Predicate<String> taken) {
        for (int i = 1; ; i++) if (!taken.test(prefix + i)) return prefix + i;
    }

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
