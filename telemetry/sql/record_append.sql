-- Appending to shipments' temperature records (telemetry/record/append.ts): the ingest stage
-- locks the heads of the batch's shipments, computes the hash chain in the process (SHA-256 of
-- the canonical reading, telemetry/log/canonical.ts), then writes entries, heads and addenda in
-- one call. Both calls run in one transaction; two ingest processes appending to one shipment
-- queue on its head row, and heads are locked in shipment id order so they cannot deadlock.

-- Creates missing heads at the genesis h₀ = SHA-256('coldchain.templog/1:' ‖ shipment id) and
-- returns every head of `p_shipments`, locked until the transaction ends.
CREATE OR REPLACE FUNCTION telemetry.record_lock_heads(p_shipments text[])
RETURNS TABLE (shipment_id text, idx int, head bytea, sealed boolean, addenda int) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO telemetry.record_heads AS h (shipment_id, head)
  SELECT s, sha256(convert_to('coldchain.templog/1:' || s, 'UTF8')) FROM (SELECT DISTINCT unnest(p_shipments) AS s) u ORDER BY s
  ON CONFLICT DO NOTHING;
  RETURN QUERY SELECT h.shipment_id, h.idx, h.head, h.sealed, h.addenda FROM telemetry.record_heads h
                WHERE h.shipment_id = ANY(p_shipments) ORDER BY h.shipment_id FOR UPDATE;
END $$;
REVOKE ALL ON FUNCTION telemetry.record_lock_heads(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.record_lock_heads(text[]) TO coldchain_app;

-- Entries (e_*; ts as Unix ms, converted exactly as the readings' own key was), the new heads
-- (h_*) and the addenda (a_*) of one append, under the locks record_lock_heads took. Hashes
-- are lowercase hex.
CREATE OR REPLACE FUNCTION telemetry.record_write(
  e_shp text[], e_idx int[], e_box text[], e_ts float8[], e_hash text[], e_add int[],
  h_shp text[], h_idx int[], h_head text[], h_addenda int[],
  a_shp text[], a_no int[], a_from int[], a_to int[], a_head text[], a_key text[], a_sig text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  INSERT INTO telemetry.record_entries (shipment_id, idx, box_id, ts, hash, addendum)
  SELECT u.s, u.i, u.b, to_timestamp(u.t / 1000), decode(u.h, 'hex'), u.a
    FROM unnest(e_shp, e_idx, e_box, e_ts, e_hash, e_add) AS u(s, i, b, t, h, a);
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE telemetry.record_heads h SET idx = u.i, head = decode(u.h, 'hex'), addenda = u.a, updated_at = now()
    FROM unnest(h_shp, h_idx, h_head, h_addenda) AS u(s, i, h, a)
   WHERE h.shipment_id = u.s;
  INSERT INTO telemetry.record_addenda (shipment_id, no, from_idx, to_idx, head, key_id, sig)
  SELECT u.s, u.n, u.f, u.t, decode(u.h, 'hex'), u.k, u.g
    FROM unnest(a_shp, a_no, a_from, a_to, a_head, a_key, a_sig) AS u(s, n, f, t, h, k, g);
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION telemetry.record_write(text[], int[], text[], float8[], text[], int[], text[], int[], text[], int[], text[], int[], int[], int[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.record_write(text[], int[], text[], float8[], text[], int[], text[], int[], text[], int[], text[], int[], int[], int[], text[], text[], text[]) TO coldchain_app;
