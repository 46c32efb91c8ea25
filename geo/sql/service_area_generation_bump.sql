-- Bumps the generation of the service-area pieces (geo.service_area_generation, geo migration
-- 006), as the statement trigger service_area_generation_bump on geo.service_area_parts: every
-- statement that changes the pieces, in the same transaction. A process that holds the pieces
-- in memory (geo/cover-index.ts) knows the generation it loaded; the database uses its answer
-- only while the generation is unchanged (dispatch.stock_for_order).
CREATE OR REPLACE FUNCTION geo.service_area_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE geo.service_area_generation SET gen = gen + 1 WHERE id;
  RETURN NULL;
END $$;
