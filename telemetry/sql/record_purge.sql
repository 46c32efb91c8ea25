-- The retention purge of one shipment's quality record (COMPLIANCE A.8, A.21; issue 17): the
-- temperature record (entries, addenda, seal, chain cursor, anchor leaf; an anchor once its
-- last leaf is gone), the shipment's QA cases with their reasons and signatures, and the audit
-- rows about them. The only way anything leaves these append-only tables.
--
-- SECURITY DEFINER (runs as the owner; the application role may only EXECUTE it) and narrow:
-- it decides retention itself, with the database's clock, whatever the caller believes:
-- kept until max(sealed end + 5 years, latest lot expiry + 1 day + 1 year) (the same rule as
-- telemetry/record/retention.ts). A record that is unsealed, still under retention, or has a
-- QA case not yet disposed is refused (SQLSTATE CCR01) and nothing is deleted. Audit rows
-- younger than 5 years are never deleted. Each purge writes its own audit row.
CREATE OR REPLACE FUNCTION telemetry.record_purge(p_shipment text, p_actor text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ended timestamptz;
  v_expiry date;
  v_until timestamptz;
  v_cases text[];
  v_sigs text[];
  v_anchor bigint;
  v jsonb := '{}';
  n int;
BEGIN
  SELECT ended_at INTO v_ended FROM telemetry.record_seals WHERE shipment_id = p_shipment FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'record of % is not sealed: purge refused', p_shipment USING ERRCODE = 'CCR01';
  END IF;
  v_expiry := dispatch.order_latest_expiry(p_shipment);
  v_until := greatest(v_ended + interval '5 years',
                      coalesce(((v_expiry + 1)::timestamp AT TIME ZONE 'UTC') + interval '1 year', '-infinity'));
  IF v_until >= now() THEN
    RAISE EXCEPTION 'record of % is kept until %: purge refused', p_shipment, to_char(v_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      USING ERRCODE = 'CCR01';
  END IF;
  IF EXISTS (SELECT 1 FROM telemetry.qa_cases WHERE shipment_id = p_shipment AND status <> 'disposed') THEN
    RAISE EXCEPTION 'record of % has a QA case not yet disposed: purge refused', p_shipment USING ERRCODE = 'CCR01';
  END IF;
  v_cases := ARRAY(SELECT id FROM telemetry.qa_cases WHERE shipment_id = p_shipment);
  v_sigs := ARRAY(SELECT id FROM telemetry.qa_signatures WHERE subject_type = 'qa_case' AND subject_id = ANY(v_cases));

  PERFORM set_config('coldchain.retention_purge', 'on', true);
  DELETE FROM telemetry.record_anchor_leaves WHERE shipment_id = p_shipment RETURNING anchor_id INTO v_anchor;
  DELETE FROM telemetry.record_anchors a WHERE a.id = v_anchor
     AND NOT EXISTS (SELECT 1 FROM telemetry.record_anchor_leaves l WHERE l.anchor_id = a.id);
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('anchors', n, 'anchorLeaves', (v_anchor IS NOT NULL)::int);
  DELETE FROM telemetry.record_entries WHERE shipment_id = p_shipment;
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('entries', n);
  DELETE FROM telemetry.record_addenda WHERE shipment_id = p_shipment;
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('addenda', n);
  DELETE FROM telemetry.record_seals WHERE shipment_id = p_shipment;
  DELETE FROM telemetry.record_heads WHERE shipment_id = p_shipment;
  DELETE FROM telemetry.qa_case_reasons WHERE case_id = ANY(v_cases);
  DELETE FROM telemetry.qa_signatures WHERE id = ANY(v_sigs);
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('signatures', n);
  DELETE FROM telemetry.qa_cases WHERE id = ANY(v_cases);
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('qaCases', n);
  DELETE FROM platform.audit_log
   WHERE entity_type IN ('shipment', 'qa_case', 'qa_signature') AND entity_id = ANY(p_shipment || v_cases || v_sigs)
     AND at < now() - interval '5 years';
  GET DIAGNOSTICS n = ROW_COUNT; v := v || jsonb_build_object('auditRows', n);
  PERFORM set_config('coldchain.retention_purge', 'off', true);

  v := v || jsonb_build_object('retainedUntil', to_char(v_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'latestExpiry', v_expiry, 'endedAt', v_ended);
  PERFORM platform.audit_write(p_actor, NULL, 'record.purge', 'shipment', p_shipment, NULL, v, 'retention period over', NULL, NULL);
  RETURN v;
END $$;
REVOKE ALL ON FUNCTION telemetry.record_purge(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.record_purge(text, text) TO coldchain_app;
