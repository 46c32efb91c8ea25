-- Daily partitions (UTC days) of telemetry.messages and telemetry.readings around today. Run at
-- migration (telemetry migration 001 defined the first version), at ingest start and by the
-- worker's maintenance job. SECURITY DEFINER because the app role cannot run DDL; only the app
-- role may execute it. The body is platform.create_daily_partitions.
CREATE OR REPLACE FUNCTION telemetry.ensure_partitions(days_ahead int DEFAULT 7, days_back int DEFAULT 1)
RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT platform.create_daily_partitions('telemetry', 'messages', days_ahead, days_back)
       + platform.create_daily_partitions('telemetry', 'readings', days_ahead, days_back)
$$;

REVOKE ALL ON FUNCTION telemetry.ensure_partitions(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.ensure_partitions(int, int) TO coldchain_app;
