-- What preparing a source for finding originals from the English computed
-- (see package crosslingual), with the hash of the text it was computed
-- on: a changed text is prepared again.
CREATE TABLE source_preparations (
    source_id      BIGINT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    text_hash      TEXT NOT NULL,
    format_version INTEGER NOT NULL,
    method         TEXT NOT NULL,
    data           TEXT NOT NULL,
    prepared_at    {{TIME}} NOT NULL
);

-- Machine translations offered as suggestions, kept per original and
-- provider: a view does not translate again, and the checks can tell a
-- rendering that is the machine's, unedited.
CREATE TABLE machine_translations (
    original_key TEXT NOT NULL,
    target_lang  TEXT NOT NULL,
    provider     TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   {{TIME}} NOT NULL,
    PRIMARY KEY (original_key, target_lang, provider)
);

-- How far a running job has got, in its own words ("2/4").
ALTER TABLE jobs ADD COLUMN progress TEXT NOT NULL DEFAULT '';
