-- Customer notifications (tracking/notify): at most one per kind per shipment, whatever calls
-- twice; each row records how its delivery went. No phone number here (the worker reads it
-- from dispatch when it sends), only its masked form, and never the delivery code.
CREATE TABLE tracking.customer_notifications (
  id              bigserial PRIMARY KEY,
  shipment_id     text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('picked_up','arriving','delivered','failed','delayed','excursion_review')),
  -- What the message says besides the link: a failure's reason code, the alarm behind a review.
  params          jsonb NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','retrying','sent','partial','failed','skipped')),
  language        text,
  channels        text[] NOT NULL DEFAULT '{}',   -- the channels it was sent through
  sent_channels   text[] NOT NULL DEFAULT '{}',   -- those that accepted it (a retry skips them)
  to_masked       text,                           -- 138******78
  attempts        int  NOT NULL DEFAULT 0,
  error           text,                           -- the last failure
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  sent_at         timestamptz,
  UNIQUE (shipment_id, kind)
);
CREATE INDEX customer_notifications_open_idx ON tracking.customer_notifications (created_at) WHERE status IN ('queued','retrying');

GRANT SELECT, INSERT, UPDATE ON tracking.customer_notifications TO coldchain_app;
GRANT USAGE ON SEQUENCE tracking.customer_notifications_id_seq TO coldchain_app;
