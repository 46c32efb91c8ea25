-- A replacement shipment (dispatch/orders/replace.ts): same order, same items, sent again when the
-- first could not be handed over (cold-chain breach, QA quarantine). One replacement per shipment;
-- the unique index is what makes a second request find the first.
ALTER TABLE dispatch.shipments ADD COLUMN replaces_shipment_id text REFERENCES dispatch.shipments(id);
CREATE UNIQUE INDEX shipments_replaces_key ON dispatch.shipments (replaces_shipment_id) WHERE replaces_shipment_id IS NOT NULL;
