-- Writing audit rows from SQL: platform's interface to platform.audit_log for other contexts'
-- functions (dispatch.place_order, place_batch, telemetry.apply_alarm_events), as
-- platform/audit/audit.ts recordAudit is for TypeScript. The row is the same either way: `id`
-- from the sequence, `at` from the column's default (clock_timestamp(): each row its own time),
-- the rest as given. Invoker's rights: the caller needs INSERT on the table, as before (the app
-- role has SELECT and INSERT only; a trigger refuses UPDATE and DELETE).
--
-- PL/pgSQL, not LANGUAGE sql: the INSERT's plan is then kept for the session, where a SQL
-- function that cannot be inlined (an INSERT) is planned again on every call (PostgreSQL 15).

-- One row.
CREATE OR REPLACE FUNCTION platform.audit_write(
    p_actor_id text, p_actor_role text, p_action text, p_entity_type text, p_entity_id text,
    p_old_value jsonb DEFAULT NULL, p_new_value jsonb DEFAULT NULL,
    p_reason text DEFAULT NULL, p_request_id text DEFAULT NULL, p_ip text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO platform.audit_log (actor_id, actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id, ip)
  VALUES (p_actor_id, p_actor_role, p_action, p_entity_type, p_entity_id, p_old_value, p_new_value, p_reason, p_request_id, p_ip);
END $$;

-- Many rows in one statement (a batch's rows, e.g. dispatch.place_batch), inserted in array
-- order, so ids follow it. p: a jsonb array of objects keyed by the column names (actor_id,
-- actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id, ip);
-- a missing key is NULL, old_value and new_value are stored as given, other keys are ignored.
-- NULL or [] writes nothing.
CREATE OR REPLACE FUNCTION platform.audit_rows(p jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO platform.audit_log (actor_id, actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id, ip)
  SELECT r->>'actor_id', r->>'actor_role', r->>'action', r->>'entity_type', r->>'entity_id', r->'old_value', r->'new_value',
         r->>'reason', r->>'request_id', r->>'ip'
    FROM jsonb_array_elements(p) WITH ORDINALITY AS x(r, n)
   ORDER BY x.n;
END $$;

GRANT EXECUTE ON FUNCTION platform.audit_write(text, text, text, text, text, jsonb, jsonb, text, text, text) TO coldchain_app;
GRANT EXECUTE ON FUNCTION platform.audit_rows(jsonb) TO coldchain_app;
