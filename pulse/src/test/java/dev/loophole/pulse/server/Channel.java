package dev.loophole.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.JsonRpc;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Raw frames to a server and what comes back: over a real socket, or straight into a connection in-process (same decoding, limits and dispatch; no framing). */
interface Channel extends AutoCloseable {
    void send(String text);

    /** The next frame back, or null after the timeout. */
    JsonNode next(long timeoutMs) throws InterruptedException;

    static Channel socket(PulseServer server) {
        IpcClient c = IpcClient.connect(server.webSocketUri());
        return new Channel() {
            public void send(String text) { c.sendText(text); }
            public JsonNode next(long ms) { return c.next(ms); }
            public void close() { c.close(); }
        };
    }

    static Channel inProcess(PulseServer server) {
        BlockingQueue<String> back = new LinkedBlockingQueue<>();
        Connection conn = server.ipc().newConnection();
        conn.attach(back::add);
        JsonRpc rpc = server.ipc().rpc();
        return new Channel() {
            public void send(String text) { conn.receive(text); }
            public JsonNode next(long ms) throws InterruptedException {
                String s = back.poll(ms, TimeUnit.MILLISECONDS);
                return s == null ? null : rpc.tree(s);
            }
            public void close() { conn.onWebSocketClose(1000, "done"); }
        };
    }
}
