-- The quote's life beyond translation: why a quote was rejected or reopened,
-- the warnings a reviewer let stand, and the fingerprint of what was verified.
ALTER TABLE quotes ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN overrides TEXT NOT NULL DEFAULT '[]';
ALTER TABLE quotes ADD COLUMN verified_hash TEXT NOT NULL DEFAULT '';

-- The glossary: how the newsroom renders a source term, and what it forbids.
CREATE TABLE glossary_terms (
    id            {{ID}},
    source_text   TEXT NOT NULL,
    source_lang   TEXT NOT NULL,
    target_text   TEXT NOT NULL,
    target_lang   TEXT NOT NULL,
    alternatives  TEXT NOT NULL DEFAULT '[]',
    forbidden     TEXT NOT NULL DEFAULT '[]',
    note          TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL,
    created_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    {{TIME}} NOT NULL,
    updated_at    {{TIME}} NOT NULL
);
CREATE INDEX glossary_terms_langs ON glossary_terms(source_lang, target_lang);

-- The translation memory: approved pairs, from quotes or imported TMX.
CREATE TABLE tm_units (
    id           {{ID}},
    source_text  TEXT NOT NULL,
    source_lang  TEXT NOT NULL,
    target_text  TEXT NOT NULL,
    target_lang  TEXT NOT NULL,
    quote_id     BIGINT REFERENCES quotes(id) ON DELETE SET NULL,
    origin       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   {{TIME}} NOT NULL
);
CREATE INDEX tm_units_langs ON tm_units(source_lang, target_lang);
CREATE INDEX tm_units_quote ON tm_units(quote_id);

-- Comments on quotes, threaded, with the people they mention.
CREATE TABLE comments (
    id          {{ID}},
    quote_id    BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id   BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    mentions    TEXT NOT NULL DEFAULT '[]',
    created_at  {{TIME}} NOT NULL
);
CREATE INDEX comments_quote ON comments(quote_id, created_at);
