package dev.loophole.pulse.server;

import dev.loophole.ipc.JsonRpc;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebSocket server at {@code /ipc} (Jetty core WebSocket, no servlets): JSON-RPC 2.0 frames
 * in, through the {@link Dispatcher} and the {@link HandlerTable}, responses and notifications out.
 * Register the services' handlers on {@link #table()} before {@link #start()}.
 */
public final class IpcServer implements AutoCloseable {
    public static final String PATH = "/ipc";
    private final ServerConfig config;
    private final JsonRpc rpc;
    private final HandlerTable table = new HandlerTable();
    private final Dispatcher dispatcher;
    private final Clients clients = new Clients();
    private Server server;
    private int port;

    public IpcServer(ServerConfig config) {
        this.config = config;
        this.rpc = new JsonRpc(config.maxBatch());
        this.dispatcher = new Dispatcher(rpc, table);
        dispatcher.broadcastTo(clients::broadcast);
    }

    public HandlerTable table() {
        return table;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ServerConfig config() {
        return config;
    }

    public JsonRpc rpc() {
        return rpc;
    }

    /** Calls {@code l} for each client that disconnects: services drop what they held for it (subscriptions). */
    public void onDisconnect(java.util.function.Consumer<Client> l) {
        clients.onLeave(l);
    }

    public int clientCount() {
        return clients.count();
    }

    public IpcServer start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("ipc");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        Handshake[] handshake = new Handshake[1];
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            // Our own limit (maxMessageBytes) answers with an error and keeps the connection; Jetty's
            // limits only stop what would exhaust memory, fragment by fragment.
            container.setMaxTextMessageSize(Long.MAX_VALUE);
            container.setMaxFrameSize(64L << 20);
            container.setAutoFragment(true);
            container.setIdleTimeout(Duration.ofHours(24));
            container.addMapping(PATH, (request, response, callback) -> {
                String refusal = handshake[0].refusal(request.getHttpURI().getQuery(),
                        request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHeaders().get(HttpHeader.ORIGIN));
                if (refusal != null) {
                    Response.writeError(request, response, callback, 403, refusal);
                    return null;
                }
                return newConnection();
            });
        });
        ws.setHandler(new Page());
        server.setHandler(ws);
        server.start();
        port = connector.getLocalPort();
        handshake[0] = new Handshake(config.token(), origins());
        return this;
    }

    /** A client's end of the protocol; the WebSocket attaches it to its socket (tests may attach it to a queue). */
    Connection newConnection() {
        return new Connection(config, rpc, dispatcher, clients);
    }

    /** The pages' origins a browser may connect from: this server's own. */
    private Set<String> origins() {
        Set<String> o = new LinkedHashSet<>();
        for (String h : new String[] {"127.0.0.1", "localhost", "[::1]"}) o.add("http://" + h + ":" + port);
        if (!config.loopback()) o.add("http://" + config.host() + ":" + port);
        return o;
    }

    public int port() {
        return port;
    }

    /** The URL printed at start: the page, carrying the token. */
    public String url() {
        return "http://" + (config.loopback() ? "127.0.0.1" : config.host()) + ":" + port + "/?token=" + config.token();
    }

    public URI webSocketUri() {
        return URI.create("ws://" + (config.loopback() ? "127.0.0.1" : config.host()) + ":" + port + PATH + "?token=" + config.token());
    }

    /** The Pulse thread's queued work first, while its clients can still hear it; then the sockets. */
    @Override
    public void close() throws Exception {
        dispatcher.close();
        if (server != null) server.stop();
    }

    /** The plain page at "/": says where the endpoint is (the browser editor is served here once it exists). */
    private final class Page extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/".equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            String html = "<!doctype html><html><head><meta charset=utf-8><link rel=icon href=\"data:,\"><title>Loophole</title></head>"
                    + "<body><h1>Loophole is serving</h1><p>JSON-RPC 2.0 over WebSocket at <code>ws://HOST" + PATH
                    + "?token=…</code>; see docs/specs/ipc/pulse/session.md.</p></body></html>";
            response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
