-- Telemetry: raw messages, readings (time-partitioned, append-only), dead letters, latest box
-- state, alarms with their lifecycle, notification log, contacts and alarm profiles.
--
-- Append-only records (GSP App.3 "cannot be modified or deleted", COMPLIANCE A.6, C.38): the
-- application role (coldchain_app) holds only SELECT and INSERT on messages, readings and
-- dead letters, and a row-level trigger refuses UPDATE and DELETE for everyone, the owner
-- included. Row triggers declared on a partitioned table are cloned onto every partition,
-- present and future, so a partition created later is covered too.

CREATE SCHEMA IF NOT EXISTS telemetry;
GRANT USAGE ON SCHEMA telemetry TO coldchain_app;

-- One row per accepted MQTT message, with the payload exactly as received (ALCOA+ "original").
-- Partitioned by the device's sentAt: it is part of the payload, so a QoS 1 redelivery of the
-- same message lands on the same key and ON CONFLICT DO NOTHING drops it (COMPLIANCE D.48).
CREATE TABLE telemetry.messages (
  box_id        text        NOT NULL,
  sent_at       timestamptz NOT NULL,   -- device clock, payload `sentAt` (Unix ms → timestamptz)
  seq           bigint      NOT NULL,   -- payload `seq` (uint32, restarts at box reboot)
  received_at   timestamptz NOT NULL,   -- server receive time
  topic         text        NOT NULL,
  fw            text        NOT NULL,
  reading_count int         NOT NULL,
  payload       text        NOT NULL,   -- UTF-8 JSON as published (the decoder refuses non-UTF-8)
  PRIMARY KEY (box_id, sent_at, seq)
) PARTITION BY RANGE (sent_at);

-- One row per sample: every probe of one box at one device time. The key (box_id, ts) is the
-- (box, probe, ts) idempotency key of COMPLIANCE D.48 (a row holds all probes of a sample).
CREATE TABLE telemetry.readings (
  box_id        text        NOT NULL,
  ts            timestamptz NOT NULL,   -- device sample time; never replaced by server time (F.63)
  received_at   timestamptz NOT NULL,   -- server receive time
  sent_at       timestamptz NOT NULL,   -- with box_id and seq: the raw message in telemetry.messages
  seq           bigint      NOT NULL,
  reading_index int         NOT NULL,
  fw            text        NOT NULL,
  t             double precision[] NOT NULL, -- °C per probe, as sent (float64 round-trips JSON numbers)
  rh            double precision,       -- %RH
  door          boolean,                -- true = open
  batt          double precision,       -- % state of charge
  hist          boolean     NOT NULL,   -- replayed from the store-and-forward buffer
  drift_ms      bigint      NOT NULL,   -- ts − received_at
  drift_flag    boolean     NOT NULL,   -- |drift| > 2 min on live data (F.63)
  shipment_ids  text[]      NOT NULL DEFAULT '{}', -- custody at ts, attached at ingest
  PRIMARY KEY (box_id, ts)
) PARTITION BY RANGE (ts);

-- Safety nets: a row whose day has no partition yet (late backfill, clock far off) still lands.
CREATE TABLE telemetry.messages_default PARTITION OF telemetry.messages DEFAULT;
CREATE TABLE telemetry.readings_default PARTITION OF telemetry.readings DEFAULT;

CREATE TRIGGER messages_append_only BEFORE UPDATE OR DELETE ON telemetry.messages
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER messages_no_truncate BEFORE TRUNCATE ON telemetry.messages
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER readings_append_only BEFORE UPDATE OR DELETE ON telemetry.readings
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();
CREATE TRIGGER readings_no_truncate BEFORE TRUNCATE ON telemetry.readings
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

