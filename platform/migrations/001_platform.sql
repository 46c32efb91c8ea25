-- Platform: users, sessions, login attempts, audit trail, idempotency keys.
-- The application role (coldchain_app) gets only what the processes need; the audit trail is
-- append-only for it (no UPDATE/DELETE grant) and for everyone (a trigger refuses both).

CREATE SCHEMA IF NOT EXISTS platform;
GRANT USAGE ON SCHEMA platform TO coldchain_app;

CREATE TABLE platform.users (
  id            text PRIMARY KEY,                 -- usr_…
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin','dispatcher','qa','rider','partner')),
  facility_id   text,                             -- partner: the one store it is scoped to
  rider_id      text,                             -- rider: the fleet record it logs in as
  password_hash text NOT NULL,                    -- scrypt$N$r$p$salt$hash
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'partner' OR facility_id IS NOT NULL)
);

CREATE TABLE platform.sessions (
  token_hash  bytea PRIMARY KEY,                  -- SHA-256 of the bearer/cookie token
  user_id     text NOT NULL REFERENCES platform.users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  last_auth_at timestamptz NOT NULL DEFAULT now(), -- last password check (re-auth for e-signatures)
  ip          text,
  user_agent  text
);
CREATE INDEX sessions_user_idx ON platform.sessions (user_id);

CREATE TABLE platform.login_attempts (
  id         bigserial PRIMARY KEY,
  username   text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  outcome    text NOT NULL CHECK (outcome IN ('success','failure','refused_locked','unlock')),
  ip         text
);
CREATE INDEX login_attempts_user_at_idx ON platform.login_attempts (username, at);

CREATE TABLE platform.audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id    text,                               -- usr_… or a system actor ('system:worker')
  actor_role  text,
  action      text NOT NULL,                      -- e.g. user.create, alarm.acknowledge, security.lockout
  entity_type text NOT NULL,
  entity_id   text,
  old_value   jsonb,
  new_value   jsonb,
  reason      text,
  request_id  text,
  ip          text
);
CREATE INDEX audit_entity_idx ON platform.audit_log (entity_type, entity_id, at);
CREATE INDEX audit_actor_idx ON platform.audit_log (actor_id, at);
CREATE INDEX audit_at_idx ON platform.audit_log (at);

CREATE FUNCTION platform.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON platform.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();

CREATE TABLE platform.idempotency_keys (
  scope        text NOT NULL,                     -- route id + actor
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       int,                               -- null while the first request is in flight
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

GRANT SELECT, INSERT, UPDATE ON platform.users TO coldchain_app;
GRANT SELECT, INSERT, UPDATE ON platform.sessions TO coldchain_app;
GRANT SELECT, INSERT ON platform.login_attempts TO coldchain_app;
GRANT SELECT, INSERT ON platform.audit_log TO coldchain_app;
GRANT USAGE ON SEQUENCE platform.audit_log_id_seq, platform.login_attempts_id_seq TO coldchain_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.idempotency_keys TO coldchain_app;
GRANT SELECT ON platform.schema_migrations TO coldchain_app;
