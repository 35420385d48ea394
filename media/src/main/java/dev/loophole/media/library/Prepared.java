package dev.loophole.media.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per connection: a scan writes thousands of rows through the same dozen statements,
 * and preparing one costs more than running it. Callers must not close what they get; closing the connection
 * closes them.
 */
final class Prepared {
    private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new WeakHashMap<>();

    private Prepared() {}

    static PreparedStatement get(Connection c, String sql) throws SQLException {
        synchronized (CACHE) {
            Map<String, PreparedStatement> m = CACHE.computeIfAbsent(c, k -> new HashMap<>());
            PreparedStatement ps = m.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = c.prepareStatement(sql);
                m.put(sql, ps);
            }
            ps.clearParameters();
            return ps;
        }
    }
}
