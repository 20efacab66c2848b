-- The time zone a person reads times in (an IANA name such as
-- America/Mexico_City); empty until their browser says which it is.
-- Times are stored in UTC; pages show them in this zone.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
