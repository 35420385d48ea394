package dev.loophole.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.loophole.ipc.Incoming;
import dev.loophole.ipc.JsonRpc;
import dev.loophole.ipc.Notification;
import dev.loophole.ipc.RpcError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs every request on one thread, "the Pulse thread", in the order frames arrived: changes apply
 * one at a time, so the revision order is the order every client sees. A request's response goes
 * out before the notifications its change caused; those go to every client in the same order.
 */
public final class Dispatcher implements AutoCloseable {
    private final JsonRpc rpc;
    private final HandlerTable table;
    /** How long {@link #close} waits for the request running and the work queued (a stopping server's last notifications). */
    static final long CLOSE_WAIT_MILLIS = 750; // with the render jobs' 1 s and the watcher's 0.5 s, inside a stop hook's 3 s
    // Work arriving once closed (a request on a socket not yet shut, a render's progress) is dropped, not thrown back
    // at its thread; a caller waiting for it (call) gets a CancellationException.
    private final ExecutorService pulse = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "pulse");
        t.setDaemon(true);
        return t;
    }, (work, executor) -> {
        if (work instanceof java.util.concurrent.Future<?> f) f.cancel(false);
    });
    /** Notifications raised while a request runs, sent after its response (touched on the Pulse thread only). */
    private final List<Pending> pending = new ArrayList<>();
    private Consumer<String> broadcast = s -> { };

    private record Pending(Connection only, Notification notification) {
    }

    public Dispatcher(JsonRpc rpc, HandlerTable table) {
        this.rpc = rpc;
        this.table = table;
    }

    void broadcastTo(Consumer<String> everyone) {
        this.broadcast = everyone;
    }

    /** Queues a notification for every client; sent once the request being handled has its response. Pulse thread only. */
    public void broadcast(Notification n) {
        pending.add(new Pending(null, n));
    }

    void notifyOnly(Connection c, Notification n) {
        pending.add(new Pending(c, n));
    }

    /** Runs work on the Pulse thread (events from Pulse's own listeners, timers) and flushes what it raised. */
    public void run(Runnable work) {
        pulse.execute(() -> {
            work.run();
            flush();
        });
    }

    /** Runs work on the Pulse thread and waits for it (tests, start-up). */
    public <T> T call(java.util.concurrent.Callable<T> work) throws Exception {
        T out = pulse.submit(work).get();
        pulse.submit(this::flush).get();
        return out;
    }

    void dispatch(Connection from, Incoming in) {
        pulse.execute(() -> {
            switch (in) {
                case Incoming.Invalid(RpcError e) -> from.send(rpc.error(null, e));
                case Incoming.Single(Incoming.Item item) -> {
                    String response = answer(from, item);
                    if (response != null) from.send(response);
                }
                case Incoming.Batch(List<Incoming.Item> items) -> {
                    ArrayNode out = rpc.objectMapper().createArrayNode();
                    for (Incoming.Item item : items) {
                        String r = answer(from, item);
                        if (r != null) out.add(rpc.tree(r));
                    }
                    if (!out.isEmpty()) from.send(out.toString());
                }
            }
            flush();
        });
    }

    /** The response text for one message, or null for a notification (which JSON-RPC never answers). */
    private String answer(Connection from, Incoming.Item item) {
        return switch (item) {
            case Incoming.Bad b -> b.notification() ? null : rpc.error(b.id(), b.error());
            case Incoming.Call call -> {
                JsonNode id = call.id();
                int mark = pending.size();
                try {
                    Record result = table.serves(call.method().name()) ? table.handle(call.params(), from) : null;
                    if (result == null && !table.serves(call.method().name()))
                        throw new RpcError.Failure(RpcError.NOT_SERVED, call.method().name() + " is part of the protocol but this server does not serve it");
                    yield call.expectsResponse() ? rpc.result(id, result) : null;
                } catch (RpcError.Failure f) {
                    drop(mark);
                    yield call.expectsResponse() ? rpc.error(id, f.error()) : null;
                } catch (IllegalArgumentException e) {
                    drop(mark);
                    yield call.expectsResponse() ? rpc.error(id, new RpcError(RpcError.INVALID_PARAMS, call.method().name() + ": " + e.getMessage())) : null;
                } catch (RuntimeException e) {
                    drop(mark);
                    yield call.expectsResponse() ? rpc.error(id, new RpcError(RpcError.INTERNAL_ERROR, call.method().name() + " failed: " + e)) : null;
                }
            }
        };
    }

    /** A failed request raised nothing: its notifications go too. */
    private void drop(int mark) {
        while (pending.size() > mark) pending.removeLast();
    }

    private void flush() {
        for (Pending p : pending) {
            String text = rpc.notification(p.notification());
            if (p.only() == null) broadcast.accept(text);
            else p.only().send(text);
        }
        pending.clear();
    }

    /**
     * Runs what is queued (with the sockets still open: its responses and notifications go out) and takes no more work.
     * A request still running after {@link #CLOSE_WAIT_MILLIS} is left to the end of the process: a save is one
     * transaction or a rename, so the file holds the last save either way.
     */
    @Override
    public void close() throws InterruptedException {
        pulse.shutdown();
        pulse.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
