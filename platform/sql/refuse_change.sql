-- Trigger function of the append-only tables (platform.audit_log, dispatch.order_events,
-- telemetry's messages, readings, dead letters and notification log): refuses the UPDATE,
-- DELETE or TRUNCATE it is attached to, for everyone, the owner included.
CREATE OR REPLACE FUNCTION platform.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
