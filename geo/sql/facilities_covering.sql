-- geo.facilities_covering(lng, lat): the ids of the facilities whose service area covers the
-- point, the covering rule alone, unordered: ST_Covers over the area's pieces
-- (geo.service_area_parts, from their GiST index). facilities_serving adds the geodesic
-- distance to each facility on top of it, so the rule has one text. Dispatch reads this one
-- (dispatch.stock_for_order) when the API has no current copy of the pieces in memory: on the
-- demo network the 45 distances cost three times the cover test (0.34 against 0.09 ms a call),
-- and sourcing lists candidates nearest first from the facility locations it already holds.
-- LANGUAGE sql and STABLE, so PostgreSQL inlines it into the caller's statement.
CREATE OR REPLACE FUNCTION geo.facilities_covering(lng float8, lat float8)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  -- A point on a cut between two pieces lies in both: DISTINCT.
  SELECT DISTINCT x.facility_id FROM geo.service_area_parts x
   WHERE ST_Covers(x.part, ST_SetSRID(ST_MakePoint(lng, lat), 4326))
$$;

GRANT EXECUTE ON FUNCTION geo.facilities_covering(float8, float8) TO coldchain_app;
