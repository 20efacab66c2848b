-- The memory's term index as posting blocks: for each term, the ids of the
-- pairs holding it, ascending, packed by the hundreds into one row (see
-- store/postings.go). A search reads a term's list in a few rows, where a
-- row per pair read a row for every pair holding the commonest words. The
-- rows of tm_terms are packed, and the table dropped, by this migration's
-- step in Go.
CREATE TABLE tm_postings (
    term     TEXT {{BYTES}} NOT NULL,
    first_id BIGINT NOT NULL,
    last_id  BIGINT NOT NULL,
    n        INTEGER NOT NULL,
    ids      {{BLOB}} NOT NULL,
    PRIMARY KEY (term, first_id)
);
