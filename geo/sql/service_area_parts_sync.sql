-- Keeps geo.service_area_parts (geo migration 003: service areas cut into pieces of at most 64
-- vertices, ST_Subdivide, each with a tight bounding box in the GiST index) in step with
-- geo.service_areas, as the row trigger service_area_parts_sync on it: every writer of service
-- areas (API, seed, import) is covered.
CREATE OR REPLACE FUNCTION geo.service_area_parts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM geo.service_area_parts WHERE facility_id = NEW.facility_id;
  INSERT INTO geo.service_area_parts (facility_id, part)
  SELECT NEW.facility_id, d.geom FROM ST_Subdivide(NEW.area, 64) AS s(g), LATERAL ST_Dump(s.g) AS d;
  RETURN NULL;
END $$;
