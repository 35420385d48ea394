-- The media library: roots (folders, drives, network or cloud-synced folders), the audio files under them,
-- their embedded tags, user and automatic tags, waveform overviews, and a full-text index over names and tags.

CREATE TABLE root (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,          -- what programs refer to; survives moves of the folder
    path        TEXT    NOT NULL UNIQUE,          -- where the root is now
    device      INTEGER,                          -- st_dev of the root folder at the last scan (a mount changes it)
    status      TEXT    NOT NULL DEFAULT 'ONLINE',-- ONLINE or OFFLINE
    added_at    INTEGER NOT NULL,
    scanned_at  INTEGER
);

CREATE TABLE file (
    id            INTEGER PRIMARY KEY,
    root_id       INTEGER NOT NULL REFERENCES root(id) ON DELETE CASCADE,
    rel_path      TEXT    NOT NULL,               -- '/'-separated, relative to the root
    name          TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    mtime         INTEGER NOT NULL,               -- milliseconds
    hash          TEXT,                           -- SHA-256 of the whole file, hex; null until the content is local
    status        TEXT    NOT NULL DEFAULT 'ONLINE', -- ONLINE, OFFLINE, REMOTE, MISSING
    format        TEXT,                           -- WAV, AIFF, FLAC, OGG_VORBIS
    encoding      TEXT,                           -- e.g. 24-bit PCM
    bits          INTEGER,
    float_samples INTEGER,
    rate          INTEGER,
    channels      INTEGER,
    frames        INTEGER,
    duration      REAL,                           -- seconds
    root_key      INTEGER,                        -- from smpl/inst, else null
    fine_tune     REAL,
    loop_start    INTEGER,
    loop_end      INTEGER,
    tempo         REAL,                           -- acid chunk or a BPM tag
    musical_key   TEXT,                           -- acid/TKEY tag as written
    pitch_hz      REAL,                           -- detected fundamental, null when none is clear
    pitch_key     INTEGER,                        -- nearest MIDI key of pitch_hz
    loudness_db   REAL,                           -- RMS level in dBFS over the whole file
    peak_db       REAL,
    one_shot      INTEGER,                        -- 1 one-shot, 0 loop
    error         TEXT,                           -- why the file could not be read, or null
    scanned_at    INTEGER NOT NULL,
    UNIQUE (root_id, rel_path)
);
CREATE INDEX file_hash ON file(hash);
CREATE INDEX file_size ON file(size);
CREATE INDEX file_status ON file(status);

-- What the file says about itself: BWF bext, RIFF INFO, Vorbis comments, acid.
CREATE TABLE file_meta (
    file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
    key     TEXT    NOT NULL,
    value   TEXT    NOT NULL,
    PRIMARY KEY (file_id, key)
) WITHOUT ROWID;

-- source: USER (typed by the user), NAME (from folder and file names), ANALYSIS (from the audio)
CREATE TABLE tag (
    file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    source  TEXT    NOT NULL,
    PRIMARY KEY (file_id, tag, source)
) WITHOUT ROWID;
CREATE INDEX tag_by_name ON tag(tag, file_id);

-- Waveform overview: min/max peaks at several zoom levels (see WaveformOverview for the layout).
CREATE TABLE peaks (
    file_id INTEGER PRIMARY KEY REFERENCES file(id) ON DELETE CASCADE,
    data    BLOB NOT NULL
);

-- rowid = file.id. name and words weigh most in bm25; words holds names split at case and digit changes.
CREATE VIRTUAL TABLE file_fts USING fts5(name, words, tags, meta, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
