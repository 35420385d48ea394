package dev.loophole.media.library;

import dev.loophole.model.SampleRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a program's sample references through the library, in bulk: first by root + relative path (so a
 * moved root or a renamed mount point changes nothing in the program), then by content hash (a file that moved
 * inside the library), else the plain path. Lookups go {@value #CHUNK} references per query.
 */
final class SampleResolver {
    static final int CHUNK = 500;

    private record Row(long id, Path rootPath, String rel, String hash, MediaStatus status) {}

    private SampleResolver() {}

    static Map<SampleRef, Resolution> resolve(Connection db, Collection<SampleRef> refs) throws SQLException {
        Map<String, Long> rootIds = new HashMap<>();
        Map<Long, Path> rootPaths = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, uuid, path FROM root");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rootIds.put(rs.getString(2), rs.getLong(1));
                rootPaths.put(rs.getLong(1), Path.of(rs.getString(3)));
            }
        }
        Map<SampleRef, Resolution> out = new LinkedHashMap<>();
        Map<Long, List<SampleRef>> byRoot = new HashMap<>();
        List<SampleRef> byHash = new ArrayList<>();
        for (SampleRef ref : refs) {
            if (out.containsKey(ref) || ref.isBuiltin()) {
                if (ref.isBuiltin()) out.put(ref, new Resolution(ref, null, MediaStatus.ONLINE, -1, Resolution.How.PATH));
                continue;
            }
            out.put(ref, null);
            if (ref.media() == null) continue;
            Long rootId = rootIds.get(ref.media().root());
            if (rootId == null) byHash.add(ref);
            else byRoot.computeIfAbsent(rootId, k -> new ArrayList<>()).add(ref);
        }
        for (Map.Entry<Long, List<SampleRef>> e : byRoot.entrySet()) {
            List<SampleRef> group = e.getValue();
            for (int i = 0; i < group.size(); i += CHUNK) {
                List<SampleRef> chunk = group.subList(i, Math.min(group.size(), i + CHUNK));
                Map<String, Row> rows = rowsByRel(db, e.getKey(), rootPaths.get(e.getKey()), chunk);
                for (SampleRef ref : chunk) {
                    Row r = rows.get(ref.media().relativePath());
                    String want = ref.media().contentHash();
                    boolean same = r != null && (want == null || r.hash == null || want.equals(r.hash));
                    if (same && r.status != MediaStatus.MISSING) out.put(ref, resolution(ref, r, Resolution.How.ROOT));
                    else byHash.add(ref);
                }
            }
        }
        resolveByHash(db, byHash, out);
        for (Map.Entry<SampleRef, Resolution> e : out.entrySet()) {
            if (e.getValue() != null) continue;
            Path p = Path.of(e.getKey().path());
            boolean there = Files.isRegularFile(p);
            e.setValue(new Resolution(e.getKey(), p, there ? MediaStatus.ONLINE : MediaStatus.MISSING, -1,
                    there ? Resolution.How.PATH : Resolution.How.UNRESOLVED));
        }
        return out;
    }

    private static Resolution resolution(SampleRef ref, Row r, Resolution.How how) {
        return new Resolution(ref, Relative.resolve(r.rootPath, r.rel), r.status, r.id, how);
    }

    private static Map<String, Row> rowsByRel(Connection db, long rootId, Path rootPath, List<SampleRef> chunk) throws SQLException {
        String marks = "?,".repeat(chunk.size());
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, rel_path, hash, status FROM file WHERE root_id=? AND rel_path IN ("
                + marks.substring(0, marks.length() - 1) + ")")) {
            ps.setLong(1, rootId);
            for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i).media().relativePath());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    rows.put(rs.getString(2), new Row(rs.getLong(1), rootPath, rs.getString(2), rs.getString(3),
                            MediaStatus.valueOf(rs.getString(4))));
            }
        }
        return rows;
    }

    /** A hash may be in several places: an online copy wins over an offline or remote one. */
    private static void resolveByHash(Connection db, List<SampleRef> refs, Map<SampleRef, Resolution> out) throws SQLException {
        List<SampleRef> hashed = refs.stream().filter(r -> r.media().contentHash() != null).toList();
        for (int i = 0; i < hashed.size(); i += CHUNK) {
            List<SampleRef> chunk = hashed.subList(i, Math.min(hashed.size(), i + CHUNK));
            String marks = "?,".repeat(chunk.size());
            Map<String, Row> best = new HashMap<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT f.id, r.path, f.rel_path, f.hash, f.status FROM file f "
                    + "JOIN root r ON r.id=f.root_id WHERE f.hash IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                for (int k = 0; k < chunk.size(); k++) ps.setString(k + 1, chunk.get(k).media().contentHash());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = new Row(rs.getLong(1), Path.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                                MediaStatus.valueOf(rs.getString(5)));
                        best.merge(r.hash, r, (a, b) -> rank(b.status) < rank(a.status) ? b : a);
                    }
                }
            }
            for (SampleRef ref : chunk) {
                Row r = best.get(ref.media().contentHash());
                if (r != null && r.status != MediaStatus.MISSING) out.put(ref, resolution(ref, r, Resolution.How.HASH));
            }
        }
    }

    private static int rank(MediaStatus s) {
        return switch (s) {
            case ONLINE -> 0;
            case REMOTE -> 1;
            case OFFLINE -> 2;
            case MISSING -> 3;
        };
    }
}
