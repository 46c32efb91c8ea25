-- A generation number for the service-area pieces (geo.service_area_parts), bumped by every
-- statement that changes them, in the same transaction. A process that holds the pieces in
-- memory (geo/cover-index.ts) knows the generation it loaded; the database uses its answer
-- only while the generation is unchanged (dispatch.stock_for_order, dispatch migration 009),
-- so an edited service area is never judged by an old copy.
CREATE TABLE geo.service_area_generation (
  id  boolean PRIMARY KEY DEFAULT true CHECK (id),
  gen bigint NOT NULL
);
INSERT INTO geo.service_area_generation (id, gen) VALUES (true, 1);

CREATE FUNCTION geo.service_area_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE geo.service_area_generation SET gen = gen + 1 WHERE id;
  RETURN NULL;
END $$;

CREATE TRIGGER service_area_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON geo.service_area_parts
  FOR EACH STATEMENT EXECUTE FUNCTION geo.service_area_generation_bump();

GRANT SELECT, UPDATE ON geo.service_area_generation TO coldchain_app;
