-- Every transaction has a purpose (why it was signed: a transfer, a speed-up, a cancel,
-- and the steps of bridges, routes and channels) instead of the transfer-only `kind`, and
-- may belong to a multi-step record (`journey_id`).
-- Two broadcast outcomes the first schema could not record:
--  'unknown': the node did not confirm it got the transaction (a timeout, a dropped
--             connection, an error after the request left). It may have been sent, so the
--             record stays open: looked up by hash and nonce, broadcast again if missing.
--  'not_sent': every node that got it refused it (nonce too low, underpriced, …), or no
--             node could be reached at all.
-- and `recheck`: versions before this one stored every failed broadcast as 'dropped'
-- ("nothing was sent"), although some had reached a node. Those rows are looked up by
-- hash once more and repaired if the chain has them.
CREATE TABLE transactions_v3 (
    hash                     TEXT    PRIMARY KEY,
    chain_id                 INTEGER NOT NULL,
    from_address             TEXT    NOT NULL,
    to_address               TEXT    NOT NULL,
    asset                    TEXT    NOT NULL,
    symbol                   TEXT    NOT NULL,
    decimals                 INTEGER NOT NULL,
    amount                   TEXT    NOT NULL,
    nonce                    INTEGER NOT NULL,
    purpose                  TEXT    NOT NULL,  -- transfer | speed_up | cancel | deposit | … (tx::Purpose)
    replaces                 TEXT,
    journey_id               TEXT,
    raw                      TEXT    NOT NULL,
    gas_limit                INTEGER NOT NULL,
    max_fee_per_gas          TEXT    NOT NULL,
    max_priority_fee_per_gas TEXT    NOT NULL,
    quoted_fee               TEXT    NOT NULL,
    status                   TEXT    NOT NULL CHECK (status IN ('pending', 'unknown', 'included', 'final', 'replaced', 'dropped', 'not_sent')),
    succeeded                INTEGER,
    block_number             INTEGER,
    gas_used                 INTEGER,
    effective_gas_price      TEXT,
    l1_fee                   TEXT,
    fee_paid                 TEXT,
    submitted_at             INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at               INTEGER NOT NULL DEFAULT (unixepoch()),
    recheck                  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO transactions_v3
    SELECT hash, chain_id, from_address, to_address, asset, symbol, decimals, amount, nonce,
           CASE kind WHEN 'send' THEN 'transfer' ELSE kind END, replaces, NULL, raw, gas_limit,
           max_fee_per_gas, max_priority_fee_per_gas,
           quoted_fee, status, succeeded, block_number, gas_used, effective_gas_price,
           l1_fee, fee_paid, submitted_at, updated_at, status = 'dropped'
    FROM transactions;
DROP TABLE transactions;
ALTER TABLE transactions_v3 RENAME TO transactions;
CREATE INDEX transactions_by_sender ON transactions (chain_id, from_address, nonce);
CREATE INDEX transactions_by_journey ON transactions (journey_id) WHERE journey_id IS NOT NULL;
