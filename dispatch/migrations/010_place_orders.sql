-- place_orders: several orders' placements in one call (one statement, one transaction, one
-- WAL flush), each in a subtransaction of its own, so that one order's failure (another took
-- the last units: stock_race; or any other error) undoes that order alone and is answered with
-- its SQLSTATE and message while the others commit. The API sends the orders that reach this
-- step in the same round of its event loop (platform/db/batch.ts), at most 32 at a time, which
-- keeps the subtransactions within what each backend caches (64).
-- p: a jsonb array of place_order payloads; p_decisions: a json array of their decisions, in
-- the same order (json, stored as sent: see migration 007).
CREATE FUNCTION dispatch.place_orders(p jsonb, p_decisions json)
RETURNS TABLE (i int, r jsonb, err_code text, err_message text)
LANGUAGE plpgsql AS $$
DECLARE
  d json;
  k bigint;
BEGIN
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
