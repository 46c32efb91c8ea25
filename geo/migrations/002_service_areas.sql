-- Service areas of facilities (geo context). Expects: CREATE EXTENSION postgis (platform migrations)
-- and 001_network.sql (isochrones are computed on geo_net.ways).
CREATE SCHEMA IF NOT EXISTS geo;
GRANT USAGE ON SCHEMA geo TO coldchain_app;

-- One area per facility: a radius (metres, geodesic buffer) or a drive-time isochrone
-- (minutes, pgr_drivingDistance + concave hull). facility_id is the dispatch context's id (fac_…).
CREATE TABLE geo.service_areas (
  facility_id     text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('radius', 'isochrone')),
  radius_m        double precision CHECK (radius_m > 0),
  drive_minutes   double precision CHECK (drive_minutes > 0),
  center          geometry(Point, 4326) NOT NULL,
  area            geometry(MultiPolygon, 4326) NOT NULL,
  network_version bigint,      -- geo_net.network_meta.version the isochrone was computed on
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'radius' AND radius_m IS NOT NULL) OR (kind = 'isochrone' AND drive_minutes IS NOT NULL))
);
-- facilitiesServing(point) is ST_Covers(area, point): answered from this index.
CREATE INDEX service_areas_area_idx ON geo.service_areas USING gist (area);

GRANT SELECT, INSERT, UPDATE, DELETE ON geo.service_areas TO coldchain_app;
