-- place_batch: a batch of placements as a few set-based statements (one per table for the
-- whole batch) instead of place_orders' loop of one subtransaction and ~8 statements per order.
-- The API sends one batch at a time per process (platform/db/batch.ts maxInFlight), so the time
-- PostgreSQL spends on a batch is a serial step of the order pipeline. Under bench:dispatch,
-- place_orders took 12.4 ms per call of 20.6 orders (0.60 ms an order, pg_stat_statements);
-- place_batch 5.7 ms per call of 19.2 orders (0.29 ms an order, pg_stat_user_functions), and
-- PostgreSQL's share of the CPU fell from ~60 % to ~47 %.
--
-- Same arguments, result and rows written as place_orders. Should any part fail — a lot
-- without the units (stock_race), a decision that is not JSON, any constraint — the set-based
-- attempt is undone as a whole and the batch goes to place_orders, which finds the orders that
-- fail and commits the others.
CREATE OR REPLACE FUNCTION dispatch.place_batch(p jsonb, p_decisions text[])
RETURNS TABLE (i int, r jsonb, err_code text, err_message text)
LANGUAGE plpgsql AS $$
DECLARE
  wanted int;
  taken int;
  placed boolean := false;
BEGIN
  -- The batch's lots, locked first in lot id order (why: place_orders), outside the attempt
  -- below so that place_orders keeps them should the attempt be undone.
  PERFORM 1 FROM dispatch.lots l
   WHERE l.id = ANY (ARRAY(SELECT pk->>'lot' FROM jsonb_array_elements(p) o, jsonb_array_elements(o->'shipments') s, jsonb_array_elements(s->'picks') pk))
   ORDER BY l.id
     FOR NO KEY UPDATE;
  IF jsonb_typeof(p) = 'array' AND jsonb_array_length(p) = coalesce(array_length(p_decisions, 1), 0) THEN
    BEGIN
      -- Every lot must hold what the whole batch draws on it.
      WITH want AS (
        SELECT pk->>'lot' AS lot, sum((pk->>'qty')::int) AS qty
          FROM jsonb_array_elements(p) o, jsonb_array_elements(o->'shipments') s, jsonb_array_elements(s->'picks') pk
         GROUP BY 1),
      upd AS (
        UPDATE dispatch.lots l SET reserved = l.reserved + w.qty
          FROM want w
         WHERE l.id = w.lot AND w.qty > 0 AND l.on_hand - l.reserved >= w.qty
        RETURNING 1)
      SELECT (SELECT count(*) FROM want), (SELECT count(*) FROM upd) INTO wanted, taken;
      IF taken <> wanted THEN
        RAISE EXCEPTION 'stock_race' USING ERRCODE = 'P0001';
      END IF;

      INSERT INTO dispatch.orders (id, token, channel, external_ref, language, status, delivery_mode, window_start, window_end,
          customer_name_enc, customer_phone_enc, customer_phone_idx, customer_address_enc, location, rx_ref, rx_status,
          decision, reservation_expires_at, recurring_id, created_by)
      SELECT o->>'id', o->>'token', o->>'channel', o->>'externalRef', o->>'language', o->>'status', o->>'mode',
          (o->>'windowStart')::timestamptz, (o->>'windowEnd')::timestamptz,
          o->>'nameEnc', o->>'phoneEnc', o->>'phoneIdx', o->>'addressEnc',
          ST_SetSRID(ST_MakePoint((o->>'lng')::float8, (o->>'lat')::float8), 4326), o->>'rxRef', o->>'rxStatus',
          p_decisions[x.k]::json, CASE WHEN o->>'holdMinutes' IS NULL THEN NULL ELSE now() + make_interval(mins => (o->>'holdMinutes')::int) END,
          o->>'recurringId', o->>'createdBy'
        FROM jsonb_array_elements(p) WITH ORDINALITY AS x(e, k), LATERAL (SELECT x.e->'order' AS o) y
       ORDER BY x.k;

      INSERT INTO dispatch.order_items (order_id, line_no, sku_id, quantity)
      SELECT e->'order'->>'id', (it->>'line')::int, it->>'sku', (it->>'qty')::int
        FROM jsonb_array_elements(p) e, jsonb_array_elements(e->'items') it;

      INSERT INTO dispatch.shipments (id, order_id, facility_id, status, cold_classes, units, eta, due_at, window_start)
      SELECT s->>'id', e->'order'->>'id', s->>'facilityId', s->>'status', ARRAY(SELECT jsonb_array_elements_text(s->'coldClasses')),
             s->'units', (s->>'eta')::timestamptz, (e->'order'->>'windowEnd')::timestamptz, (e->'order'->>'windowStart')::timestamptz
        FROM jsonb_array_elements(p) e, jsonb_array_elements(e->'shipments') s;

      INSERT INTO dispatch.reservations (order_id, shipment_id, lot_id, sku_id, quantity, status)
      SELECT e->'order'->>'id', s->>'id', pk->>'lot', pk->>'sku', (pk->>'qty')::int, s->>'reservationStatus'
        FROM jsonb_array_elements(p) e, jsonb_array_elements(e->'shipments') s, jsonb_array_elements(s->'picks') pk;

      INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail)
      SELECT e->'order'->>'id', 'created', e->'order'->>'status', e->'order'->>'createdBy', e->'event'
        FROM jsonb_array_elements(p) WITH ORDINALITY AS x(e, k) ORDER BY x.k;

      -- The audit rows through platform's interface, in one statement as the rest.
      PERFORM platform.audit_rows((
        SELECT jsonb_agg(jsonb_build_object('actor_id', e->'order'->'createdBy', 'actor_role', e->'order'->'actorRole',
                                            'action', 'order.create', 'entity_type', 'order', 'entity_id', e->'order'->'id',
                                            'new_value', e->'audit') ORDER BY x.k)
          FROM jsonb_array_elements(p) WITH ORDINALITY AS x(e, k)));
      placed := true;
    EXCEPTION WHEN OTHERS THEN
      placed := false; -- undone: one order at a time below
    END;
  END IF;
  IF placed THEN
    -- As place_order answers: created_at is the transaction's now() (the column's default).
    RETURN QUERY
      SELECT x.k::int, jsonb_build_object('createdAt', now(), 'expiresAt',
               CASE WHEN x.e->'order'->>'holdMinutes' IS NULL THEN NULL ELSE now() + make_interval(mins => (x.e->'order'->>'holdMinutes')::int) END),
             NULL::text, NULL::text
        FROM jsonb_array_elements(p) WITH ORDINALITY AS x(e, k)
       ORDER BY x.k;
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM dispatch.place_orders(p, p_decisions);
END $$;

GRANT EXECUTE ON FUNCTION dispatch.place_batch(jsonb, text[]) TO coldchain_app;
