-- stock_for_order (migration 006) reads the serving facilities through geo.facilities_covering
-- (geo migration 005): the ids only, without a geodesic distance to each. The API lists them
-- nearest first itself, from the facility locations it caches (dispatch/orders.ts). Under
-- bench:dispatch the distances were more than half of this function's time.
CREATE OR REPLACE FUNCTION dispatch.stock_for_order(p_skus text[], p_lng float8, p_lat float8, p_facilities text[],
                                                    OUT serving text[], OUT lots json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $$
BEGIN
  IF p_facilities IS NULL THEN
    SELECT coalesce(array_agg(f), '{}') INTO serving FROM geo.facilities_covering(p_lng, p_lat) f;
  ELSE
    serving := p_facilities;
  END IF;
  SELECT coalesce(json_agg(json_build_array(l.facility_id, l.sku_id, l.id, to_char(l.expiry, 'YYYY-MM-DD'), l.on_hand - l.reserved))
                    FILTER (WHERE l.facility_id = ANY (serving)), '[]')
    INTO lots
    FROM dispatch.lots l
   WHERE l.sku_id = ANY (p_skus) AND l.on_hand > l.reserved;
END $$;
