package dev.loophole.pulse.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The connected clients: every one gets every broadcast notification; what a client held goes when it leaves. */
final class Clients {
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Client>> leaving = new CopyOnWriteArrayList<>();

    /** Calls {@code l} once for each client that disconnects (closed or broken), after it stops getting broadcasts. */
    void onLeave(Consumer<Client> l) {
        leaving.add(l);
    }

    void add(Connection c) {
        all.add(c);
    }

    void remove(Connection c) {
        if (all.remove(c)) for (Consumer<Client> l : leaving) l.accept(c);
    }

    void broadcast(String text) {
        for (Connection c : all) c.send(text);
    }

    int count() {
        return all.size();
    }
}