/*
 * Daily partitions (UTC days) for messages and readings from `days_back` days ago to
 * `days_ahead` days ahead. Run at migration and by the worker's maintenance job; the app role
 * cannot run DDL, so this is SECURITY DEFINER (owned by the schema owner) with a fixed
 * search_path and bounded arguments. A day whose rows already sit in the default partition
 * cannot get its own partition (PostgreSQL refuses); it is skipped with a NOTICE and the rows
 * stay readable through the parent.
 */
CREATE FUNCTION telemetry.ensure_partitions(days_ahead int DEFAULT 7, days_back int DEFAULT 1)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, telemetry AS $$
DECLARE
  d date;
  tbl text;
  part text;
  created int := 0;
BEGIN
  IF days_ahead NOT BETWEEN 0 AND 366 OR days_back NOT BETWEEN 0 AND 366 THEN
    RAISE EXCEPTION 'ensure_partitions: days out of range (0..366)';
  END IF;
  FOREACH tbl IN ARRAY ARRAY['messages', 'readings'] LOOP
    FOR d IN SELECT g::date FROM generate_series((now() AT TIME ZONE 'UTC')::date - days_back,
                                                  (now() AT TIME ZONE 'UTC')::date + days_ahead, interval '1 day') g LOOP
      part := tbl || '_' || to_char(d, 'YYYYMMDD');
      CONTINUE WHEN to_regclass('telemetry.' || part) IS NOT NULL;
      BEGIN
        EXECUTE format('CREATE TABLE telemetry.%I PARTITION OF telemetry.%I FOR VALUES FROM (%L) TO (%L)',
                       part, tbl, d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
        created := created + 1;
      EXCEPTION WHEN check_violation OR invalid_object_definition THEN
        RAISE NOTICE 'partition % not created: %', part, SQLERRM;
      END;
    END LOOP;
  END LOOP;
  RETURN created;
END $$;
REVOKE ALL ON FUNCTION telemetry.ensure_partitions(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.ensure_partitions(int, int) TO coldchain_app;
SELECT telemetry.ensure_partitions(7, 1);

-- Refused messages with the reason code of the decoder (telemetry/contract/decode.ts) or of
-- validation (`unknown_box`). Kept so nothing is lost; identical bytes on the same topic are
-- stored once (a QoS 1 redelivery of a bad message is not a second bad message).
CREATE TABLE telemetry.dead_letters (
  id             bigserial PRIMARY KEY,
  received_at    timestamptz NOT NULL,
  topic          text        NOT NULL,
  box_id         text,                  -- from the topic, when it parses
  reason         text        NOT NULL,
  detail         text        NOT NULL,
  payload        bytea       NOT NULL,  -- first 64 KiB of the payload, bytes as received
  payload_bytes  int         NOT NULL,  -- full payload length
  payload_sha256 bytea       NOT NULL
);
CREATE UNIQUE INDEX dead_letters_dedupe ON telemetry.dead_letters (topic, payload_sha256);
CREATE INDEX dead_letters_received_idx ON telemetry.dead_letters (received_at);
CREATE INDEX dead_letters_reason_idx ON telemetry.dead_letters (reason, received_at);
CREATE TRIGGER dead_letters_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON telemetry.dead_letters
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- Latest state per box for the console (a cache of readings + status; not a record).
CREATE TABLE telemetry.box_latest (
  box_id        text PRIMARY KEY,
  ts            timestamptz,            -- device time of the latest live reading
  received_at   timestamptz,
  t             double precision[],
  rh            double precision,
  door          boolean,
  batt          double precision,
  drift_flag    boolean,
  online        boolean,
  status_at     timestamptz,
  fw            text,
  shipment_ids  text[] NOT NULL DEFAULT '{}',
  facility_id   text,
  rider_id      text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX box_latest_facility_idx ON telemetry.box_latest (facility_id);
CREATE INDEX box_latest_rider_idx ON telemetry.box_latest (rider_id);

-- Alarms: one open alarm per box × type (the unique partial index makes raising idempotent).
-- `status` is the human lifecycle (active → acknowledged → resolved); `condition` is what the
-- data says (active / cleared). Every step writes a platform.audit_log row.
CREATE TABLE telemetry.alarms (
  id                text PRIMARY KEY,     -- alm_…
  box_id            text NOT NULL,
  type              text NOT NULL,        -- excursion EventType (TEMP_HIGH, FREEZE, MONITORING_LOST, …)
  severity          text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'acknowledged', 'resolved')),
  condition         text NOT NULL DEFAULT 'active' CHECK (condition IN ('active', 'cleared')),
  temperature_class text,
  shipment_ids      text[] NOT NULL DEFAULT '{}',
  facility_ids      text[] NOT NULL DEFAULT '{}',
  rider_ids         text[] NOT NULL DEFAULT '{}',
  raised_at         timestamptz NOT NULL, -- event time: device ts, or server time for liveness
  retrospective     boolean NOT NULL DEFAULT false,
  details           jsonb NOT NULL DEFAULT '{}',
  occurrences       int NOT NULL DEFAULT 1,
  cleared_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  acknowledged_at   timestamptz,
  acknowledged_by   text,
  ack_note          text,
  resolved_at       timestamptz,
  resolved_by       text,
  resolve_note      text,
  escalation_tier   int NOT NULL DEFAULT 0,
  last_notified_at  timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alarms_one_open ON telemetry.alarms (box_id, type) WHERE status <> 'resolved';
CREATE INDEX alarms_created_idx ON telemetry.alarms (created_at DESC);
CREATE INDEX alarms_box_idx ON telemetry.alarms (box_id, created_at DESC);
CREATE INDEX alarms_open_idx ON telemetry.alarms (status) WHERE status <> 'resolved';

-- Every notification attempt (who was told what, when, by which channel, with what outcome).
CREATE TABLE telemetry.alarm_notifications (
  id          bigserial PRIMARY KEY,
  alarm_id    text NOT NULL REFERENCES telemetry.alarms(id),
  tier        int NOT NULL,
  channel     text NOT NULL,              -- sms | email | webhook
  contact_id  text,                       -- con_… (null for the webhook)
  outcome     text NOT NULL,              -- sent | failed | skipped
  detail      text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarm_notifications_alarm_idx ON telemetry.alarm_notifications (alarm_id, at);
CREATE TRIGGER alarm_notifications_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON telemetry.alarm_notifications
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

-- Designated alarm recipients (staff on duty). Profiles name them by id; addresses stay here,
-- out of profiles, payloads and logs.
CREATE TABLE telemetry.contacts (
  id          text PRIMARY KEY,           -- con_…
  label       text NOT NULL,              -- a duty, e.g. "QA on call" (not a person's name)
  phone       text,                       -- E.164, for SMS
  email       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Alarm-profile overrides per facility ('*' = every facility) and product class, resolved by
-- telemetry/excursion resolveProfile (base → facility '*' → facility). `escalation` lists the
-- later tiers: [{ "afterMin": 10, "recipients": [{ "channel": "sms", "contactId": "con_…" }] }].
CREATE TABLE telemetry.alarm_profiles (
  facility_id   text NOT NULL,
  product_class text NOT NULL CHECK (product_class IN ('chilled', 'frozen', 'ambient')),
  override      jsonb NOT NULL,
  escalation    jsonb NOT NULL DEFAULT '[]',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text,
  PRIMARY KEY (facility_id, product_class)
);

GRANT SELECT, INSERT ON telemetry.messages, telemetry.readings, telemetry.dead_letters, telemetry.alarm_notifications TO coldchain_app;
GRANT SELECT, INSERT, UPDATE ON telemetry.box_latest, telemetry.alarms, telemetry.contacts, telemetry.alarm_profiles TO coldchain_app;
GRANT USAGE ON SEQUENCE telemetry.dead_letters_id_seq, telemetry.alarm_notifications_id_seq TO coldchain_app;
