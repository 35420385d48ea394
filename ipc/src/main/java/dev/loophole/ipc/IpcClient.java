package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small client of the protocol over the JDK's WebSocket: typed requests, their responses by id,
 * and the notifications in arrival order. For tests, benchmarks and scripts; an editor in a browser
 * speaks the same frames.
 */
public final class IpcClient implements AutoCloseable {
    /** A response that was an error. */
    public static final class Error extends RuntimeException {
        private final transient RpcError error;

        Error(RpcError error) {
            super(error.code() + " " + error.message(), null, false, false);
            this.error = error;
        }

        public RpcError error() {
            return error;
        }
    }

    private final JsonRpc rpc = new JsonRpc(Integer.MAX_VALUE);
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** Every notification, and every frame without a numeric id the client did not ask for (errors with id null, batches). */
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final HttpClient http;
    private final Object sendLock = new Object();

    private IpcClient(WebSocket socket, HttpClient http) {
        this.socket = socket;
        this.http = http;
    }

    /** Connects to a server's endpoint (the URI carries the token), with extra handshake headers (name, value, …). */
    public static IpcClient connect(URI uri, String... headers) {
        IpcClient[] self = new IpcClient[1];
        Listener listener = new Listener(self);
        HttpClient http = HttpClient.newHttpClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        WebSocket ws;
        try {
            ws = b.buildAsync(uri, listener).join();
        } catch (RuntimeException e) {
            http.shutdownNow();
            throw e;
        }
        self[0] = new IpcClient(ws, http);
        listener.ready.complete(null);
        return self[0];
    }

    /** Sends a request and waits for its result, as JSON; an error response throws {@link Error}. */
    public JsonNode call(Request params) {
        return await(callAsync(params));
    }

    /** Sends a request and waits for its result, read into its record. */
    public <R> R call(Request params, Class<R> type) {
        return rpc.read(call(params), type);
    }

    public CompletableFuture<JsonNode> callAsync(Request params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        sendText(rpc.request(id, params));
        return f;
    }

    /** Sends any text as a frame (malformed on purpose, batches…). */
    public void sendText(String text) {
        synchronized (sendLock) {
            socket.sendText(text, true).join();
        }
    }

    /** The next notification or unsolicited frame, or null after the timeout. */
    public JsonNode next(long timeoutMs) {
        try {
            return inbox.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next notification of this method (others before it are dropped), read into its record. */
    public <N extends Notification> N expect(Class<N> type, long timeoutMs) {
        String method = type.getAnnotation(Rpc.class).value();
        long end = System.currentTimeMillis() + timeoutMs;
        for (long left; (left = end - System.currentTimeMillis()) > 0; ) {
            JsonNode n = next(left);
            if (n != null && method.equals(n.path("method").asText())) return rpc.read(n.get("params"), type);
        }
        throw new AssertionError("no " + method + " within " + timeoutMs + " ms");
    }

    public BlockingQueue<JsonNode> inbox() {
        return inbox;
    }

    public JsonRpc rpc() {
        return rpc;
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    private static JsonNode await(CompletableFuture<JsonNode> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("no response: " + e, e);
        }
    }

    private void receive(String text) {
        JsonNode n = rpc.tree(text);
        if (n.isObject() && n.has("id") && n.get("id").canConvertToLong() && n.get("id").isIntegralNumber()) {
            CompletableFuture<JsonNode> f = waiting.remove(n.get("id").asLong());
            if (f != null) {
                if (n.has("error")) f.completeExceptionally(new Error(rpc.read(n.get("error"), RpcError.class)));
                else f.complete(n.get("result"));
                return;
            }
        }
        inbox.add(n);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        } finally {
            http.shutdown(); // its selector thread goes once the close is through
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final IpcClient[] self;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        Listener(IpcClient[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String t = text.toString();
                text.setLength(0);
                ready.join();
                self[0].receive(t);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            ready.join();
            self[0].waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed: " + status + " " + reason)));
            return null;
        }
    }
}
