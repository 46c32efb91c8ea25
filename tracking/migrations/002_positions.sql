-- Rider positions and live ETAs.
--
-- tracking.rider_positions: every fix a rider app sends, accepted or flagged (a flagged fix is
-- kept with its reason, never dropped, and never moves the latest position or an ETA).
-- Partitioned by UTC day of the DEVICE time (a fix from an offline stretch lands on the day it
-- was taken); daily partitions come from tracking.ensure_position_partitions
-- (tracking/sql/ensure_position_partitions.sql), a fix for a day without one lands in the
-- default partition. (rider_id, at) is the key: the rider app's outbox may send a batch again,
-- and the same fix twice is stored once (ON CONFLICT DO NOTHING).
CREATE TABLE tracking.rider_positions (
  rider_id     text        NOT NULL,
  at           timestamptz NOT NULL,      -- device time of the fix; never replaced by server time
  received_at  timestamptz NOT NULL,      -- when the API received the batch
  lat          double precision NOT NULL, -- WGS-84 (GCJ-02 / BD-09 converted on the way in)
  lng          double precision NOT NULL,
  crs          text        NOT NULL DEFAULT 'wgs84', -- the datum the device sent
  accuracy_m   double precision,          -- null: not reported (the old single-position route)
  speed_mps    double precision,
  heading_deg  double precision,
  flag         text CHECK (flag IN ('future_time', 'impossible_jump', 'outside_network', 'low_accuracy')), -- null = accepted
  PRIMARY KEY (rider_id, at)
) PARTITION BY RANGE (at);
CREATE TABLE tracking.rider_positions_default PARTITION OF tracking.rider_positions DEFAULT;

-- Row triggers on a partitioned table are cloned onto every partition, present and future.
CREATE TRIGGER rider_positions_append_only BEFORE UPDATE OR DELETE ON tracking.rider_positions
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER rider_positions_no_truncate BEFORE TRUNCATE ON tracking.rider_positions
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- One row per stop per live recompute, so ETA accuracy can be measured afterwards (the
-- recorded ETA against the delivery event's time).
CREATE TABLE tracking.eta_history (
  id           bigserial PRIMARY KEY,
  shipment_id  text        NOT NULL,
  rider_id     text        NOT NULL,
  computed_at  timestamptz NOT NULL,
  eta          timestamptz NOT NULL,
  position_at  timestamptz,               -- device time of the fix the ETA started from
  source       text        NOT NULL CHECK (source IN ('position', 'plan'))
);
CREATE INDEX eta_history_shipment_idx ON tracking.eta_history (shipment_id, computed_at);
CREATE TRIGGER eta_history_append_only BEFORE UPDATE OR DELETE ON tracking.eta_history
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER eta_history_no_truncate BEFORE TRUNCATE ON tracking.eta_history
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

GRANT SELECT, INSERT ON tracking.rider_positions, tracking.eta_history TO coldchain_app;
GRANT USAGE ON SEQUENCE tracking.eta_history_id_seq TO coldchain_app;
