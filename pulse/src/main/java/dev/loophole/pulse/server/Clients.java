package dev.loophole.pulse.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connected clients: every one gets every broadcast notification. */
final class Clients {
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    void add(Connection c) {
        all.add(c);
    }

    void remove(Connection c) {
        all.remove(c);
    }

    void broadcast(String text) {
        for (Connection c : all) c.send(text);
    }

    int count() {
        return all.size();
    }
}
