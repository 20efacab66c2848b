-- Recordings as evidence: the time map of a source built from a timed
-- transcript, recordings uploaded to Cotejo, and the media range of quotes.

-- A timed source has a duration (the end of its last cue) and its cues in
-- source_time_maps; recording describes an uploaded recording (JSON).
ALTER TABLE sources ADD COLUMN duration {{FLOAT}};
ALTER TABLE sources ADD COLUMN recording TEXT;

-- The time map: the cues of a timed source, JSON, one row per source. It
-- lives apart from the source row so that reading a source (for a check,
-- a list) does not read its cues.
CREATE TABLE source_time_maps (
    source_id  BIGINT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    cues       TEXT NOT NULL,
    updated_at {{TIME}} NOT NULL
);

-- An uploaded recording, and its bytes in chunks of at most chunk_size.
-- Chunks keep every instance able to serve every file, on SQLite and
-- PostgreSQL alike, without a shared disk, and let a Range request read
-- only the chunks it needs.
CREATE TABLE recordings (
    id           {{ID}},
    source_id    BIGINT NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    chunk_size   INTEGER NOT NULL,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   {{TIME}} NOT NULL
);

CREATE TABLE recording_chunks (
    recording_id BIGINT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    data         {{BLOB}} NOT NULL,
    PRIMARY KEY (recording_id, seq)
);

-- A quote's media range is derived from its source anchor or set by hand,
-- and is kept as a W3C Web Annotation FragmentSelector too (JSON).
ALTER TABLE quotes ADD COLUMN media_state TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN media_selector TEXT;
UPDATE quotes SET media_state = 'manual' WHERE media_start IS NOT NULL AND media_end IS NOT NULL;
