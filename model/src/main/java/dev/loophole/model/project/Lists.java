package dev.loophole.model.project;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Copy-on-write list edits by id, shared by the records' {@code with…} methods. */
public final class Lists {
    private Lists() {}

    /** {@code list} with the element whose id equals {@code item}'s replaced by {@code item}; throws if absent. */
    public static <T> List<T> replace(List<T> list, Function<T, String> id, T item) {
        String key = id.apply(item);
        List<T> out = new ArrayList<>(list);
        for (int i = 0; i < out.size(); i++) {
            if (id.apply(out.get(i)).equals(key)) {
                out.set(i, item);
                return out;
            }
        }
        throw new IllegalArgumentException("no '" + key + "' to replace");
    }

    public static <T> List<T> insert(List<T> list, int index, T item) {
        if (index < 0 || index > list.size()) throw new IllegalArgumentException("index " + index + " is outside 0.." + list.size());
        List<T> out = new ArrayList<>(list);
        out.add(index, item);
        return out;
    }

    public static <T> List<T> removeAt(List<T> list, int index) {
        List<T> out = new ArrayList<>(list);
        out.remove(index);
        return out;
    }

    public static <T> int indexOf(List<T> list, Function<T, String> id, String key) {
        for (int i = 0; i < list.size(); i++) if (id.apply(list.get(i)).equals(key)) return i;
        return -1;
    }
}
