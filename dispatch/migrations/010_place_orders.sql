-- place_orders: several orders' placements in one call (one statement, one transaction, one
-- WAL flush), each in a subtransaction of its own, so that one order's failure (another took
-- the last units: stock_race; or any other error) undoes that order alone and is answered with
-- its SQLSTATE and message while the others commit. The API sends the orders that reach this
-- step in the same round of its event loop (platform/db/batch.ts), at most 32 at a time, which
-- keeps the subtransactions within what each backend caches (64). Measured on bench:dispatch
-- before the up-front lot locks below: one deadlock in 30 s, a 0.9 s stall of the whole API.
-- p: a jsonb array of place_order payloads; p_decisions: a json array of their decisions, in
-- the same order (json, stored as sent: see migration 007).
CREATE FUNCTION dispatch.place_orders(p jsonb, p_decisions json)
RETURNS TABLE (i int, r jsonb, err_code text, err_message text)
LANGUAGE plpgsql AS $$
DECLARE
  d json;
  k bigint;
BEGIN
  -- Every lot the batch will draw on is locked first, in lot id order: two batches that share
  -- lots then queue one behind the other instead of each holding one and waiting for the other
  -- (a deadlock, which PostgreSQL detects only after deadlock_timeout, 1 s, while every order
  -- queued behind those lots waits). FOR NO KEY UPDATE is the lock the UPDATE itself takes, so
  -- the foreign-key checks of reservations (FOR KEY SHARE) are not blocked by it.
  -- `= ANY (ARRAY(…))`, not `IN (…)`: with IN the plan hashed the picks against a sequential
  -- scan of every lot (~6 ms a batch, EXPLAIN); this form is an index scan of lots_pkey, which
  -- also returns the rows in id order.
  PERFORM 1 FROM dispatch.lots l
   WHERE l.id = ANY (ARRAY(SELECT pk->>'lot' FROM jsonb_array_elements(p) o, jsonb_array_elements(o->'shipments') s, jsonb_array_elements(s->'picks') pk))
   ORDER BY l.id
     FOR NO KEY UPDATE;
  FOR d, k IN SELECT x.value, x.ordinality FROM json_array_elements(p_decisions) WITH ORDINALITY AS x LOOP
    i := k;
    BEGIN
      r := dispatch.place_order(p->(k::int - 1), d);
      err_code := NULL;
      err_message := NULL;
    EXCEPTION WHEN OTHERS THEN
      r := NULL;
      err_code := SQLSTATE;
      err_message := SQLERRM;
    END;
    RETURN NEXT;
  END LOOP;
END $$;

GRANT EXECUTE ON FUNCTION dispatch.place_orders(jsonb, json) TO coldchain_app;
