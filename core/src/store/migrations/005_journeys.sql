-- Journeys: one row per cross-chain transfer. The record itself is JSON (its message,
-- history and evidence grow with each protocol); the columns are what lists and the
-- update stream select on. Its transactions point here through `transactions.journey_id`.
CREATE TABLE journeys (
    id          TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    from_chain  INTEGER NOT NULL,
    to_chain    INTEGER NOT NULL,
    sender      TEXT    NOT NULL,           -- EIP-55
    state       TEXT    NOT NULL,
    open        INTEGER NOT NULL,           -- 1 while the state can still change
    record      TEXT    NOT NULL,           -- the Journey as JSON
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX journeys_open ON journeys (open) WHERE open = 1;
