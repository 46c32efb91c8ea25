-- Rivers and canals of the imported OSM file, for the offline base map only (routing never
-- reads them). geo/import/import-osm.ts replaces them with the roads, in the same transaction.
CREATE TABLE geo_net.waterways (
  id     bigserial PRIMARY KEY,
  osm_id bigint,
  kind   text NOT NULL,               -- OSM waterway=* value (river, canal, stream)
  name   text,
  geom   geometry(LineString, 4326) NOT NULL
);
CREATE INDEX waterways_geom_idx ON geo_net.waterways USING gist (geom);
GRANT SELECT ON geo_net.waterways TO coldchain_app;
