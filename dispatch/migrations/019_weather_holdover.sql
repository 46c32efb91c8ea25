-- Weather-aware holdover (issue 23). Each custody leg keeps the budget it was given at pickup:
-- the box model's holdover at the forecast ambient of that hour (dispatch/holdover-budget.ts), so
-- the live map, the planner and the lane report read the same figure later, whatever the forecast
-- has become since. Legs from before this migration have none and fall back to the box's season table.
ALTER TABLE dispatch.custody
  ADD COLUMN holdover_minutes int CHECK (holdover_minutes > 0),
  ADD COLUMN ambient_c numeric(4,1),
  ADD COLUMN beyond_qualification boolean NOT NULL DEFAULT false;

-- "No instant cold delivery" at a facility for a period, set by a dispatcher with a reason
-- (severe weather, a power cut). Sourcing rejects instant cold lines there with `cold_paused`
-- while now is in [from_at, until_at) and the pause is not lifted.
CREATE TABLE dispatch.cold_pauses (
  id           text PRIMARY KEY,                           -- cp_…
  facility_id  text NOT NULL REFERENCES dispatch.facilities(id),
  from_at      timestamptz NOT NULL,
  until_at     timestamptz NOT NULL,
  reason       text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  lifted_at    timestamptz,
  lifted_by    text,
  CHECK (until_at > from_at)
);
CREATE INDEX cold_pauses_facility_idx ON dispatch.cold_pauses (facility_id, until_at);
GRANT SELECT, INSERT, UPDATE ON dispatch.cold_pauses TO coldchain_app;
