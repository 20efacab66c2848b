-- Accounts, articles, sources, quotes and the audit trail.
CREATE TABLE users (
    id            {{ID}},
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    roles         TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    {{TIME}} NOT NULL,
    updated_at    {{TIME}} NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   {{TIME}} NOT NULL,
    expires_at   {{TIME}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           {{ID}},
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    hint         TEXT NOT NULL,
    created_at   {{TIME}} NOT NULL,
    last_used_at {{TIME}},
    revoked_at   {{TIME}}
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE articles (
    id         {{ID}},
    headline   TEXT NOT NULL,
    dek        TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    language   TEXT NOT NULL,
    outlet     TEXT NOT NULL DEFAULT '',
    byline     TEXT NOT NULL DEFAULT '',
    dateline   TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at {{TIME}} NOT NULL,
    updated_at {{TIME}} NOT NULL
);
CREATE INDEX articles_status ON articles(status);

CREATE TABLE sources (
    id          {{ID}},
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    language    TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    media_url   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT '',
    speakers    TEXT NOT NULL DEFAULT '[]',
    text        TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  {{TIME}} NOT NULL,
    updated_at  {{TIME}} NOT NULL
);

CREATE TABLE article_sources (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id  BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, source_id)
);
CREATE INDEX article_sources_source ON article_sources(source_id);

CREATE TABLE quotes (
    id             {{ID}},
    article_id     BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker        TEXT NOT NULL DEFAULT '',
    original_text  TEXT NOT NULL DEFAULT '',
    original_lang  TEXT NOT NULL,
    rendering_text TEXT NOT NULL DEFAULT '',
    rendering_lang TEXT NOT NULL,
    source_id      BIGINT REFERENCES sources(id) ON DELETE SET NULL,
    source_anchor  TEXT,
    article_anchor TEXT,
    media_start    {{FLOAT}},
    media_end      {{FLOAT}},
    evidence_note  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    translator_id  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    translated_at  {{TIME}},
    verifier_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    verified_at    {{TIME}},
    approver_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    approved_at    {{TIME}},
    last_editor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     {{TIME}} NOT NULL,
    updated_at     {{TIME}} NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_status ON quotes(status);

-- The audit trail is append-only: rows are inserted, never updated.
CREATE TABLE events (
    id         {{ID}},
    at         {{TIME}} NOT NULL,
    user_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    entity     TEXT NOT NULL,
    entity_id  BIGINT NOT NULL,
    article_id BIGINT,
    action     TEXT NOT NULL,
    from_json  TEXT,
    to_json    TEXT,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_entity ON events(entity, entity_id);
CREATE INDEX events_article ON events(article_id);
