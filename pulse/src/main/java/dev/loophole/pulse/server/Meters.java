package dev.loophole.pulse.server;

import dev.loophole.ipc.SignalNotification;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Throttled voice and level summaries for the clients that asked: each gets at most one of each
 * per its interval, and only when it changed since the last it got.
 */
final class Meters implements AutoCloseable {
    /** What the engine reports; null when there is no engine (editing without audio). */
    interface Source {
        SignalNotification.Voices voices();

        SignalNotification.Levels levels();
    }

    private record Subscription(boolean voices, boolean levels, int intervalMs, long[] nextAt, Object[] last) {
    }

    private final Map<Client, Subscription> subscribers = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;
    private final Supplier<Source> source;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "meters");
        t.setDaemon(true);
        return t;
    });

    Meters(Dispatcher dispatcher, Supplier<Source> source) {
        this.dispatcher = dispatcher;
        this.source = source;
        timer.scheduleAtFixedRate(this::tick, 50, 50, TimeUnit.MILLISECONDS);
    }

    void subscribe(Client c, boolean voices, boolean levels, int intervalMs) {
        if (intervalMs == 0 || !(voices || levels)) subscribers.remove(c);
        else subscribers.put(c, new Subscription(voices, levels, Math.max(50, intervalMs), new long[1], new Object[2]));
    }

    private void tick() {
        if (subscribers.isEmpty()) return;
        Source s = source.get();
        if (s == null) return;
        dispatcher.run(() -> {
            SignalNotification.Voices v = s.voices();
            SignalNotification.Levels l = s.levels();
            long now = System.nanoTime();
            for (var e : subscribers.entrySet()) {
                Subscription sub = e.getValue();
                if (now < sub.nextAt()[0]) continue;
                sub.nextAt()[0] = now + sub.intervalMs() * 1_000_000L;
                if (sub.voices() && v != null && !Objects.equals(v, sub.last()[0])) {
                    sub.last()[0] = v;
                    e.getKey().notify(v);
                }
                if (sub.levels() && l != null && !Objects.equals(l, sub.last()[1])) {
                    sub.last()[1] = l;
                    e.getKey().notify(l);
                }
            }
        });
    }

    void forget(Client c) {
        subscribers.remove(c);
    }

    /** Clients subscribed now. */
    int subscriptions() {
        return subscribers.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
