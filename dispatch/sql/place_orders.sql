-- place_orders: several orders' placements in one call (one statement, one transaction, one
-- WAL flush), each in a subtransaction of its own, so that one order's failure (another took
-- the last units: stock_race; a decision that is not valid JSON: 22P02; or any other error)
-- undoes that order alone and is answered with its SQLSTATE and message while the others
-- commit. It is place_batch's fallback, for a batch that could not be placed as a whole. The
-- API sends at most 32 orders at a time (platform/db/batch.ts), which keeps the
-- subtransactions within what each backend caches (64).
--
-- p: a jsonb array of place_order payloads; p_decisions: their decisions, in the same order, as
-- text[] rather than one json array: the array was lexed twice (once when the parameter was
-- received, once more by json_array_elements to split it: 0.58 ms of a 10.2 ms call for ~11
-- orders in bench:dispatch, pg_stat_statements); each element is now read once, when it is cast
-- to json for its order.
CREATE OR REPLACE FUNCTION dispatch.place_orders(p jsonb, p_decisions text[])
RETURNS TABLE (i int, r jsonb, err_code text, err_message text)
LANGUAGE plpgsql AS $$
BEGIN
  -- Every lot the batch will draw on is locked first, in lot id order: two batches that share
  -- lots then queue one behind the other instead of each holding one and waiting for the other
  -- (a deadlock, which PostgreSQL detects only after deadlock_timeout, 1 s, while every order
  -- queued behind those lots waits; measured on bench:dispatch before these locks: one deadlock
  -- in 30 s, a 0.9 s stall of the whole API). FOR NO KEY UPDATE is the lock the UPDATE itself
  -- takes, so the foreign-key checks of reservations (FOR KEY SHARE) are not blocked by it.
  -- `= ANY (ARRAY(…))`, not `IN (…)`: with IN the plan hashed the picks against a sequential
  -- scan of every lot (~6 ms a batch, EXPLAIN); this form is an index scan of lots_pkey, which
  -- also returns the rows in id order.
  PERFORM 1 FROM dispatch.lots l
   WHERE l.id = ANY (ARRAY(SELECT pk->>'lot' FROM jsonb_array_elements(p) o, jsonb_array_elements(o->'shipments') s, jsonb_array_elements(s->'picks') pk))
   ORDER BY l.id
     FOR NO KEY UPDATE;
  FOR k IN 1 .. coalesce(array_length(p_decisions, 1), 0) LOOP
    i := k;
    BEGIN
      r := dispatch.place_order(p->(k - 1), p_decisions[k]::json);
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

GRANT EXECUTE ON FUNCTION dispatch.place_orders(jsonb, text[]) TO coldchain_app;
