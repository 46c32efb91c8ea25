-- Road network for routing (geo context). Expects: CREATE EXTENSION postgis, pgrouting (platform migrations).
-- Column names follow osm2pgrouting's output schema (ways + ways_vertices_pgr) so pgRouting
-- functions and tutorials apply unchanged. geo/import/import-osm.ts fills these tables by
-- importing into a throw-away staging schema and copying over inside one transaction.
CREATE SCHEMA IF NOT EXISTS geo_net;
-- The application role only reads the network; import-osm runs as the schema owner.
GRANT USAGE ON SCHEMA geo_net TO coldchain_app;

CREATE TABLE geo_net.ways_vertices_pgr (
  id       bigint PRIMARY KEY,
  osm_id   bigint,
  the_geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX ways_vertices_pgr_the_geom_idx ON geo_net.ways_vertices_pgr USING gist (the_geom);

-- One row per road segment between two intersections.
-- cost_s / reverse_cost_s: travel time in seconds along / against the digitised direction;
-- negative means "not allowed" (one-way), the pgRouting convention.
CREATE TABLE geo_net.ways (
  gid               bigint PRIMARY KEY,
  osm_id            bigint,
  tag_id            integer,
  highway           text,              -- OSM highway=* value (road class)
  name              text,
  source            bigint NOT NULL,   -- ways_vertices_pgr.id at the first point of the_geom
  target            bigint NOT NULL,   -- ways_vertices_pgr.id at the last point of the_geom
  length_m          double precision NOT NULL,
  cost_s            double precision NOT NULL,
  reverse_cost_s    double precision NOT NULL,
  one_way           integer NOT NULL DEFAULT 0, -- osm2pgrouting: 0 both ways, 1 forward only, 2 reverse only
  maxspeed_forward  double precision,  -- km/h used for cost_s
  maxspeed_backward double precision,  -- km/h used for reverse_cost_s
  -- false for edges outside the largest connected component (islands cut off at the
  -- extract border, private compounds). Snapping skips them, like OSRM's tiny components.
  in_main_component boolean NOT NULL DEFAULT true,
  the_geom          geometry(LineString, 4326) NOT NULL
);
-- KNN snapping (ORDER BY the_geom <-> point) uses this GiST index.
CREATE INDEX ways_the_geom_idx ON geo_net.ways USING gist (the_geom);
CREATE INDEX ways_source_idx ON geo_net.ways (source);
CREATE INDEX ways_target_idx ON geo_net.ways (target);

-- Single-row table: which network is loaded. `version` increments on every successful
-- import; caches (in-process graph, Redis matrix cache) key on it.
CREATE TABLE geo_net.network_meta (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  version     bigint NOT NULL DEFAULT 0,
  source_file text,
  imported_at timestamptz,
  ways        integer NOT NULL DEFAULT 0,
  vertices    integer NOT NULL DEFAULT 0,
  bbox        geometry(Polygon, 4326)
);
INSERT INTO geo_net.network_meta (id, version) VALUES (true, 0);

GRANT SELECT ON geo_net.ways, geo_net.ways_vertices_pgr, geo_net.network_meta TO coldchain_app;
