package dev.loophole.pulse.server;

/**
 * A token bucket per connection: {@code perSecond} messages a second on average, bursts up to one
 * second's worth. Called only from the connection's own receiving thread.
 */
final class RateLimiter {
    private final double perSecond;
    private double tokens;
    private long last;

    RateLimiter(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.last = System.nanoTime();
    }

    /** Takes {@code n} messages' worth; false when the connection is over its rate (then nothing is taken). */
    boolean tryTake(int n) {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - last) * 1e-9 * perSecond);
        last = now;
        if (tokens < n) return false;
        tokens -= n;
        return true;
    }
}
