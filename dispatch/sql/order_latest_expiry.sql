-- The latest expiry among the lots an order's shipment drew from (reservations held, confirmed
-- or consumed; released ones left the order). NULL when none is known. The retention of the
-- shipment's quality record counts from it (COMPLIANCE A.21): telemetry.record_purge calls this
-- as dispatch's face in the database, and the purge planner through dispatch/index.ts.
CREATE OR REPLACE FUNCTION dispatch.order_latest_expiry(p_shipment text) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT max(l.expiry)
    FROM dispatch.shipments s
    JOIN dispatch.reservations r ON r.order_id = s.order_id AND r.status <> 'released'
    JOIN dispatch.lots l ON l.id = r.lot_id
   WHERE s.id = p_shipment
$$;
REVOKE ALL ON FUNCTION dispatch.order_latest_expiry(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dispatch.order_latest_expiry(text) TO coldchain_app;
