-- Quarantine (issue 17, COMPLIANCE B.25, D.49–50): one entry point for every reason a shipment
-- goes to QA, so the alarm trigger below and the lifecycle hook (app/ wires tracking to
-- telemetry/qa) open cases the same way. Idempotent per (shipment, source): an alarm updated
-- again, or a lifecycle step replayed, adds nothing. Returns the case id, or null when that
-- source was already recorded.
CREATE OR REPLACE FUNCTION telemetry.qa_quarantine(
    p_shipment_id text, p_code text, p_source text, p_at timestamptz, p_critical boolean, p_detail jsonb DEFAULT '{}')
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_case text;
BEGIN
  IF EXISTS (SELECT 1 FROM telemetry.qa_case_reasons WHERE shipment_id = p_shipment_id AND source = p_source) THEN
    RETURN NULL;
  END IF;
  INSERT INTO telemetry.qa_cases (id, shipment_id, critical)
  VALUES ('qac_' || replace(gen_random_uuid()::text, '-', ''), p_shipment_id, p_critical)
  ON CONFLICT (shipment_id) WHERE status <> 'disposed' DO NOTHING
  RETURNING id INTO v_case;
  IF v_case IS NOT NULL THEN
    PERFORM platform.audit_write('system:qa', 'system', 'qa.quarantine', 'qa_case', v_case, NULL,
      jsonb_build_object('shipmentId', p_shipment_id, 'code', p_code, 'source', p_source));
  ELSE
    SELECT id INTO v_case FROM telemetry.qa_cases WHERE shipment_id = p_shipment_id AND status <> 'disposed' FOR UPDATE;
    IF p_critical THEN
      UPDATE telemetry.qa_cases SET critical = true, updated_at = now() WHERE id = v_case AND NOT critical;
    END IF;
  END IF;
  INSERT INTO telemetry.qa_case_reasons (shipment_id, source, case_id, code, at, critical, detail)
  VALUES (p_shipment_id, p_source, v_case, p_code, p_at, p_critical, coalesce(p_detail, '{}'))
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    PERFORM platform.audit_write('system:qa', 'system', 'qa.reason', 'qa_case', v_case, NULL,
      jsonb_build_object('shipmentId', p_shipment_id, 'code', p_code, 'source', p_source, 'critical', p_critical));
  END IF;
  RETURN v_case;
END $$;
GRANT EXECUTE ON FUNCTION telemetry.qa_quarantine(text, text, text, timestamptz, boolean, jsonb) TO coldchain_app;

-- An excursion, freeze, exhausted stability budget or lost monitoring on a box quarantines every
-- shipment the alarm names (ingest attaches the shipments in custody at the reading's time), in
-- the transaction that raises or widens the alarm, whichever process raised it. Called by the
-- trigger alarms_qa_quarantine (telemetry migration 004).
CREATE OR REPLACE FUNCTION telemetry.qa_quarantine_alarm() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_code text := CASE NEW.type
    WHEN 'TEMP_HIGH' THEN 'excursion' WHEN 'TEMP_LOW' THEN 'excursion' WHEN 'CUMULATIVE' THEN 'excursion'
    WHEN 'FREEZE' THEN 'freeze' WHEN 'BUDGET_EXCEEDED' THEN 'budget_exceeded' WHEN 'MONITORING_LOST' THEN 'monitoring_gap' END;
  v_ship text;
BEGIN
  IF v_code IS NULL THEN RETURN NULL; END IF;
  FOREACH v_ship IN ARRAY NEW.shipment_ids LOOP
    -- A re-raise at critical severity is a reason of its own: it makes the case need two signers.
    PERFORM telemetry.qa_quarantine(v_ship, v_code, NEW.id || CASE WHEN NEW.severity = 'critical' THEN ':critical' ELSE '' END, NEW.raised_at, NEW.severity = 'critical',
      jsonb_build_object('alarmId', NEW.id, 'type', NEW.type, 'severity', NEW.severity, 'boxId', NEW.box_id));
  END LOOP;
  RETURN NULL;
END $$;
