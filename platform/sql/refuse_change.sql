-- Trigger function of the append-only tables (platform.audit_log, dispatch.order_events,
-- telemetry's messages, readings, dead letters, notification log, temperature records and QA
-- records): refuses the UPDATE, DELETE or TRUNCATE it is attached to, for everyone, the owner
-- included.
--
-- One exception: a DELETE made inside the retention purge (telemetry.record_purge, SECURITY
-- DEFINER), which checks each record's retention before it deletes. The purge sets
-- coldchain.retention_purge for its transaction; the setting alone is not enough, because any
-- session may set it: the DELETE must also run with another role's rights than the session's
-- (current_user <> session_user), which only a SECURITY DEFINER function gives. A session of
-- the owner that sets the flag and deletes by hand is still refused; the application role has
-- no DELETE grant on these tables at all.
CREATE OR REPLACE FUNCTION platform.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('coldchain.retention_purge', true) = 'on' AND current_user <> session_user THEN
    IF TG_LEVEL = 'ROW' THEN RETURN OLD; END IF;
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
