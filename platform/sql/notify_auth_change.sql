-- Processes cache session lookups for a few seconds (platform/auth/session-cache.ts). Any change
-- to sessions or users (a logout, a revoked or deactivated user, a new role or password, also one
-- made by hand in SQL) is announced on channel platform_auth when it commits, and every process
-- listening drops its cache. Statement-level triggers (platform migration 002): one notice per
-- statement, however many rows.
CREATE OR REPLACE FUNCTION platform.notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('platform_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;
