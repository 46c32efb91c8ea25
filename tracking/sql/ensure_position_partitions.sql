-- Daily partitions (UTC days of device time) of tracking.rider_positions around today. Run by
-- the positions writer on its first insert in a process and by the worker's tick. SECURITY
-- DEFINER because the app role cannot run DDL; only the app role may execute it. The body is
-- platform.create_daily_partitions.
CREATE OR REPLACE FUNCTION tracking.ensure_position_partitions(days_ahead int DEFAULT 7, days_back int DEFAULT 1)
RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT platform.create_daily_partitions('tracking', 'rider_positions', days_ahead, days_back)
$$;

REVOKE ALL ON FUNCTION tracking.ensure_position_partitions(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracking.ensure_position_partitions(int, int) TO coldchain_app;
