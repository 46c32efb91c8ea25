-- The late-delivery tick (shipmentsPastPromise, every minute) reads only the shipments riders are
-- carrying; without this it scans every shipment ever made.
CREATE INDEX shipments_picked_up_due_idx ON dispatch.shipments (due_at) WHERE status = 'picked_up';
