-- Rank hits with bm25 weighted name 10, words 3, tags 5, meta 1, as FTS5's own rank: "ORDER BY rank LIMIT n"
-- then runs inside FTS5 instead of sorting every match in SQL.
INSERT INTO file_fts(file_fts, rank) VALUES('rank', 'bm25(10.0, 3.0, 5.0, 1.0)');
