-- Proof-of-delivery files (tracking/pod/uploads.ts): a door photo or a signature image per
-- shipment, kept in the PodStore under `storage_key`. The row is the record: who sent it, when,
-- its SHA-256 (of the stored bytes, metadata already stripped) and which event used it. The
-- same bytes sent again (an offline queue replaying) find their row by the unique key.
CREATE TABLE tracking.pod_files (
  id            text PRIMARY KEY,
  shipment_id   text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('photo','signature')),
  content_type  text NOT NULL,
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes         int  NOT NULL CHECK (bytes > 0),
  width         int  NOT NULL,
  height        int  NOT NULL,
  storage_key   text NOT NULL,
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (shipment_id, kind, sha256)
);

GRANT SELECT, INSERT ON tracking.pod_files TO coldchain_app;
