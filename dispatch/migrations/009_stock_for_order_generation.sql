-- stock_for_order takes the facilities covering the customer as the API computed them in
-- memory (geo/cover-index.ts) together with the service-area generation it computed them at
-- (geo migration 006). While that generation is current, the database takes the list as is;
-- otherwise — and without a generation — it asks geo.facilities_covering itself, as before.
-- Either way it returns the generation it saw, so a process with an old copy reloads it.
-- geo.facilities_covering cost ~0.16 ms of the ~0.45 ms a call under bench:dispatch.
DROP FUNCTION dispatch.stock_for_order(text[], float8, float8, text[]);
CREATE FUNCTION dispatch.stock_for_order(p_skus text[], p_lng float8, p_lat float8, p_facilities text[], p_generation bigint,
                                         OUT serving text[], OUT lots json, OUT generation bigint)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $$
BEGIN
  SELECT g.gen INTO generation FROM geo.service_area_generation g WHERE g.id;
  IF p_facilities IS NOT NULL AND (p_generation IS NULL OR p_generation = generation) THEN
    -- A named store (p_generation NULL), or the API's answer at the current generation.
    serving := p_facilities;
  ELSE
    SELECT coalesce(array_agg(f), '{}') INTO serving FROM geo.facilities_covering(p_lng, p_lat) f;
  END IF;
  SELECT coalesce(json_agg(json_build_array(l.facility_id, l.sku_id, l.id, to_char(l.expiry, 'YYYY-MM-DD'), l.on_hand - l.reserved))
                    FILTER (WHERE l.facility_id = ANY (serving)), '[]')
    INTO lots
    FROM dispatch.lots l
   WHERE l.sku_id = ANY (p_skus) AND l.on_hand > l.reserved;
END $$;

GRANT EXECUTE ON FUNCTION dispatch.stock_for_order(text[], float8, float8, text[], bigint) TO coldchain_app;
