-- The tracking context drives a shipment through its delivery lifecycle; dispatch keeps the
-- coarse status planning needs. A failed delivery on its way back is `returning` (not planned
-- again as a delivery); a store-pickup order's shipment is never planned for a rider.
ALTER TABLE dispatch.shipments DROP CONSTRAINT shipments_status_check;
ALTER TABLE dispatch.shipments ADD CONSTRAINT shipments_status_check
  CHECK (status IN ('held','ready','assigned','picked_up','returning','delivered','cancelled','returned'));

-- Custody legs: a leg is held by a rider or, in a relay, by a store (facility).
ALTER TABLE dispatch.custody ADD COLUMN holder_facility_id text REFERENCES dispatch.facilities(id);

-- How long a box must have been in range before it may carry a cold shipment (pre-cooling).
ALTER TABLE dispatch.boxes ADD COLUMN precool_minutes int NOT NULL DEFAULT 30 CHECK (precool_minutes BETWEEN 0 AND 1440);
