-- What lists and checks need, computed once when something changes and
-- found by index: no page scans a large table.

-- The folded words of a quote's original and rendering, hashed (see
-- wordKey in store/derived.go): the quotes with the same original, and how
-- they render it, are found by index for the consistency check.
ALTER TABLE quotes ADD COLUMN original_key TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN rendering_key TEXT NOT NULL DEFAULT '';
CREATE INDEX quotes_original_key ON quotes(original_key, rendering_key);
-- The queue: quotes of a status, longest waiting first.
DROP INDEX quotes_status;
CREATE INDEX quotes_status_waiting ON quotes(status, updated_at, id);
CREATE INDEX quotes_source ON quotes(source_id);

-- A hash of a source's text, so that a check can tell that the text it was
-- computed on is still the text without reading it.
ALTER TABLE sources ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';

-- The articles list: most recently changed first, all or of one status.
DROP INDEX articles_status;
CREATE INDEX articles_changed ON articles(updated_at, id);
CREATE INDEX articles_status_changed ON articles(status, updated_at, id);

-- The folded words of each article's headline and body, for the search of
-- the articles list (a word, or the start of one, per query word). Terms
-- compare byte by byte ({{BYTES}}), so that the words starting with a
-- prefix are one range of the index on either database.
CREATE TABLE article_terms (
    term       TEXT {{BYTES}} NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (term, article_id)
);
CREATE INDEX article_terms_article ON article_terms(article_id);

CREATE INDEX glossary_terms_source ON glossary_terms(source_text, id);

-- The findings of a quote's checks, with the fingerprint of everything
-- they were computed from: they are shown as long as the fingerprint
-- holds, and computed again when it does not.
CREATE TABLE quote_checks (
    quote_id   BIGINT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    inputs     TEXT NOT NULL,
    findings   TEXT NOT NULL,
    checked_at {{TIME}} NOT NULL
);

-- Who a comment mentions, one row each, so a person's mentions are found
-- by index.
CREATE TABLE comment_mentions (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, comment_id)
);

-- The translation memory's term index: the folded words of every pair's
-- original, keyed by language ("es:gobierno"), and how many pairs hold each
-- term, so a search starts from the rarest words of the query.
CREATE TABLE tm_terms (
    term    TEXT {{BYTES}} NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES tm_units(id) ON DELETE CASCADE,
    PRIMARY KEY (term, unit_id)
);
CREATE INDEX tm_terms_unit ON tm_terms(unit_id);
CREATE TABLE tm_term_counts (
    term  TEXT {{BYTES}} PRIMARY KEY,
    units BIGINT NOT NULL
);
-- The languages of the memory's originals (primary subtags), for a search
-- that names none.
CREATE TABLE tm_languages (
    lang  TEXT PRIMARY KEY,
    units BIGINT NOT NULL
);

-- Background work, claimed by one worker of whichever instance is free.
CREATE TABLE jobs (
    id           {{ID}},
    kind         TEXT NOT NULL,
    ref          TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_after    {{TIME}} NOT NULL,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until {{TIME}},
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   {{TIME}} NOT NULL,
    updated_at   {{TIME}} NOT NULL
);
CREATE INDEX jobs_ready ON jobs(state, run_after, id);
CREATE INDEX jobs_kind_ref ON jobs(kind, ref, state);

-- Lists show a source's length without reading its text.
ALTER TABLE sources ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET text_length = LENGTH(text);
