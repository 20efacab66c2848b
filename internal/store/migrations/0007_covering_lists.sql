-- The lists read their columns from an index alone. In SQLite a row keeps
-- its columns in order, and those after a long body or transcript can only
-- be read by walking the pages that hold it: reading an article's status
-- or a source's length read its text too. These indexes hold every column
-- a list shows, so a page of a list reads a page of an index.
DROP INDEX articles_changed;
DROP INDEX articles_status_changed;
CREATE INDEX articles_list ON articles(updated_at, id, status, headline, dek, language, outlet, byline, dateline, version, created_by, created_at);
CREATE INDEX articles_status_list ON articles(status, updated_at, id, headline, dek, language, outlet, byline, dateline, version, created_by, created_at);
CREATE INDEX sources_list ON sources(id, kind, title, language, url, media_url, recorded_at, speakers, text_length, text_hash, version, created_by, created_at, updated_at, duration, recording);

-- The search of the articles list: how many articles hold each term, so
-- that a word being typed is widened to the terms it starts by reading
-- this small table, and a rare word is told from a common one.
CREATE TABLE article_term_counts (
    term     TEXT {{BYTES}} PRIMARY KEY,
    articles BIGINT NOT NULL
);
INSERT INTO article_term_counts (term, articles) SELECT term, COUNT(*) FROM article_terms GROUP BY term;
