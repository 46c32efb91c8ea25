-- geo_net.snap_points(lngs, lats, k): each point's nearest routable road (KNN over the GiST
-- index, the k nearest re-ranked by geodesic distance), with the network version read in the
-- same snapshot. geo/routing/snap-index.ts answers the same rule in memory once it is built.
--
-- PL/pgSQL keeps the statement's plan for the session, and the SET clause makes that one
-- generic plan. As a prepared statement from the client, PostgreSQL re-planned it on every
-- call: its array parameters make a custom plan look cheaper than the generic one, and under
-- load planning cost as much as the execution (0.16 against 0.18 ms, pg_stat_statements).
-- No JIT: the generic plan cannot know k and costs the KNN limit at a tenth of all roads, over
-- PostgreSQL's JIT threshold, and compiling the plan on every call took ~2.5 s.
CREATE OR REPLACE FUNCTION geo_net.snap_points(lngs float8[], lats float8[], k int)
RETURNS TABLE (i bigint, gid bigint, frac float8, dist_m float8, lng float8, lat float8, name text, version bigint)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT p.i, s.gid, s.frac, s.dist_m, ST_X(s.pt), ST_Y(s.pt), s.name,
         (SELECT m.version FROM geo_net.network_meta m WHERE m.id)
    FROM unnest(lngs, lats) WITH ORDINALITY AS p(x, y, i)
    CROSS JOIN LATERAL (
      SELECT c.gid, c.name, ST_LineLocatePoint(c.the_geom, c.g) AS frac, ST_ClosestPoint(c.the_geom, c.g) AS pt,
             ST_Distance(c.the_geom::geography, c.g::geography) AS dist_m
        FROM (
          SELECT w.gid, w.name, w.the_geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 4326) AS g
            FROM geo_net.ways w
           WHERE w.in_main_component
           ORDER BY w.the_geom <-> ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)
           LIMIT k
        ) c
       ORDER BY dist_m, c.gid
       LIMIT 1
    ) s;
END $$;

GRANT EXECUTE ON FUNCTION geo_net.snap_points(float8[], float8[], int) TO coldchain_app;
