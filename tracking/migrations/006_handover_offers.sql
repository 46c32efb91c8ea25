-- Rider-to-rider handover offers (tracking/lifecycle/handover.ts). The carrying rider offers a
-- shipment to another rider; the custody leg moves only when the receiving rider accepts it on
-- their own phone by scanning the shipment's label and the box it will ride in (the `hand_over`
-- lifecycle event, sent by the receiver). One open offer per shipment: a new offer replaces it.
CREATE TABLE tracking.handover_offers (
  id             bigserial PRIMARY KEY,
  shipment_id    text NOT NULL,
  from_rider_id  text NOT NULL,
  to_rider_id    text NOT NULL CHECK (to_rider_id <> from_rider_id),
  offered_at     timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open','accepted','replaced')),
  closed_at      timestamptz,
  box_id         text,
  client_event_id text
);

CREATE UNIQUE INDEX handover_offers_one_open ON tracking.handover_offers (shipment_id) WHERE status = 'open';
CREATE INDEX handover_offers_to_rider ON tracking.handover_offers (to_rider_id, offered_at DESC);
CREATE INDEX handover_offers_from_rider ON tracking.handover_offers (from_rider_id, offered_at DESC);

GRANT SELECT, INSERT, UPDATE ON tracking.handover_offers TO coldchain_app;
GRANT USAGE ON SEQUENCE tracking.handover_offers_id_seq TO coldchain_app;
