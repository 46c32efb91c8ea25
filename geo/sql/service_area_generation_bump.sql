-- Bumps the generation of the service-area pieces (geo.service_area_generation, geo migration
-- 006), as the statement trigger service_area_generation_bump on geo.service_area_parts: every
-- statement that changes the pieces, in the same transaction, and announces it at commit on
-- channel geo_service_areas (change notices, platform/db/change-notices.ts): a process that holds
-- the pieces in memory (geo/cover-index.ts) loads them again. It knows the generation it loaded,
-- and the database uses its answer only while the generation is unchanged
-- (dispatch.stock_for_order), which covers the moment before the notice arrives.
CREATE OR REPLACE FUNCTION geo.service_area_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE geo.service_area_generation SET gen = gen + 1 WHERE id;
  PERFORM pg_notify('geo_service_areas', TG_TABLE_SCHEMA);
  RETURN NULL;
END $$;
