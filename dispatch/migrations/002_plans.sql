-- Route plans: one row per planning run of a facility, routes per rider with ordered stops
-- and ETAs. The newest plan of a facility is the current one; older ones stay for analysis.
CREATE TABLE dispatch.plans (
  id          text PRIMARY KEY,                            -- pln_…
  facility_id text NOT NULL REFERENCES dispatch.facilities(id),
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  reason      text,
  summary     jsonb NOT NULL,                              -- served, unassigned, lateness, travel time, solver stats
  unassigned  jsonb NOT NULL DEFAULT '[]'                  -- [{shipmentId, reason, detail}]
);
CREATE INDEX plans_facility_idx ON dispatch.plans (facility_id, created_at DESC);

CREATE TABLE dispatch.plan_routes (
  plan_id   text NOT NULL REFERENCES dispatch.plans(id),
  rider_id  text NOT NULL REFERENCES dispatch.riders(id),
  stops     jsonb NOT NULL,                                -- [{shipmentId, step, eta, lateness, lat, lng, locked}]
  travel_s  double precision NOT NULL,
  distance_m double precision NOT NULL,
  PRIMARY KEY (plan_id, rider_id)
);
CREATE INDEX plan_routes_rider_idx ON dispatch.plan_routes (rider_id);

-- Riders' latest known position (the rider app reports it); planning starts routes there.
ALTER TABLE dispatch.riders ADD COLUMN last_position geometry(Point, 4326), ADD COLUMN last_position_at timestamptz;

GRANT SELECT, INSERT ON dispatch.plans, dispatch.plan_routes TO coldchain_app;

-- Recurring deliveries (chronic medicines): the window length and the last failure to place one.
ALTER TABLE dispatch.recurring_orders ADD COLUMN window_minutes int NOT NULL DEFAULT 60, ADD COLUMN last_error text, ADD COLUMN occurrences int NOT NULL DEFAULT 1;
