-- Dispatch: facility network, SKUs and stock lots, fleet (riders, cold boxes), orders,
-- reservations, shipments and custody. Service areas live in geo.service_areas (by facility id).

CREATE SCHEMA IF NOT EXISTS dispatch;
GRANT USAGE ON SCHEMA dispatch TO coldchain_app;

CREATE TABLE dispatch.facilities (
  id               text PRIMARY KEY,                       -- fac_…
  name             text NOT NULL,
  tier             text NOT NULL CHECK (tier IN ('central','forward','store')),
  location         geometry(Point, 4326) NOT NULL,         -- WGS-84
  address          text NOT NULL DEFAULT '',
  time_zone        text NOT NULL DEFAULT 'Asia/Shanghai',
  opening_hours    jsonb NOT NULL,                         -- dispatch/domain/opening-hours.ts schema
  cold_capabilities text[] NOT NULL CHECK (cold_capabilities <@ ARRAY['ambient','chilled','frozen']),
  rider_cap        int NOT NULL DEFAULT 10 CHECK (rider_cap >= 0),
  handling_seconds int NOT NULL DEFAULT 600 CHECK (handling_seconds >= 0),
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX facilities_location_idx ON dispatch.facilities USING gist (location);

CREATE TABLE dispatch.skus (
  id                   text PRIMARY KEY,                   -- sku_…
  name                 text NOT NULL,
  generic_name         text NOT NULL,
  temperature_class    text NOT NULL CHECK (temperature_class IN ('ambient','chilled','frozen')),
  rx                   boolean NOT NULL DEFAULT false,
  stability_profile    text NOT NULL,                      -- alarm profile class (telemetry), e.g. chilled-2-8
  stability_budget_min int CHECK (stability_budget_min >= 0), -- allowed cumulative time out of range
  volume_units         int NOT NULL DEFAULT 1 CHECK (volume_units > 0)
);

CREATE TABLE dispatch.lots (
  id          text PRIMARY KEY,                            -- lot_…
  facility_id text NOT NULL REFERENCES dispatch.facilities(id),
  sku_id      text NOT NULL REFERENCES dispatch.skus(id),
  lot_number  text NOT NULL,
  expiry      date NOT NULL,
  on_hand     int NOT NULL CHECK (on_hand >= 0),
  reserved    int NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  -- The invariant that makes overselling impossible, whatever the concurrency.
  CHECK (reserved <= on_hand),
  UNIQUE (facility_id, sku_id, lot_number)
);
CREATE INDEX lots_facility_sku_idx ON dispatch.lots (facility_id, sku_id, expiry);
CREATE INDEX lots_sku_idx ON dispatch.lots (sku_id) INCLUDE (facility_id, expiry, on_hand, reserved);

CREATE TABLE dispatch.riders (
  id               text PRIMARY KEY,                       -- rdr_…
  name             text NOT NULL,
  home_facility_id text NOT NULL REFERENCES dispatch.facilities(id),
  vehicle_type     text NOT NULL CHECK (vehicle_type IN ('e_bike','scooter','car','walker')),
  speed_factor     double precision NOT NULL DEFAULT 1 CHECK (speed_factor > 0),
  shifts           jsonb NOT NULL DEFAULT '[]',            -- [{day: 'mon', start: '08:00', end: '20:00'}]
  status           text NOT NULL DEFAULT 'offline' CHECK (status IN ('online','offline')),
  active           boolean NOT NULL DEFAULT true
);
CREATE INDEX riders_home_idx ON dispatch.riders (home_facility_id);

CREATE TABLE dispatch.boxes (
  id                 text PRIMARY KEY,                     -- box_…
  facility_id        text NOT NULL REFERENCES dispatch.facilities(id),
  kind               text NOT NULL CHECK (kind IN ('passive','active')),
  holdover_minutes   jsonb NOT NULL,                       -- validated hold time per season {summer, winter}
  calibration_due    date NOT NULL,
  battery_pct        int CHECK (battery_pct BETWEEN 0 AND 100),
  sample_interval_s  int NOT NULL DEFAULT 60 CHECK (sample_interval_s > 0),
  probes             int NOT NULL DEFAULT 1 CHECK (probes >= 1),
  rider_id           text REFERENCES dispatch.riders(id),  -- current pairing
  paired_at          timestamptz,
  status             text NOT NULL DEFAULT 'available' CHECK (status IN ('available','in_use','maintenance','retired')),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX boxes_facility_idx ON dispatch.boxes (facility_id);

CREATE TABLE dispatch.box_compartments (
  box_id            text NOT NULL REFERENCES dispatch.boxes(id),
  temperature_class text NOT NULL CHECK (temperature_class IN ('ambient','chilled','frozen')),
  capacity_units    int NOT NULL CHECK (capacity_units > 0),
  PRIMARY KEY (box_id, temperature_class)
);

CREATE TABLE dispatch.box_pairings (                       -- box ↔ rider history
  id        bigserial PRIMARY KEY,
  box_id    text NOT NULL REFERENCES dispatch.boxes(id),
  rider_id  text NOT NULL REFERENCES dispatch.riders(id),
  from_at   timestamptz NOT NULL DEFAULT now(),
  to_at     timestamptz
);

CREATE TABLE dispatch.recurring_orders (
  id            text PRIMARY KEY,                          -- rec_…
  template      jsonb NOT NULL,                            -- the order body minus schedule (personal data encrypted)
  every_days    int NOT NULL CHECK (every_days BETWEEN 1 AND 365),
  next_at       timestamptz NOT NULL,
  remaining     int CHECK (remaining >= 0),
  until_at      timestamptz,
  created_by    text,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dispatch.orders (
  id                 text PRIMARY KEY,                     -- ord_…
  token              text NOT NULL UNIQUE,                 -- public tracking token (≥128 bit)
  channel            text NOT NULL CHECK (channel IN ('app','mini_program','third_party','store_pos')),
  external_ref       text,
  status             text NOT NULL CHECK (status IN ('awaiting_rx','awaiting_confirmation','confirmed','in_delivery','delivered','cancelled','unservable')),
  delivery_mode      text NOT NULL CHECK (delivery_mode IN ('instant','scheduled','pickup')),
  window_start       timestamptz,
  window_end         timestamptz NOT NULL,
  -- Personal data: AES-256-GCM envelopes (platform/privacy), phone also as a blind index.
  customer_name_enc    text NOT NULL,
  customer_phone_enc   text NOT NULL,
  customer_phone_idx   text,
  customer_address_enc text NOT NULL,
  location           geometry(Point, 4326) NOT NULL,
  rx_ref             text,
  rx_status          text NOT NULL CHECK (rx_status IN ('not_required','pending','verified','rejected')),
  rx_reviewed_by     text,
  rx_reviewed_at     timestamptz,
  rx_note            text,
  decision           jsonb,                                -- sourcing: candidates and reasons
  reservation_expires_at timestamptz,
  recurring_id       text REFERENCES dispatch.recurring_orders(id),
  cancel_reason      text,
  created_by         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_status_created_idx ON dispatch.orders (status, created_at DESC);
CREATE INDEX orders_created_idx ON dispatch.orders (created_at DESC);
CREATE INDEX orders_expiry_idx ON dispatch.orders (reservation_expires_at) WHERE status IN ('awaiting_rx','awaiting_confirmation');
CREATE INDEX orders_phone_idx ON dispatch.orders (customer_phone_idx);

CREATE TABLE dispatch.order_items (
  order_id text NOT NULL REFERENCES dispatch.orders(id),
  line_no  int NOT NULL,
  sku_id   text NOT NULL REFERENCES dispatch.skus(id),
  quantity int NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE dispatch.order_events (                       -- full history, append-only
  id        bigserial PRIMARY KEY,
  order_id  text NOT NULL REFERENCES dispatch.orders(id),
  at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  type      text NOT NULL,
  status    text,
  actor_id  text,
  detail    jsonb
);
CREATE INDEX order_events_order_idx ON dispatch.order_events (order_id, id);
CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON dispatch.order_events
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

CREATE TABLE dispatch.shipments (
  id                text PRIMARY KEY,                      -- shp_…
  order_id          text NOT NULL REFERENCES dispatch.orders(id),
  facility_id       text NOT NULL REFERENCES dispatch.facilities(id),
  status            text NOT NULL CHECK (status IN ('held','ready','assigned','picked_up','delivered','cancelled','returned')),
  cold_classes      text[] NOT NULL DEFAULT '{}',          -- compartments it needs
  units             jsonb NOT NULL DEFAULT '{}',           -- volume units per temperature class
  rider_id          text REFERENCES dispatch.riders(id),
  pinned_rider_id   text REFERENCES dispatch.riders(id),
  eta               timestamptz,
  due_at            timestamptz NOT NULL,
  window_start      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipments_facility_status_idx ON dispatch.shipments (facility_id, status);
CREATE INDEX shipments_order_idx ON dispatch.shipments (order_id);

CREATE TABLE dispatch.reservations (
  id          bigserial PRIMARY KEY,
  order_id    text NOT NULL REFERENCES dispatch.orders(id),
  shipment_id text NOT NULL REFERENCES dispatch.shipments(id),
  lot_id      text NOT NULL REFERENCES dispatch.lots(id),
  sku_id      text NOT NULL,
  quantity    int NOT NULL CHECK (quantity > 0),
  status      text NOT NULL CHECK (status IN ('held','confirmed','released','consumed'))
);
CREATE INDEX reservations_order_idx ON dispatch.reservations (order_id);

CREATE TABLE dispatch.custody (                            -- box_… carried shp_… from t1 to t2
  id           bigserial PRIMARY KEY,
  box_id       text NOT NULL REFERENCES dispatch.boxes(id),
  shipment_id  text NOT NULL REFERENCES dispatch.shipments(id),
  rider_id     text REFERENCES dispatch.riders(id),
  temperature_class text NOT NULL,
  units        int NOT NULL CHECK (units > 0),
  from_at      timestamptz NOT NULL DEFAULT now(),
  to_at        timestamptz,
  CHECK (to_at IS NULL OR to_at >= from_at)
);
CREATE INDEX custody_box_idx ON dispatch.custody (box_id, from_at);
CREATE UNIQUE INDEX custody_open_shipment_idx ON dispatch.custody (shipment_id, temperature_class) WHERE to_at IS NULL;
CREATE INDEX custody_shipment_idx ON dispatch.custody (shipment_id, from_at);

GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA dispatch TO coldchain_app;
REVOKE UPDATE ON dispatch.order_events FROM coldchain_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA dispatch TO coldchain_app;
