package dev.loophole.pulse.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How the server listens and what it takes.
 *
 * @param host              the address to bind: loopback unless the user widened it with {@code --listen}
 * @param port              0 for any free port
 * @param token             what every client must present; a new random one per start
 * @param maxMessageBytes   the largest message taken (characters of one text message)
 * @param maxBatch          the most messages in one batch
 * @param messagesPerSecond per connection, on average (bursts up to one second's worth)
 * @param outboxLimit       frames a client may leave unread before it is closed
 */
public record ServerConfig(String host, int port, String token, int maxMessageBytes, int maxBatch,
                           int messagesPerSecond, int outboxLimit) {
    public static final String LOOPBACK = "127.0.0.1";

    public ServerConfig {
        if (token == null || token.length() < 16) throw new IllegalArgumentException("the token must be at least 16 characters");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }

    /** Loopback, a free port, a fresh token and the default limits. */
    public static ServerConfig defaults() {
        return new ServerConfig(LOOPBACK, 0, newToken(), 1 << 20, 100, 2000, 100_000);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, token, maxMessageBytes, maxBatch, messagesPerSecond, outboxLimit);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, token, maxMessageBytes, maxBatch, messagesPerSecond, outboxLimit);
    }

    public ServerConfig withLimits(int maxMessage, int batch, int perSecond) {
        return new ServerConfig(host, port, token, maxMessage, batch, perSecond, outboxLimit);
    }

    public boolean loopback() {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1");
    }

    /** 128 random bits as hex, as Jupyter's tokens. */
    public static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
