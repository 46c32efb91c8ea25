-- QA disposition (issue 17; COMPLIANCE B.25, C.30–34, A.18): quarantine cases per shipment with
-- the reasons that opened them, the excursion lifecycle open → acknowledged → investigated →
-- disposed, electronic signatures bound to a record version, change requests for alarm
-- profiles and the signed audit-trail reviews.
--
-- Reasons and signatures are records (append-only for everyone, like readings); a case and a
-- change request are workflows whose every step also writes an audit row, so their UPDATEs
-- hide nothing.

CREATE TABLE telemetry.qa_cases (
  id               text PRIMARY KEY,                      -- qac_…
  shipment_id      text NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'investigated', 'disposed')),
  critical         boolean NOT NULL DEFAULT false,        -- a critical alarm among its reasons: two QA signers
  opened_at        timestamptz NOT NULL DEFAULT now(),
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  ack_note         text,
  investigated_at  timestamptz,
  investigated_by  text,
  root_cause       text,
  capa             text,
  disposition      text CHECK (disposition IN ('release', 'reject')),
  reject_action    text CHECK (reject_action IN ('destroy', 'return_to_supplier')),
  disposed_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((disposition = 'reject') = (reject_action IS NOT NULL)),
  CHECK (status <> 'disposed' OR disposition IS NOT NULL)
);
-- One case in progress per shipment; a reason arriving after disposal opens a new one.
CREATE UNIQUE INDEX qa_cases_one_open ON telemetry.qa_cases (shipment_id) WHERE status <> 'disposed';
CREATE INDEX qa_cases_shipment_idx ON telemetry.qa_cases (shipment_id, opened_at);
CREATE INDEX qa_cases_queue_idx ON telemetry.qa_cases (status, opened_at);

-- Why a shipment is quarantined: each source (an alarm, a lifecycle step) counts once per
-- shipment, so an alarm updated again (acknowledged, escalated) adds nothing.
CREATE TABLE telemetry.qa_case_reasons (
  shipment_id  text NOT NULL,
  source       text NOT NULL,                             -- alm_… or lifecycle:<state>
  case_id      text NOT NULL REFERENCES telemetry.qa_cases(id),
  code         text NOT NULL CHECK (code IN ('excursion', 'freeze', 'monitoring_gap', 'budget_exceeded', 'cold_chain_breach', 'cold_return')),
  at           timestamptz NOT NULL,                      -- when the condition arose (alarm raised_at, event time)
  critical     boolean NOT NULL DEFAULT false,
  detail       jsonb NOT NULL DEFAULT '{}',
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shipment_id, source)
);
CREATE INDEX qa_case_reasons_case_idx ON telemetry.qa_case_reasons (case_id);
CREATE TRIGGER qa_case_reasons_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON telemetry.qa_case_reasons
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- Electronic signatures (Part 11 §11.50, §11.70, §11.200): printed name, time in UTC and in the
-- signer's zone, meaning, and the SHA-256 of the exact content signed, kept with that content
-- so a verification can show what changed.
CREATE TABLE telemetry.qa_signatures (
  id               text PRIMARY KEY,                      -- sig_…
  subject_type     text NOT NULL CHECK (subject_type IN ('qa_case', 'change_request', 'audit_review')),
  subject_id       text NOT NULL,
  signer_id        text NOT NULL,
  username         text NOT NULL,
  printed_name     text NOT NULL,
  meaning          text NOT NULL CHECK (meaning IN ('qa_release', 'qa_rejection', 'reviewed', 'change_approval')),
  signed_at        timestamptz NOT NULL,
  signed_at_local  text NOT NULL,                         -- ISO 8601 with the zone's offset
  time_zone        text NOT NULL,
  content          text NOT NULL,                         -- canonical JSON that was hashed
  content_sha256   text NOT NULL,
  record_digest    text,                                  -- recordVersionDigest of the shipment, for a case
  UNIQUE (subject_type, subject_id, signer_id)            -- one person signs a thing once
);
CREATE INDEX qa_signatures_signer_idx ON telemetry.qa_signatures (signer_id, signed_at);
CREATE TRIGGER qa_signatures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON telemetry.qa_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- Change requests (COMPLIANCE A.18): proposed with a reason, approved by another QA user with
-- an e-signature, then in force. `previous` keeps the value it replaced readable.
CREATE TABLE telemetry.qa_change_requests (
  id            text PRIMARY KEY,                         -- chg_…
  target_type   text NOT NULL CHECK (target_type IN ('alarm_profile')),
  target_key    text NOT NULL,                            -- alarm_profile: <facilityId>/<productClass>
  proposed      jsonb NOT NULL,
  previous      jsonb,                                    -- the stored value when approved (null: none)
  reason        text NOT NULL,
  status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'in_force', 'withdrawn')),
  proposed_by   text NOT NULL,
  proposed_at   timestamptz NOT NULL DEFAULT now(),
  approved_by   text,
  approved_at   timestamptz,
  signature_id  text REFERENCES telemetry.qa_signatures(id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qa_change_requests_target_idx ON telemetry.qa_change_requests (target_type, target_key, proposed_at);

-- Audit-trail reviews (COMPLIANCE C.31): a period's rows, their digest, and QA's sign-off.
CREATE TABLE telemetry.qa_audit_reviews (
  id            text PRIMARY KEY,                         -- arv_…
  period_from   timestamptz NOT NULL,
  period_to     timestamptz NOT NULL,
  row_count     int NOT NULL,
  last_row_id   bigint,                                   -- highest audit row id in the period at sign-off
  rows_sha256   text NOT NULL,
  comment       text NOT NULL,
  reviewed_by   text NOT NULL,
  signature_id  text NOT NULL REFERENCES telemetry.qa_signatures(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to > period_from)
);
CREATE INDEX qa_audit_reviews_period_idx ON telemetry.qa_audit_reviews (period_from, period_to);
CREATE TRIGGER qa_audit_reviews_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON telemetry.qa_audit_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

GRANT SELECT, INSERT, UPDATE ON telemetry.qa_cases, telemetry.qa_change_requests TO coldchain_app;
GRANT SELECT, INSERT ON telemetry.qa_case_reasons, telemetry.qa_signatures, telemetry.qa_audit_reviews TO coldchain_app;

-- Quarantine by alarm: the trigger needs its function at once, so its first body is written
-- here; the current text is telemetry/sql/qa_quarantine.sql (which also defines
-- telemetry.qa_quarantine, called from this body at run time only).
CREATE FUNCTION telemetry.qa_quarantine_alarm() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER alarms_qa_quarantine AFTER INSERT OR UPDATE OF shipment_ids, severity ON telemetry.alarms
  FOR EACH ROW WHEN (cardinality(NEW.shipment_ids) > 0) EXECUTE FUNCTION telemetry.qa_quarantine_alarm();
