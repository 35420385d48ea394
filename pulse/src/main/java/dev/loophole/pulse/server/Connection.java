package dev.loophole.pulse.server;

import dev.loophole.ipc.Incoming;
import dev.loophole.ipc.JsonRpc;
import dev.loophole.ipc.Notification;
import dev.loophole.ipc.RpcError;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client's WebSocket. Assembles text fragments up to the size limit (a larger message is
 * read to its end and dropped, then answered with an error: the connection stays open), applies
 * the rate limit, decodes on this connection's own thread and hands the result to the dispatcher.
 */
public final class Connection extends Session.Listener.AbstractAutoDemanding implements Client {
    private final ServerConfig config;
    private final JsonRpc rpc;
    private final Dispatcher dispatcher;
    private final Clients clients;
    private final RateLimiter rate;
    private final StringBuilder message = new StringBuilder();
    private boolean oversized;
    private long oversizedChars;
    private Outbox outbox;
    private java.util.function.Consumer<String> out = text -> { };
    private volatile String name = "client";

    Connection(ServerConfig config, JsonRpc rpc, Dispatcher dispatcher, Clients clients) {
        this.config = config;
        this.rpc = rpc;
        this.dispatcher = dispatcher;
        this.clients = clients;
        this.rate = new RateLimiter(config.messagesPerSecond());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        outbox = new Outbox(session, config.outboxLimit());
        name = String.valueOf(session.getRemoteSocketAddress());
        attach(outbox::send);
    }

    /** Starts taking part: frames for this client go to {@code sink} (the socket's outbox, or a test's queue). */
    void attach(java.util.function.Consumer<String> sink) {
        out = sink;
        clients.add(this);
    }

    @Override
    public void onWebSocketPartialText(String fragment, boolean last) {
        if (!oversized && message.length() + fragment.length() > config.maxMessageBytes()) {
            oversized = true;
            oversizedChars = message.length();
            message.setLength(0);
        }
        if (oversized) oversizedChars += fragment.length();
        else message.append(fragment);
        if (!last) return;
        if (oversized) {
            oversized = false;
            send(rpc.error(null, new RpcError(RpcError.TOO_LARGE,
                    "a message of " + oversizedChars + " characters; the most is " + config.maxMessageBytes())));
            return;
        }
        String text = message.toString();
        message.setLength(0);
        if (message.capacity() > 65536) message.trimToSize();
        Incoming in = rpc.decode(text);
        int count = in instanceof Incoming.Batch b ? b.items().size() : 1;
        if (!rate.tryTake(count)) {
            send(rpc.error(null, new RpcError(RpcError.RATE_LIMITED,
                    "more than " + config.messagesPerSecond() + " messages a second: this one was dropped, nothing applied")));
            return;
        }
        dispatcher.dispatch(this, in);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        clients.remove(this);
        if (outbox != null) outbox.close();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        clients.remove(this);
        if (outbox != null) outbox.close();
    }

    void send(String text) {
        out.accept(text);
    }

    /** One whole text message from the client (what Jetty hands over, fragment by fragment). */
    void receive(String text) {
        onWebSocketPartialText(text, true);
    }

    @Override
    public void notify(Notification n) {
        dispatcher.notifyOnly(this, n);
    }

    void named(String clientName) {
        name = clientName;
    }

    @Override
    public String name() {
        return name;
    }
}
