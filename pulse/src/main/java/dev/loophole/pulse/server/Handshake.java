package dev.loophole.pulse.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who may open the WebSocket: a client presenting the token (query {@code token=} or
 * {@code Authorization: Bearer}), and, when it is a browser (it sends Origin), only a page the
 * server itself served. Non-browser programs send no Origin.
 */
final class Handshake {
    private final byte[] token;
    private final Set<String> origins;

    Handshake(String token, Set<String> origins) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.origins = origins;
    }

    /** Why the handshake is refused, or null when it is allowed. */
    String refusal(String query, String authorization, String origin) {
        String presented = bearer(authorization);
        if (presented == null) presented = queryToken(query);
        if (presented == null) return "no token: connect with ?token=… or Authorization: Bearer …";
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) return "wrong token";
        if (origin != null && !origins.contains(origin)) return "origin " + origin + " is not this server's";
        return null;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return authorization.substring(7).strip();
    }

    private static String queryToken(String query) {
        if (query == null) return null;
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals("token"))
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }
}
