-- A replacement shipment in one statement: the shipment (linked to the one it replaces), its
-- conditional stock reservations (too few free units: 'stock_race', P0001, and nothing stays),
-- the order's history event and the audit row. Returns the replacement's id: the new one, or the
-- one already there (p->>'existing' = true then), so a repeated request never places twice.
--
-- p: {orderId, replaces, shipment: {id, facilityId, coldClasses, units, eta, dueAt, picks}, event, actorId, actorRole}
CREATE OR REPLACE FUNCTION dispatch.place_replacement(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s jsonb := p->'shipment';
  k jsonb;
  prior text;
BEGIN
  -- The shipment replaced is locked first, so two requests for it queue here.
  PERFORM 1 FROM dispatch.shipments WHERE id = p->>'replaces' FOR UPDATE;
  SELECT id INTO prior FROM dispatch.shipments WHERE replaces_shipment_id = p->>'replaces';
  IF prior IS NOT NULL THEN
    RETURN jsonb_build_object('id', prior, 'existing', true);
  END IF;

  INSERT INTO dispatch.shipments (id, order_id, facility_id, status, cold_classes, units, eta, due_at, replaces_shipment_id)
  VALUES (s->>'id', p->>'orderId', s->>'facilityId', 'ready', ARRAY(SELECT jsonb_array_elements_text(s->'coldClasses')),
          s->'units', (s->>'eta')::timestamptz, (s->>'dueAt')::timestamptz, p->>'replaces');
  FOR k IN SELECT * FROM jsonb_array_elements(s->'picks') LOOP
    UPDATE dispatch.lots SET reserved = reserved + (k->>'qty')::int
     WHERE id = k->>'lot' AND on_hand - reserved >= (k->>'qty')::int;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stock_race' USING ERRCODE = 'P0001', DETAIL = k->>'lot';
    END IF;
    INSERT INTO dispatch.reservations (order_id, shipment_id, lot_id, sku_id, quantity, status)
    VALUES (p->>'orderId', s->>'id', k->>'lot', k->>'sku', (k->>'qty')::int, 'confirmed');
  END LOOP;

  INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail)
  SELECT p->>'orderId', 'shipment_replaced', o.status, p->>'actorId', p->'event' FROM dispatch.orders o WHERE o.id = p->>'orderId';
  PERFORM platform.audit_write(p->>'actorId', p->>'actorRole', 'shipment.replace', 'shipment', p->>'replaces', p_new_value => p->'event');
  RETURN jsonb_build_object('id', s->>'id', 'existing', false);
END $$;

GRANT EXECUTE ON FUNCTION dispatch.place_replacement(jsonb) TO coldchain_app;
