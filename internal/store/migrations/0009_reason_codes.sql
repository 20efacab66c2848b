-- Reasons with codes, and the version of the audit's payload.
--
-- A reason Cotejo records itself is stored as a code and the text it names
-- (the parts of a quote that changed, the state of an anchor); a person's
-- reason has no code. Pages put both into the reader's language, and the
-- API into English, from the code: nothing is read back out of English.
-- Events are append-only and keep what they were written with: those of
-- before this version have payload 1 and English reasons, which the
-- workflow reads (see workflow.Record and cotejo.ParseReason).
ALTER TABLE events ADD COLUMN reason_code TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN payload INTEGER NOT NULL DEFAULT 1;
ALTER TABLE quotes ADD COLUMN status_reason_code TEXT NOT NULL DEFAULT '';

-- The reasons Cotejo wrote on quotes in English before reasons had codes.
UPDATE quotes SET status_reason_code = 'changed_after_verification',
    status_reason = REPLACE(SUBSTR(status_reason, 29), ', ', ',')
    WHERE status_reason LIKE 'changed after verification: %';
UPDATE quotes SET status_reason_code = 'media_moved', status_reason = ''
    WHERE status_reason = 'source timing changed: the quote''s media range moved';
