-- Networks the user added, as chain-spec JSON, per network profile.
CREATE TABLE custom_networks (
    profile   TEXT    NOT NULL,
    chain_id  INTEGER NOT NULL,
    spec      TEXT    NOT NULL,
    PRIMARY KEY (profile, chain_id)
);

-- RPC endpoints the user added to a chain (any profile); tried before the defaults.
CREATE TABLE custom_rpcs (
    chain_id  INTEGER NOT NULL,
    url       TEXT    NOT NULL,
    added_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    PRIMARY KEY (chain_id, url)
);

-- Tokens the user added, with metadata read from the chain when they were added.
CREATE TABLE custom_tokens (
    chain_id  INTEGER NOT NULL,
    address   TEXT    NOT NULL,               -- EIP-55
    symbol    TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    decimals  INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 77),
    PRIMARY KEY (chain_id, address)
);

-- Every transaction the wallet signed, written before it is broadcast so that a crash
-- loses nothing (the raw transaction is kept for rebroadcast).
CREATE TABLE transactions (
    hash                     TEXT    PRIMARY KEY,
    chain_id                 INTEGER NOT NULL,
    from_address             TEXT    NOT NULL,
    to_address               TEXT    NOT NULL,  -- the recipient (of the tokens, for ERC-20)
    asset                    TEXT    NOT NULL,  -- 'native' or the token's address
    symbol                   TEXT    NOT NULL,
    decimals                 INTEGER NOT NULL,
    amount                   TEXT    NOT NULL,  -- smallest unit, decimal
    nonce                    INTEGER NOT NULL,
    kind                     TEXT    NOT NULL CHECK (kind IN ('send', 'speed_up', 'cancel')),
    replaces                 TEXT,              -- hash of the transaction this one replaces
    raw                      TEXT    NOT NULL,  -- signed EIP-2718 bytes, hex
    gas_limit                INTEGER NOT NULL,
    max_fee_per_gas          TEXT    NOT NULL,
    max_priority_fee_per_gas TEXT    NOT NULL,
    quoted_fee               TEXT    NOT NULL,  -- expected total fee when signed, wei
    status                   TEXT    NOT NULL CHECK (status IN ('pending', 'included', 'final', 'replaced', 'dropped')),
    succeeded                INTEGER,           -- receipt status once included
    block_number             INTEGER,
    gas_used                 INTEGER,
    effective_gas_price      TEXT,
    l1_fee                   TEXT,              -- OP Stack L1 data fee charged, wei
    fee_paid                 TEXT,              -- everything the sender paid in fees, wei
    submitted_at             INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at               INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX transactions_by_sender ON transactions (chain_id, from_address, nonce);
