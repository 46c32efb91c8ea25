-- Service areas cut into small pieces for the point-in-area test. A 30-minute isochrone is a
-- polygon of thousands of vertices stored out of line (TOAST): ST_Covers(area, point) had to
-- fetch and scan ~45 of them per order (≈ 2 ms of the order's ~3 ms in PostgreSQL). Pieces of
-- at most 64 vertices (ST_Subdivide) each have a tight bounding box in the GiST index, so a
-- point meets only the few pieces around it. The pieces cover exactly the area (ST_Subdivide
-- cuts along box edges); a point on a cut lies in both neighbours, hence DISTINCT in readers.
-- Kept in step by a trigger, so every writer of service_areas (API, seed, import) is covered.
CREATE TABLE geo.service_area_parts (
  facility_id text NOT NULL REFERENCES geo.service_areas (facility_id) ON DELETE CASCADE,
  part        geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX service_area_parts_part_idx ON geo.service_area_parts USING gist (part);
CREATE INDEX service_area_parts_facility_idx ON geo.service_area_parts (facility_id);

CREATE FUNCTION geo.service_area_parts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM geo.service_area_parts WHERE facility_id = NEW.facility_id;
  INSERT INTO geo.service_area_parts (facility_id, part)
  SELECT NEW.facility_id, d.geom FROM ST_Subdivide(NEW.area, 64) AS s(g), LATERAL ST_Dump(s.g) AS d;
  RETURN NULL;
END $$;
CREATE TRIGGER service_area_parts_sync AFTER INSERT OR UPDATE OF area ON geo.service_areas
  FOR EACH ROW EXECUTE FUNCTION geo.service_area_parts_sync();

INSERT INTO geo.service_area_parts (facility_id, part)
SELECT a.facility_id, d.geom FROM geo.service_areas a, LATERAL ST_Subdivide(a.area, 64) AS s(g), LATERAL ST_Dump(s.g) AS d;

GRANT SELECT, INSERT, DELETE ON geo.service_area_parts TO coldchain_app;
