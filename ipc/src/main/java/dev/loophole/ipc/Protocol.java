package dev.loophole.ipc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every method of the protocol, found by walking the sealed {@link Request} and {@link Notification}
 * hierarchies: adding a record with an {@link Rpc} annotation is all it takes to add a message.
 */
public final class Protocol {
    /** Bumped when a message changes incompatibly. */
    public static final int VERSION = 1;

    /** One method: its name, the record its params decode into and (for requests) the result record. */
    public record Method(String name, Class<? extends Record> params, Class<? extends Record> result, String doc,
                         boolean request) {
    }

    private static final Map<String, Method> METHODS = collect();

    private Protocol() {
    }

    /** The method of this name, or null. */
    public static Method method(String name) {
        return METHODS.get(name);
    }

    /** The method a message record travels as. */
    public static Method methodOf(Record message) {
        Rpc rpc = message.getClass().getAnnotation(Rpc.class);
        if (rpc == null) throw new IllegalArgumentException(message.getClass().getName() + " is not a message");
        return METHODS.get(rpc.value());
    }

    public static List<Method> requests() {
        return METHODS.values().stream().filter(Method::request).toList();
    }

    public static List<Method> notifications() {
        return METHODS.values().stream().filter(m -> !m.request()).toList();
    }

    public static Map<String, Method> all() {
        return Collections.unmodifiableMap(METHODS);
    }

    private static Map<String, Method> collect() {
        Map<String, Method> out = new LinkedHashMap<>();
        for (Class<?> c : leaves(Request.class, new ArrayList<>())) add(out, c, true);
        for (Class<?> c : leaves(Notification.class, new ArrayList<>())) add(out, c, false);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Method> out, Class<?> c, boolean request) {
        Rpc rpc = c.getAnnotation(Rpc.class);
        if (rpc == null || !c.isRecord()) throw new IllegalStateException(c.getName() + " needs @Rpc and must be a record");
        Method m = new Method(rpc.value(), (Class<? extends Record>) c, request ? rpc.result() : null, rpc.doc(), request);
        if (out.put(m.name(), m) != null) throw new IllegalStateException("two records for " + m.name());
    }

    private static List<Class<?>> leaves(Class<?> sealed, List<Class<?>> into) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed()) leaves(c, into);
            else into.add(c);
        }
        return into;
    }
}
