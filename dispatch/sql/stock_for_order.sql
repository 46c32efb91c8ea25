-- What sourcing reads for an order, in one call: the facilities that serve the customer (or the
-- given ones, for a pickup at a named store) and the sellable lots of the order's SKUs at those
-- facilities, both read in the caller's snapshot (STABLE). dispatch/orders/placement.ts calls it for
-- several orders in one statement (one row per call).
--
-- The facilities covering the customer come from the API, computed in memory (geo/cover-index.ts)
-- together with the service-area generation they were computed at (geo.service_area_generation).
-- While that generation is current, the list is taken as is; otherwise — and without a list —
-- the function asks geo.facilities_covering itself (~0.16 ms of the ~0.45 ms a call under
-- bench:dispatch). A named store comes with p_generation NULL and is taken as is. Either way it
-- returns the generation it saw (the API's copy reloads on the change's notice). The ids come
-- unordered: the API lists them nearest first from the facility locations it caches (geodesic
-- distances in here were more than half of this function's time under bench:dispatch).
--
-- PL/pgSQL keeps each statement's plan for the session and the SET clause makes it one generic
-- plan. As a prepared statement sent by the API, PostgreSQL planned this lookup anew on every
-- call (its array parameters make a custom plan look cheaper than the generic one): 0.47 ms of
-- planning next to 0.63 ms of execution under load (pg_stat_statements, bench:dispatch).
-- The facility filter is an aggregate FILTER, not a WHERE condition, so no plan can answer it
-- from the (facility, sku) index: that index matches ~20,000 lots for 45 facilities, where the
-- SKU index finds the order's ~12 lots per SKU directly. No JIT: a generic plan's estimates are
-- guesses, and one over the JIT threshold would compile the plan on every call.
--
-- lots: [[facility, sku, lot, expiry YYYY-MM-DD, available units], …].
CREATE OR REPLACE FUNCTION dispatch.stock_for_order(p_skus text[], p_lng float8, p_lat float8, p_facilities text[], p_generation bigint,
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
