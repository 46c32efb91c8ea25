-- The per-shipment temperature record (COMPLIANCE A.6, C.37, issue 17): which readings form a
-- shipment's record and their hash chain, the seal written when the shipment ends, signed
-- addenda for readings that arrive after sealing, and signed Merkle anchors over seals.
--
-- Entries, seals, addenda and anchors are records: the application role may only SELECT and
-- INSERT them and a trigger refuses UPDATE, DELETE and TRUNCATE for everyone (as for readings).
-- `record_heads` is not a record but the append cursor (the last index and hash of each chain,
-- locked while appending); a wrong head only makes the next appends fail verification.

-- The cursor each append starts from. One row per shipment that has a record.
CREATE TABLE telemetry.record_heads (
  shipment_id  text PRIMARY KEY,
  idx          int         NOT NULL DEFAULT 0,     -- index of the last entry (0 = genesis)
  head         bytea       NOT NULL,               -- SHA-256 of the last entry (or the genesis)
  sealed       boolean     NOT NULL DEFAULT false, -- once true, new entries are addenda
  addenda      int         NOT NULL DEFAULT 0,     -- number of the last addendum
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_heads_open_idx ON telemetry.record_heads (updated_at) WHERE NOT sealed;
GRANT SELECT, INSERT, UPDATE ON telemetry.record_heads TO coldchain_app;

-- One row per reading in a shipment's chain, in chain (append) order. The reading itself stays
-- in telemetry.readings under its key (box_id, ts); verification re-reads it from there, so a
-- change to either table breaks the chain at this entry.
CREATE TABLE telemetry.record_entries (
  shipment_id  text        NOT NULL,
  idx          int         NOT NULL,               -- 1-based chain index
  box_id       text        NOT NULL,
  ts           timestamptz NOT NULL,               -- the reading's device time (event time)
  hash         bytea       NOT NULL,               -- hᵢ = SHA-256(hᵢ₋₁ ‖ canonical(readingᵢ))
  addendum     int         NOT NULL DEFAULT 0,     -- 0 = sealed part; n = n-th addendum after the seal
  appended_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shipment_id, idx)
);
-- A reading enters a shipment's record once, however often its message is redelivered.
CREATE UNIQUE INDEX record_entries_reading_idx ON telemetry.record_entries (shipment_id, box_id, ts);

-- Written once when the shipment ends (delivered, returned, cancelled after pickup).
CREATE TABLE telemetry.record_seals (
  shipment_id      text PRIMARY KEY,
  count            int         NOT NULL,           -- entries in the sealed part (1..count)
  head             bytea       NOT NULL,           -- hash of entry `count` (the genesis when 0)
  first_ts         timestamptz,
  last_ts          timestamptz,
  custody_from     timestamptz,
  custody_to       timestamptz,
  largest_gap_ms   bigint      NOT NULL,
  gaps_over_limit  int         NOT NULL,
  gap_limit_ms     int         NOT NULL,
  outcome          text        NOT NULL CHECK (outcome IN ('delivered', 'returned', 'cancelled', 'collected')),
  ended_at         timestamptz NOT NULL,
  sealed_at        timestamptz NOT NULL DEFAULT now(),
  digest           bytea       NOT NULL            -- SHA-256 of the seal statement: the Merkle leaf data
);
CREATE INDEX record_seals_sealed_idx ON telemetry.record_seals (sealed_at);

-- Readings that reached a sealed record: each batch is an addendum, signed (Ed25519).
CREATE TABLE telemetry.record_addenda (
  shipment_id  text        NOT NULL,
  no           int         NOT NULL,
  from_idx     int         NOT NULL,
  to_idx       int         NOT NULL,
  head         bytea       NOT NULL,               -- hash of entry to_idx
  key_id       text        NOT NULL,
  sig          text        NOT NULL,               -- base64 Ed25519 over the addendum statement
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shipment_id, no)
);

-- A signed Merkle root over seals not yet anchored (the daily job); each seal is in one anchor.
CREATE TABLE telemetry.record_anchors (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day         date        NOT NULL,                -- UTC day of the anchoring run
  root        bytea       NOT NULL,
  leaf_count  int         NOT NULL,
  key_id      text        NOT NULL,
  sig         text        NOT NULL,                -- base64 Ed25519 over coldchain.dailyroot/1 (telemetry/log/signing.ts)
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE telemetry.record_anchor_leaves (
  anchor_id    bigint NOT NULL REFERENCES telemetry.record_anchors (id),
  position     int    NOT NULL,                    -- leaf index in the tree (shipment id order)
  shipment_id  text   NOT NULL UNIQUE REFERENCES telemetry.record_seals (shipment_id),
  proof        text[] NOT NULL,                    -- audit path (hex, deepest sibling first), kept so an export needs no tree rebuild
  PRIMARY KEY (anchor_id, position)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['record_entries', 'record_seals', 'record_addenda', 'record_anchors', 'record_anchor_leaves'] LOOP
    EXECUTE format('GRANT SELECT, INSERT ON telemetry.%I TO coldchain_app', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON telemetry.%I FOR EACH ROW EXECUTE FUNCTION platform.refuse_change()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON telemetry.%I FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change()', t || '_no_truncate', t);
  END LOOP;
END $$;
