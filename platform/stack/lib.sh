# shellcheck shell=bash
# Shared functions of the local stack: PostgreSQL (+PostGIS, pgRouting), Redis and
# Mosquitto run as this project's own processes, loopback only, with their data under
# .stack/<profile>/ (git-ignored). Two profiles never share a port or a data folder:
#   dev  - `npm start` (demo data)      test - `npm test` (throwaway database)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROFILE="${STACK_PROFILE:-dev}"

# Default ports sit below Linux's ephemeral range (32768–60999): a port in it can be held by an
# outgoing connection or a TIME-WAIT when a service starts, and the start fails with EADDRINUSE.
case "$PROFILE" in
  dev)  PG_PORT=${PG_PORT:-15432}; REDIS_PORT=${REDIS_PORT:-16379}; MQTT_PORT=${MQTT_PORT:-11883}; HTTP_PORT=${HTTP_PORT:-8080} ;;
  test) PG_PORT=${PG_PORT:-15442}; REDIS_PORT=${REDIS_PORT:-16389}; MQTT_PORT=${MQTT_PORT:-11893}; HTTP_PORT=${HTTP_PORT:-18080} ;;
  bench) PG_PORT=${PG_PORT:-15452}; REDIS_PORT=${REDIS_PORT:-16399}; MQTT_PORT=${MQTT_PORT:-11903}; HTTP_PORT=${HTTP_PORT:-28080} ;;
  *) echo "unknown STACK_PROFILE '$PROFILE' (dev, test or bench)" >&2; exit 2 ;;
esac

STACK="$ROOT/.stack/$PROFILE"
PG_BIN=/usr/lib/postgresql/15/bin
DB_NAME="coldchain_${PROFILE}"
SECRETS="$STACK/secrets.env"

log() { printf '\033[36m[stack:%s]\033[0m %s\n' "$PROFILE" "$*" >&2; }
die() { printf '\033[31m[stack:%s] %s\033[0m\n' "$PROFILE" "$*" >&2; exit 1; }

IS_ROOT=0; [ "$(id -u)" = 0 ] && IS_ROOT=1

# Runs a command as the service user when we are root (initdb refuses root), else as us.
# From / : the service user may not be able to enter the caller's working directory.
as_user() { local u=$1; shift; if [ $IS_ROOT = 1 ]; then (cd / && runuser -u "$u" -- "$@"); else "$@"; fi; }

# --- installation -----------------------------------------------------------------------

APT_PACKAGES=(postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting osm2pgrouting osmium-tool
  redis-server mosquitto mosquitto-clients chromium fonts-wqy-microhei bzip2 python-osmnx-doc poppler-utils)

