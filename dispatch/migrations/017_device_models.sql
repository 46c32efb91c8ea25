-- Device models and calibration certificates (issue 23). A box is an instance of a model (its
-- logger's probe accuracy per range, sample interval, buffer and holdover table); a box may be
-- paired only when its model meets GSP accuracy and a certificate is on file and in date
-- (dispatch/devices.ts; COMPLIANCE A.13).
CREATE TABLE dispatch.device_models (
  id                   text PRIMARY KEY,                   -- dm_…
  maker                text NOT NULL CHECK (length(maker) BETWEEN 1 AND 120),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  probe_accuracy       jsonb NOT NULL,                     -- [{fromC, toC, accuracyC}], ±accuracyC inside [fromC, toC]
  sample_interval_s    int NOT NULL CHECK (sample_interval_s > 0),
  buffer_readings      int NOT NULL CHECK (buffer_readings > 0),
  holdover             jsonb NOT NULL,                     -- [{ambientC, minutes}] sorted by ambientC
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (maker, name)
);

-- The model a box registered without one gets (the column's default), and the model of every box
-- that existed before models did: ±0.5 °C over 0–40 °C, as GSP requires.
INSERT INTO dispatch.device_models (id, maker, name, probe_accuracy, sample_interval_s, buffer_readings, holdover) VALUES
  ('dm_default', 'Generic', 'GSP cold box logger',
   '[{"fromC":-40,"toC":0,"accuracyC":1.0},{"fromC":0,"toC":40,"accuracyC":0.5}]', 60, 10080,
   '[{"ambientC":10,"minutes":360},{"ambientC":25,"minutes":300},{"ambientC":35,"minutes":240}]');

ALTER TABLE dispatch.boxes ADD COLUMN model_id text NOT NULL DEFAULT 'dm_default' REFERENCES dispatch.device_models(id);
CREATE INDEX boxes_model_idx ON dispatch.boxes (model_id);

-- One row per calibration. `declared`: the due date was typed in when the box was registered
-- (POST /boxes calibrationDue), no document; `documented`: the certificate's file is stored here
-- (PDF, PNG or JPEG; bytes checked by magic number, SHA-256 of the stored bytes). The document is
-- in the database, not a file store: a few hundred kB per box per year, and it then travels with
-- the record through backup and restore.
CREATE TABLE dispatch.calibration_certificates (
  id                  text PRIMARY KEY,                    -- cal_…
  box_id              text NOT NULL REFERENCES dispatch.boxes(id),
  source              text NOT NULL CHECK (source IN ('declared','documented')),
  certificate_number  text,
  issuer              text,
  calibrated_on       date,
  due_on              date NOT NULL,
  content_type        text CHECK (content_type IN ('application/pdf','image/png','image/jpeg')),
  sha256              text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes               int CHECK (bytes > 0),
  document            bytea,
  uploaded_by         text,
  uploaded_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (calibrated_on IS NULL OR calibrated_on <= due_on),
  CHECK (source = 'declared' OR (certificate_number IS NOT NULL AND issuer IS NOT NULL AND calibrated_on IS NOT NULL
                                 AND content_type IS NOT NULL AND sha256 IS NOT NULL AND bytes IS NOT NULL AND document IS NOT NULL)),
  UNIQUE (box_id, certificate_number)
);
CREATE INDEX calibration_certificates_box_idx ON dispatch.calibration_certificates (box_id, uploaded_at DESC);

-- Existing boxes: their due date becomes a declared certificate, so they stay pairable.
INSERT INTO dispatch.calibration_certificates (id, box_id, source, due_on, uploaded_by, uploaded_at)
SELECT 'cal_' || substr(md5(id), 1, 21), id, 'declared', calibration_due, 'migration_017', created_at FROM dispatch.boxes;

-- boxes.calibration_due is a copy of the latest certificate's due_on, kept by this trigger (the
-- body is dispatch/sql/box_calibration_sync.sql): the fleet and planning queries read one column.
CREATE FUNCTION dispatch.box_calibration_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;
CREATE TRIGGER box_calibration_sync AFTER INSERT OR UPDATE OR DELETE ON dispatch.calibration_certificates
  FOR EACH ROW EXECUTE FUNCTION dispatch.box_calibration_sync();

GRANT SELECT, INSERT, UPDATE, DELETE ON dispatch.device_models TO coldchain_app;
-- Certificates are records: kept, never changed or removed by the application.
GRANT SELECT, INSERT ON dispatch.calibration_certificates TO coldchain_app;
