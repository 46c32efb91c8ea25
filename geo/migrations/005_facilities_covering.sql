-- geo.facilities_covering(lng, lat): the ids of the facilities whose service area covers the point,
-- the covering rule alone (ST_Covers over the area's pieces, from their GiST index), unordered.
-- facilities_serving (migration 004) adds the geodesic distance to each facility, and is now
-- written on top of it, so the rule has one text. Dispatch reads this one on every order: on the
-- demo network the 45 distances cost three times the cover test (0.34 against 0.09 ms a call),
-- and sourcing only used them to list candidates nearest first, which the API does from the
-- facility locations it already holds.
CREATE FUNCTION geo.facilities_covering(lng float8, lat float8)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  -- A point on a cut between two pieces lies in both: DISTINCT.
  SELECT DISTINCT x.facility_id FROM geo.service_area_parts x
   WHERE ST_Covers(x.part, ST_SetSRID(ST_MakePoint(lng, lat), 4326))
$$;

CREATE OR REPLACE FUNCTION geo.facilities_serving(lng float8, lat float8)
RETURNS TABLE (facility_id text, kind text, distance_m float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT a.facility_id, a.kind, ST_Distance(a.center::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography)
    FROM geo.facilities_covering(lng, lat) c(facility_id)
    JOIN geo.service_areas a ON a.facility_id = c.facility_id
$$;

GRANT EXECUTE ON FUNCTION geo.facilities_covering(float8, float8) TO coldchain_app;
