-- Daily partitions (UTC days of device time) of tracking.rider_positions from `days_back` days
-- ago to `days_ahead` days ahead. Run by the positions writer on its first insert in a process
-- and by the worker's tick (tracking/positions/partitions.ts); the app role cannot run DDL, so
-- this is SECURITY DEFINER with a fixed search_path and bounded arguments, executable by the
-- app role only. A day whose rows already sit in the default partition cannot get its own
-- partition (PostgreSQL refuses): it is skipped with a NOTICE and its rows stay readable.
CREATE OR REPLACE FUNCTION tracking.ensure_position_partitions(days_ahead int DEFAULT 7, days_back int DEFAULT 1)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tracking AS $$
DECLARE
  d date;
  part text;
  created int := 0;
BEGIN
  IF days_ahead NOT BETWEEN 0 AND 366 OR days_back NOT BETWEEN 0 AND 366 THEN
    RAISE EXCEPTION 'ensure_position_partitions: days out of range (0..366)';
  END IF;
  FOR d IN SELECT g::date FROM generate_series((now() AT TIME ZONE 'UTC')::date - days_back,
                                                (now() AT TIME ZONE 'UTC')::date + days_ahead, interval '1 day') g LOOP
    part := 'rider_positions_' || to_char(d, 'YYYYMMDD');
    CONTINUE WHEN to_regclass('tracking.' || part) IS NOT NULL;
    BEGIN
      EXECUTE format('CREATE TABLE tracking.%I PARTITION OF tracking.rider_positions FOR VALUES FROM (%L) TO (%L)',
                     part, d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
      created := created + 1;
    EXCEPTION WHEN check_violation OR invalid_object_definition THEN
      RAISE NOTICE 'partition % not created: %', part, SQLERRM;
    END;
  END LOOP;
  RETURN created;
END $$;

REVOKE ALL ON FUNCTION tracking.ensure_position_partitions(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracking.ensure_position_partitions(int, int) TO coldchain_app;