ensure_packages() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
  [ -f /usr/share/postgresql/15/extension/pgrouting.control ] || missing+=(postgresql-15-pgrouting)
  command -v osm2pgrouting >/dev/null || missing+=(osm2pgrouting)
  command -v osmium >/dev/null || missing+=(osmium-tool)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v mosquitto >/dev/null || missing+=(mosquitto)
  command -v mosquitto_ctrl >/dev/null || missing+=(mosquitto-clients)
  command -v chromium >/dev/null || missing+=(chromium)
  # A CJK font, or Chinese renders as boxes in Chromium's screenshots and PDFs.
  fc-list :lang=zh family 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
  command -v bunzip2 >/dev/null || missing+=(bzip2)
  # pdftotext / pdftoppm: the tests read temperature-report PDFs back and render their first page.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # A small real OSM extract (West Oakland) that the import tests use.
  [ -f /usr/share/doc/python-osmnx-doc/examples/tests/input_data/West-Oakland.osm.bz2 ] || missing+=(python-osmnx-doc)
  [ ${#missing[@]} = 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local SUDO=""
  if [ $IS_ROOT = 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install ${missing[*]}"
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services on install; ours run on their own ports, but do not
  # leave a second copy of each running for nothing.
  for s in redis-server mosquitto; do $SUDO service "$s" stop >/dev/null 2>&1 || true; done
}

ensure_node_modules() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The web apps' build (dist/web/, git-ignored): made when missing, remade when any of its sources
# changed after the last one. `find -newer` on the sources (folders too: a deleted file changes
# its folder) answers in milliseconds when nothing changed. The contexts' browser faces (geo/browser.ts)
# and what they export are sources too.
WEB_SOURCES=(web-console rider-app web-shared geo/browser.ts geo/datum.ts tracking/browser.ts tracking/lifecycle/machine.ts vite.config.ts package-lock.json)
ensure_web_build() {
  local stamp="$ROOT/dist/web/.built" srcs=() s
  for s in "${WEB_SOURCES[@]}"; do [ -e "$ROOT/$s" ] && srcs+=("$s"); done
  if [ -f "$stamp" ] && [ -z "$(cd "$ROOT" && find "${srcs[@]}" -newer "$stamp" -not -name '*.test.ts' -print -quit)" ]; then
    return 0
  fi
  log "building the web apps (vite build → dist/web)"
  # Stamped with the time the build started, so an edit made during the build is not missed.
  mkdir -p "$ROOT/.stack"; local started; started=$(mktemp "$ROOT/.stack/web-build.XXXXXX")
  (cd "$ROOT" && npx vite build --logLevel warn) || die "the web apps' build failed; see above (npm run build:web)"
  mv "$started" "$stamp"
}

# --- data folders and secrets ----------------------------------------------------------

# Where each service keeps its data. As root, PostgreSQL, Redis and Mosquitto run as their own
# users (initdb refuses root), who must reach the folder; PostgreSQL's socket path must stay
# under the kernel's 108 bytes; and a path with white space does not survive their option and
# config parsers. So the data lives in .stack/<profile>/<svc> when that works, else in
# $STACK_DATA_HOME/<clone>-<hash of its path>/<profile>/<svc> (one folder per clone), and
# .stack/<profile>/<svc> links there so stack:stop, stack:status and people find it.
if [ $IS_ROOT = 1 ]; then STACK_DATA_HOME=${STACK_DATA_HOME:-/var/lib/coldchain-stack}
else STACK_DATA_HOME=${STACK_DATA_HOME:-${XDG_STATE_HOME:-$HOME/.local/state}/coldchain-stack}; fi

# A service folder path every service takes as it is: no white space, short enough for the socket.
plain_path() { case "$1" in *[[:space:]]*) return 1 ;; esac; [ ${#1} -le 80 ]; }

# Whether `owner` can use `dir` as its data folder's parent (as root; else it is ours).
reachable_by() { [ $IS_ROOT = 0 ] || (cd / && runuser -u "$1" -- test -x "$2" -a -r "$2"); }

# The folder outside the clone for its services' data, made traversable level by level
# (a umask of 077 would otherwise lock the service users out of the upper levels).
outside_home() {
  local name; name=$(basename "$ROOT"); name=${name//[^A-Za-z0-9._-]/_}
  local h="$STACK_DATA_HOME/${name:0:24}-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)/$PROFILE"
  plain_path "$h/pg/data" || die "no usable folder for the services' data: '$h' has white space or is too long; set STACK_DATA_HOME to a short plain directory (e.g. STACK_DATA_HOME=/var/tmp/coldchain-stack)"
  local d=/ part
  local IFS=/
  for part in ${h#/}; do
    d="${d%/}/$part"
    [ -d "$d" ] || { mkdir "$d" || die "cannot create $d for the services' data; set STACK_DATA_HOME to a directory you can write"; chmod 755 "$d"; }
  done
  printf '%s' "$h"
}

# The real folder of a service's data (through the link when it lives outside the clone).
svc_path() { readlink -f "$STACK/$1" 2>/dev/null || printf '%s' "$STACK/$1"; }

svc_dir() {
  local svc=$1 owner=$2
  local link="$STACK/$svc"
  mkdir -p "$STACK"
  if [ ! -L "$link" ] && { ! plain_path "$link/data" || ! reachable_by "$owner" "$STACK"; }; then
    local alt; alt="$(outside_home)/$svc"
    reachable_by "$owner" "$(dirname "$alt")" || die "$owner cannot reach $(dirname "$alt"): make $STACK_DATA_HOME and the folders above it enterable by others (chmod o+x), or set STACK_DATA_HOME to another folder"
    mkdir -p "$alt"
    # What an earlier, failed start left in the clone moves along rather than being lost.
    if [ -d "$link" ]; then cp -a "$link/." "$alt/" && rm -rf "$link"; fi
    ln -s "$alt" "$link"
    log "$svc data in $alt, linked from $link ($owner cannot use a folder there: private parent, white space or too long a path)"
  fi
  local d; d=$(svc_path "$svc")
  mkdir -p "$d"
  if [ $IS_ROOT = 1 ]; then chown -R "$owner": "$d"; chmod 700 "$d"; fi
  printf '%s' "$d"
}

rand() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-32; }

ensure_secrets() {
  mkdir -p "$STACK"
  if [ ! -f "$SECRETS" ]; then
    umask 077
    cat >"$SECRETS" <<EOF
# Generated on first start; never committed. Delete .stack/$PROFILE to start over.
PG_SUPER_PASSWORD=$(rand)
PG_OWNER_PASSWORD=$(rand)
PG_APP_PASSWORD=$(rand)
MQTT_ADMIN_PASSWORD=$(rand)
MQTT_SERVICE_PASSWORD=$(rand)
PII_KEYS=k1:$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
PII_INDEX_KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
SIGNING_KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
EOF
    umask 022
  fi
  # shellcheck disable=SC1090
  set -a; . "$SECRETS"; set +a
}

# --- PostgreSQL --------------------------------------------------------------------------

pg_running() { [ -d "$STACK/pg" ] && as_user postgres "$PG_BIN/pg_ctl" -D "$(svc_path pg)/data" status >/dev/null 2>&1; }

start_pg() {
  local d; d=$(svc_dir pg postgres)
  if [ ! -f "$d/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $d/data"
    printf '%s\n' "$PG_SUPER_PASSWORD" > "$d/pwfile"; [ $IS_ROOT = 1 ] && chown postgres: "$d/pwfile"
    as_user postgres "$PG_BIN/initdb" -D "$d/data" -U postgres --pwfile="$d/pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$d/initdb.log" 2>&1 \
      || { cat "$d/initdb.log" >&2; die "initdb failed"; }
    rm -f "$d/pwfile"
  fi
  mkdir -p "$d/run"; [ $IS_ROOT = 1 ] && chown postgres: "$d/run"
  if pg_running; then log "PostgreSQL already running on $PG_PORT"; return 0; fi
  # Durability: an accepted order and an acknowledged (PUBACK) reading must survive a crash, so
  # commits wait for the WAL flush (synchronous_commit on) everywhere but the throwaway test
  # database, which runs without fsync to keep the suite fast.
  local durable=on; [ "$PROFILE" = test ] && durable=off
  as_user postgres "$PG_BIN/pg_ctl" -D "$d/data" -l "$d/postgres.log" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $d/run -c max_connections=200 -c shared_buffers=512MB -c work_mem=32MB -c maintenance_work_mem=256MB -c synchronous_commit=$durable -c fsync=$durable" >/dev/null \
    || { tail -20 "$d/postgres.log" >&2; die "PostgreSQL did not start (log: $d/postgres.log)"; }
  log "PostgreSQL up on 127.0.0.1:$PG_PORT"
}

stop_pg() { pg_running && as_user postgres "$PG_BIN/pg_ctl" -D "$(svc_path pg)/data" -m fast -w stop >/dev/null || true; }

# psql as the superuser over TCP.
psql_super() { PGPASSWORD="$PG_SUPER_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# Roles: owner (owns the schema, runs migrations) and app (least privilege: what the
# processes use; cannot UPDATE/DELETE append-only tables, cannot DDL).
ensure_database() {
  psql_super -d postgres <<SQL >/dev/null
DO \$\$BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='coldchain_owner') THEN
    CREATE ROLE coldchain_owner LOGIN PASSWORD '$PG_OWNER_PASSWORD'; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='coldchain_app') THEN
    CREATE ROLE coldchain_app LOGIN PASSWORD '$PG_APP_PASSWORD'; END IF;
END\$\$;
SQL
  if [ -z "$(psql_super -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" ]; then
    psql_super -d postgres -c "CREATE DATABASE $DB_NAME OWNER coldchain_owner" >/dev/null
    # Extensions need a superuser; everything else is done by the owner's migrations.
    psql_super -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pgrouting; CREATE EXTENSION IF NOT EXISTS pgcrypto; REVOKE ALL ON DATABASE $DB_NAME FROM PUBLIC; GRANT CONNECT ON DATABASE $DB_NAME TO coldchain_app; REVOKE CREATE ON SCHEMA public FROM PUBLIC;" >/dev/null
    log "created database $DB_NAME"
  fi
}

drop_database() { psql_super -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null; }

# --- Redis -------------------------------------------------------------------------------

redis_running() { redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; }

start_redis() {
  local d; d=$(svc_dir redis redis)
  if redis_running; then log "Redis already running on $REDIS_PORT"; return 0; fi
  # noeviction: BullMQ must never lose a job key to eviction. AOF for durability of queued jobs.
  as_user redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$d" --daemonize yes \
    --pidfile "$d/redis.pid" --logfile "$d/redis.log" --appendonly yes --save "" \
    --maxmemory-policy noeviction --protected-mode yes
  # Up to 15 s: on a loaded machine (a test suite beside it) a start has taken over 5.
  for _ in $(seq 150); do redis_running && break; sleep 0.1; done
  redis_running || { tail -5 "$d/redis.log" >&2; die "Redis did not start on port $REDIS_PORT (log: $d/redis.log)"; }
  log "Redis up on 127.0.0.1:$REDIS_PORT"
}

stop_redis() { redis_running && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; }

# --- Mosquitto ---------------------------------------------------------------------------

mqtt_pid() { local f; f="$(svc_path mosquitto)/mosquitto.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

start_mosquitto() {
  local d; d=$(svc_dir mosquitto mosquitto)
  if [ -n "$(mqtt_pid || true)" ]; then log "Mosquitto already running on $MQTT_PORT"; return 0; fi
  if [ ! -f "$d/dynsec.json" ]; then
    # Dynamic security: box credentials and ACLs are managed at run time over
    # $CONTROL/dynamic-security/v1 by the API (no file rewrite + reload).
    mosquitto_ctrl dynsec init "$d/dynsec.json" admin "$MQTT_ADMIN_PASSWORD" >/dev/null
    [ $IS_ROOT = 1 ] && chown mosquitto: "$d/dynsec.json"
  fi
  cat >"$d/mosquitto.conf" <<EOF
# Generated by platform/stack/lib.sh
per_listener_settings false
allow_anonymous false
listener $MQTT_PORT 127.0.0.1
persistence true
persistence_location $d/
autosave_interval 30
pid_file $d/mosquitto.pid
log_dest file $d/mosquitto.log
log_type error
log_type warning
log_type notice
max_queued_messages 100000
max_inflight_messages 1000
plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so
plugin_opt_config_file $d/dynsec.json
EOF
  [ $IS_ROOT = 1 ] && { echo "user mosquitto" >>"$d/mosquitto.conf"; chown -R mosquitto: "$d"; }
  mosquitto -c "$d/mosquitto.conf" -d
  for _ in $(seq 150); do [ -n "$(mqtt_pid || true)" ] && ss -ltn "sport = :$MQTT_PORT" | grep -q LISTEN && break; sleep 0.1; done
  [ -n "$(mqtt_pid || true)" ] || { tail -5 "$d/mosquitto.log" >&2; die "Mosquitto did not start (log: $d/mosquitto.log)"; }
  log "Mosquitto up on 127.0.0.1:$MQTT_PORT"
}

stop_mosquitto() {
  local p; p=$(mqtt_pid || true)
  [ -n "$p" ] || return 0
  kill "$p"; for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
}

# --- environment for the Node processes -------------------------------------------------

export_env() {
  export STACK_PROFILE="$PROFILE"
  export DATABASE_URL="postgres://coldchain_owner:$PG_OWNER_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
  export DATABASE_APP_URL="postgres://coldchain_app:$PG_APP_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  export MQTT_URL="mqtt://127.0.0.1:$MQTT_PORT"
  export MQTT_ADMIN_USERNAME=admin
  export HTTP_PORT
  export QUEUE_PREFIX="cc-$PROFILE"
  export STACK_DIR="$STACK"
}

# The services alone, once the packages and node_modules are there.
up_services() {
  ensure_secrets
  start_pg
  start_redis
  start_mosquitto
  export_env
}

start_services() {
  ensure_packages
  ensure_node_modules
  up_services
}

stop_services() { stop_mosquitto; stop_redis; stop_pg; }
