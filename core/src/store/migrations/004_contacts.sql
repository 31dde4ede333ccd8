-- The address book in its own table (it was a JSON list in `settings`): one row per
-- address, so adding or removing a contact is one statement, not a rewrite of the list.
CREATE TABLE contacts (
    address     TEXT    PRIMARY KEY,           -- EIP-55
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch())
);
INSERT OR REPLACE INTO contacts (address, name)
    SELECT json_extract(c.value, '$.address'), json_extract(c.value, '$.name')
    FROM settings s, json_each(s.value) c
    WHERE s.key = 'address_book' AND json_valid(s.value);
DELETE FROM settings WHERE key = 'address_book';
