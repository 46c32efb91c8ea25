-- geo.facilities_serving(lng, lat): the facilities whose service area covers the point
-- (facilities_covering, which holds the rule), with the geodesic distance to each facility.
-- geo/service-areas.ts facilitiesServing lists them nearest first. LANGUAGE sql and STABLE, so
-- PostgreSQL inlines it into the caller's statement. Defined after facilities_covering.sql
-- (file-name order): a LANGUAGE sql body is checked when it is created.
CREATE OR REPLACE FUNCTION geo.facilities_serving(lng float8, lat float8)
RETURNS TABLE (facility_id text, kind text, distance_m float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT a.facility_id, a.kind, ST_Distance(a.center::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography)
    FROM geo.facilities_covering(lng, lat) c(facility_id)
    JOIN geo.service_areas a ON a.facility_id = c.facility_id
$$;

GRANT EXECUTE ON FUNCTION geo.facilities_serving(float8, float8) TO coldchain_app;
