-- Daily partitions (UTC days) for telemetry.messages and telemetry.readings from `days_back`
-- days ago to `days_ahead` days ahead. Run at migration (telemetry migration 001), at ingest
-- start and by the worker's maintenance job; the app role cannot run DDL, so this is SECURITY
-- DEFINER (owned by the schema owner) with a fixed search_path and bounded arguments, and only
-- the app role may execute it (not PUBLIC). A day whose rows already sit in the default
-- partition cannot get its own partition (PostgreSQL refuses); it is skipped with a NOTICE and
-- the rows stay readable through the parent.
CREATE OR REPLACE FUNCTION telemetry.ensure_partitions(days_ahead int DEFAULT 7, days_back int DEFAULT 1)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, telemetry AS $$
DECLARE
  d date;
  tbl text;
  part text;
  created int := 0;
BEGIN
  IF days_ahead NOT BETWEEN 0 AND 366 OR days_back NOT BETWEEN 0 AND 366 THEN
    RAISE EXCEPTION 'ensure_partitions: days out of range (0..366)';
  END IF;
  FOREACH tbl IN ARRAY ARRAY['messages', 'readings'] LOOP
    FOR d IN SELECT g::date FROM generate_series((now() AT TIME ZONE 'UTC')::date - days_back,
                                                  (now() AT TIME ZONE 'UTC')::date + days_ahead, interval '1 day') g LOOP
      part := tbl || '_' || to_char(d, 'YYYYMMDD');
      CONTINUE WHEN to_regclass('telemetry.' || part) IS NOT NULL;
      BEGIN
        EXECUTE format('CREATE TABLE telemetry.%I PARTITION OF telemetry.%I FOR VALUES FROM (%L) TO (%L)',
                       part, tbl, d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
        created := created + 1;
      EXCEPTION WHEN check_violation OR invalid_object_definition THEN
        RAISE NOTICE 'partition % not created: %', part, SQLERRM;
      END;
    END LOOP;
  END LOOP;
  RETURN created;
END $$;

REVOKE ALL ON FUNCTION telemetry.ensure_partitions(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry.ensure_partitions(int, int) TO coldchain_app;
