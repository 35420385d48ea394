package dev.loophole.pulse.server;

import dev.loophole.ipc.Protocol;
import dev.loophole.ipc.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Method name → typed handler, as LSP servers route requests: a service registers what it answers
 * with {@link #on}, and the dispatcher looks the method up. No switch over method names anywhere.
 */
public final class HandlerTable {

    /** Answers one request: returns its result record, or throws {@code RpcError.Failure} having changed nothing. */
    @FunctionalInterface
    public interface Handler<P extends Request> {
        Record handle(P params, Client from);
    }

    private final Map<String, Handler<? extends Request>> handlers = new HashMap<>();

    /** Registers the handler for the request record {@code type} (its method name is the record's {@code @Rpc}). */
    public <P extends Request> HandlerTable on(Class<P> type, Handler<P> handler) {
        String method = method(type);
        if (handlers.putIfAbsent(method, handler) != null) throw new IllegalStateException("two handlers for " + method);
        return this;
    }

    @SuppressWarnings("unchecked")
    Record handle(Request params, Client from) {
        Handler<Request> h = (Handler<Request>) handlers.get(Protocol.methodOf((Record) params).name());
        return h == null ? null : h.handle(params, from);
    }

    public boolean serves(String method) {
        return handlers.containsKey(method);
    }

    /** The methods served, in protocol order. */
    public List<String> methods() {
        return Protocol.requests().stream().map(Protocol.Method::name).filter(handlers::containsKey).toList();
    }

    private static String method(Class<? extends Request> type) {
        dev.loophole.ipc.Rpc rpc = type.getAnnotation(dev.loophole.ipc.Rpc.class);
        if (rpc == null) throw new IllegalArgumentException(type.getName() + " is not a request record");
        return rpc.value();
    }
}
