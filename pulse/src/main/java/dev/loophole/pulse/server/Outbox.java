package dev.loophole.pulse.server;

import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connection's outgoing frames, sent one at a time in order (a WebSocket session takes one
 * pending write). A client that stops reading and lets {@code limit} frames pile up is closed
 * rather than let it hold the server's memory.
 */
final class Outbox {
    private final Session session;
    private final int limit;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(Session session, int limit) {
        this.session = session;
        this.limit = limit;
    }

    void send(String text) {
        synchronized (this) {
            if (closed) return;
            if (queue.size() >= limit) {
                closed = true;
                queue.clear();
                session.close(1008, "too many unread messages", Callback.NOOP);
                return;
            }
            queue.add(text);
            if (sending) return;
            sending = true;
        }
        next();
    }

    private void next() {
        String text;
        synchronized (this) {
            text = queue.poll();
            if (text == null || closed) {
                sending = false;
                return;
            }
        }
        session.sendText(text, Callback.from(this::next, failure -> close()));
    }

    synchronized void close() {
        closed = true;
        queue.clear();
    }
}
