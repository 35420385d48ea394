-- A Loophole project: one SQLite file. Tracks, clips and node states are rows so a save rewrites
-- only what changed; their bodies are the project JSON of docs/specs/project-json.md.
CREATE TABLE project (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    format            TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    ticks_per_quarter INTEGER NOT NULL,
    sample_rate       INTEGER NOT NULL,
    tempo             TEXT    NOT NULL, -- the tempo track as JSON
    track_count       INTEGER NOT NULL  -- a cross-check on load
);

CREATE TABLE track (
    track_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    body     TEXT    NOT NULL -- the track as JSON without its clips and its instruments' states
);

CREATE TABLE clip (
    clip_id  TEXT PRIMARY KEY,
    track_id TEXT    NOT NULL REFERENCES track (track_id) ON DELETE CASCADE,
    lane_id  TEXT    NOT NULL,
    position INTEGER NOT NULL, -- order within its lane
    body     TEXT    NOT NULL
);

CREATE TABLE node_state (
    node_id  TEXT PRIMARY KEY,
    track_id TEXT NOT NULL REFERENCES track (track_id) ON DELETE CASCADE,
    kind     TEXT NOT NULL, -- 'sampler': blob is the Program as JSON; 'plugin': blob is the plugin's bytes
    format   TEXT,          -- a plugin state's format (null for sampler)
    blob     BLOB NOT NULL
);

CREATE INDEX clip_by_track ON clip (track_id);
CREATE INDEX node_state_by_track ON node_state (track_id);
