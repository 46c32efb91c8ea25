-- Daily range partitions (UTC days) of `schema_name.table_name` from `days_back` days ago to
-- `days_ahead` days ahead, named <table>_YYYYMMDD; returns how many it created. The one body
-- behind each context's partition function (telemetry.ensure_partitions,
-- tracking.ensure_position_partitions): those are SECURITY DEFINER wrappers that name their own
-- tables, because the app role cannot run DDL. The helper itself is not SECURITY DEFINER: called
-- by the app role directly it has no more rights than that role (no DDL).
-- A day whose rows already sit in the default partition cannot get its own partition
-- (PostgreSQL refuses): it is skipped with a NOTICE and its rows stay readable.
CREATE OR REPLACE FUNCTION platform.create_daily_partitions(schema_name text, table_name text, days_ahead int, days_back int)
RETURNS int LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
  d date;
  part text;
  created int := 0;
BEGIN
  IF days_ahead NOT BETWEEN 0 AND 366 OR days_back NOT BETWEEN 0 AND 366 THEN
    RAISE EXCEPTION 'create_daily_partitions: days out of range (0..366)';
  END IF;
  FOR d IN SELECT g::date FROM generate_series((now() AT TIME ZONE 'UTC')::date - days_back,
                                                (now() AT TIME ZONE 'UTC')::date + days_ahead, interval '1 day') g LOOP
    part := table_name || '_' || to_char(d, 'YYYYMMDD');
    CONTINUE WHEN to_regclass(quote_ident(schema_name) || '.' || quote_ident(part)) IS NOT NULL;
    BEGIN
      EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                     schema_name, part, schema_name, table_name, d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
      created := created + 1;
    EXCEPTION WHEN check_violation OR invalid_object_definition THEN
      RAISE NOTICE 'partition % not created: %', part, SQLERRM;
    END;
  END LOOP;
  RETURN created;
END $$;

REVOKE ALL ON FUNCTION platform.create_daily_partitions(text, text, int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.create_daily_partitions(text, text, int, int) TO coldchain_app;
