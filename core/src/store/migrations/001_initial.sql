-- Accounts: one row per address the wallet knows.
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    address     TEXT    NOT NULL UNIQUE,       -- EIP-55 checksummed
    label       TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('hd', 'imported', 'watch', 'hardware')),
    scheme      TEXT,                          -- hd: bip44 | live | legacy
    hd_index    INTEGER,                       -- hd: account index
    key_id      TEXT,                          -- imported: id of the key in the vault
    device      TEXT,                          -- hardware: ledger | trezor
    path        TEXT,                          -- hardware: derivation path
    hidden      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch())
);

-- Wallet-wide settings as key/value text.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
