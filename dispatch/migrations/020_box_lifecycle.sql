-- A box's own lifecycle between deliveries (issue 23; COMPLIANCE 15, 20): pre-cool, pack with
-- the checklist, seal with a one-time seal number, carry, return, clean. Each step is an
-- append-only event (who, when, checklist, seal); boxes.lifecycle_state is its projection, kept
-- in the same transaction (dispatch/box-lifecycle/store.ts; the machine is machine.ts).
CREATE TABLE dispatch.box_events (
  box_id       text NOT NULL REFERENCES dispatch.boxes(id),
  seq          int NOT NULL CHECK (seq > 0),
  action       text NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     text,                       -- null: the box's readings or the system moved it
  actor_role   text,
  checklist    jsonb,                      -- pack: {coolantIsolated, productPlaced, probePositioned}
  seal_number  text,                       -- seal: the number sealed with; seal_mismatch: the number read
  shipment_id  text,                       -- pick_up, seal_mismatch: the shipment concerned
  detail       jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (box_id, seq)
);
-- A seal is used once, ever: the same number on a second sealing is refused.
CREATE UNIQUE INDEX box_events_seal_once ON dispatch.box_events (seal_number) WHERE action = 'seal';

ALTER TABLE dispatch.boxes
  ADD COLUMN lifecycle_state text NOT NULL DEFAULT 'idle'
    CHECK (lifecycle_state IN ('idle','pre_cooling','ready','packed','sealed','in_use','returned','cleaning')),
  ADD COLUMN lifecycle_seq int NOT NULL DEFAULT 0,
  ADD COLUMN seal_number text;             -- the seal on the box now (sealed, in_use); null otherwise

-- Events are records: kept, never changed or removed by the application.
GRANT SELECT, INSERT ON dispatch.box_events TO coldchain_app;
