-- Tracking: each shipment's delivery lifecycle as append-only events (who, when by device and by
-- server, where, why), the current state as a projection that serialises writers, and the
-- delivery code's keyed hash with its tries.
CREATE SCHEMA IF NOT EXISTS tracking;
GRANT USAGE ON SCHEMA tracking TO coldchain_app;

-- One row per accepted transition. (shipment_id, client_event_id) makes a rider app's offline
-- queue replayable: the same event sent again finds its row and gets the stored answer.
CREATE TABLE tracking.shipment_events (
  id              bigserial PRIMARY KEY,
  shipment_id     text NOT NULL,
  seq             int  NOT NULL,
  action          text NOT NULL,
  from_state      text NOT NULL,
  to_state        text NOT NULL,
  code            text,                      -- a failure's reason code, e.g. customer_absent
  note            text,
  actor_id        text,
  actor_role      text,
  rider_id        text,                      -- the rider acting or receiving (handover)
  client_event_id text,
  device_at       timestamptz,               -- the phone's clock when the rider acted
  server_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  location        geometry(Point, 4326),
  accuracy_m      double precision,
  detail          jsonb NOT NULL DEFAULT '{}',
  answer          jsonb,                     -- what the API answered, replayed for a repeated client event
  UNIQUE (shipment_id, seq)
);
CREATE UNIQUE INDEX shipment_events_client_idx ON tracking.shipment_events (shipment_id, client_event_id) WHERE client_event_id IS NOT NULL;
CREATE INDEX shipment_events_server_at_idx ON tracking.shipment_events (server_at);
CREATE TRIGGER shipment_events_append_only BEFORE UPDATE OR DELETE ON tracking.shipment_events
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER shipment_events_no_truncate BEFORE TRUNCATE ON tracking.shipment_events
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- The state the events fold to (tracking/lifecycle/machine.ts), kept so a transition locks one
-- row instead of re-reading the history; the events stay the record.
CREATE TABLE tracking.shipment_state (
  shipment_id  text PRIMARY KEY,
  order_id     text NOT NULL,
  state        text NOT NULL,
  seq          int  NOT NULL DEFAULT 0,
  rider_id     text,                       -- who holds it now (null: a facility or the customer)
  holder_facility_id text,                 -- a store holding it mid-way (relay), else null
  picked_up_at timestamptz,
  ended_at     timestamptz,                -- delivered, collected, returned or cancelled
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipment_state_order_idx ON tracking.shipment_state (order_id);
CREATE INDEX shipment_state_rider_idx ON tracking.shipment_state (rider_id) WHERE ended_at IS NULL;

-- The delivery code is derived from the server key (tracking/pod/code.ts); only its keyed hash
-- is stored. Five wrong tries lock it until a dispatcher issues a new generation.
CREATE TABLE tracking.delivery_codes (
  shipment_id  text PRIMARY KEY,
  generation   int  NOT NULL DEFAULT 1,
  code_hash    text NOT NULL,
  tries        int  NOT NULL DEFAULT 0,
  locked_at    timestamptz,
  issued_at    timestamptz NOT NULL DEFAULT now(),
  used_at      timestamptz
);

GRANT SELECT, INSERT ON tracking.shipment_events TO coldchain_app;
GRANT USAGE ON SEQUENCE tracking.shipment_events_id_seq TO coldchain_app;
GRANT SELECT, INSERT, UPDATE ON tracking.shipment_state, tracking.delivery_codes TO coldchain_app;
