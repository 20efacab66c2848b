-- Passages marked not-a-translated-quote, login throttling, and instance-wide
-- settings (such as whether the demo material was loaded).
CREATE TABLE passage_ignores (
    id           {{ID}},
    article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    exact        TEXT NOT NULL,
    prefix       TEXT NOT NULL DEFAULT '',
    suffix       TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'exact',
    reason       TEXT NOT NULL,
    user_id      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   {{TIME}} NOT NULL
);
CREATE INDEX passage_ignores_article ON passage_ignores(article_id);

-- Failed logins, counted per account and per address over a sliding window.
-- They live in the database so that every instance sees the same count.
CREATE TABLE login_failures (
    id      {{ID}},
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at      {{TIME}} NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account, at);
CREATE INDEX login_failures_address ON login_failures(address, at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
