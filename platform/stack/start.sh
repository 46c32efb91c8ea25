#!/usr/bin/env bash
# `npm start`: install what is missing, start PostgreSQL, Redis and Mosquitto, migrate, load
# the demo data, run the api, worker and ingest processes. Ctrl-C stops everything.
source "$(dirname "$0")/lib.sh"

LOCK="$ROOT/.stack/$PROFILE.start.pid"
mkdir -p "$ROOT/.stack"
if [ -f "$LOCK" ] && kill -0 "$(cat "$LOCK")" 2>/dev/null; then
  die "the $PROFILE stack is already running (pid $(cat "$LOCK")); stop it with Ctrl-C in its terminal or 'npm run stack:stop'"
fi
echo $$ >"$LOCK"

PIDS=()
SIDE_PIDS=()
cleanup() {
  trap - INT TERM EXIT
  STOPPING=1
  log "stopping…"
  for p in "${SIDE_PIDS[@]}" "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${SIDE_PIDS[@]}" "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  stop_services
  rm -f "$LOCK"
  log "stopped"
}
trap cleanup INT TERM EXIT

start_services
ensure_database
cd "$ROOT"
ensure_web_build
CLI=(node --import tsx app/cli.ts)
"${CLI[@]}" migrate
"${CLI[@]}" mqtt-bootstrap
"${CLI[@]}" seed-demo
mkdir -p "$STACK/logs"
# The demo's notification sinks (SMS over the HTTP SMS contract, e-mail over SMTP), before the
# processes that send there; the console's "Notifications sent" reads their list.
SIM_SMS_PORT=${SIM_SMS_PORT:-18025}; SIM_SMTP_PORT=${SIM_SMTP_PORT:-18026}
SINK="http://127.0.0.1:$SIM_SMS_PORT"
SIM_SMS_PORT=$SIM_SMS_PORT SIM_SMTP_PORT=$SIM_SMTP_PORT node --import tsx sim/cli.ts --sinks >>"$STACK/logs/sinks.log" 2>&1 &
SIDE_PIDS+=($!)
export ALARM_SMS_URL=${ALARM_SMS_URL:-$SINK/sms} TRACKING_NOTIFY_SMS_URL=${TRACKING_NOTIFY_SMS_URL:-$SINK/sms}
export ALARM_SMTP_URL=${ALARM_SMTP_URL:-smtp://127.0.0.1:$SIM_SMTP_PORT} NOTIFICATION_SINK_URL=${NOTIFICATION_SINK_URL:-$SINK}
for proc in api worker ingest; do
  # Each ingest process keeps a broker session of its own (its unacknowledged messages): a stable id.
  # The api's Node flags: platform/stack/api.node-flags (the benchmark reads the same file).
  flags=(); [ "$proc" = api ] && mapfile -t flags < <(grep -v '^#' "$ROOT/platform/stack/api.node-flags" | grep .)
  PROCESS_NAME=$proc INGEST_CLIENT_ID=ingest-1 node "${flags[@]}" --import tsx app/cli.ts serve $proc >>"$STACK/logs/$proc.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1 || { tail -30 "$STACK/logs/api.log" >&2; die "the API did not come up"; }
# The live demo: the simulated day at real time (SIM=off disables it). Not among the processes
# whose exit stops the stack: the system runs without it; its log says why it stopped.
SIM_LINE="    Simulator     off (SIM=off)"
if [ "${SIM:-on}" != off ]; then
  SIM_SMS_SINK_URL=$SINK/sms node --import tsx sim/cli.ts --day --demo --forever --seed "${SIM_SEED:-1}" >>"$STACK/logs/sim.log" 2>&1 &
  SIDE_PIDS+=($!)
  SIM_LINE="    Simulator     riders, orders and boxes of a simulated day at real time (SIM=off disables); log $STACK/logs/sim.log"
fi
cat <<EOF

  Cold-chain dispatch is running ($PROFILE).
    Web console   http://127.0.0.1:$HTTP_PORT/console/   (log in as dispatcher; passwords in Accounts below)
    Rider app     http://127.0.0.1:$HTTP_PORT/rider/     (log in as rider; a phone on the LAN needs HTTPS for camera and GPS)
    API docs      http://127.0.0.1:$HTTP_PORT/api/v1/docs
    OpenAPI       http://127.0.0.1:$HTTP_PORT/api/v1/openapi.json
    Health        http://127.0.0.1:$HTTP_PORT/readyz   Metrics http://127.0.0.1:$HTTP_PORT/metrics
    MQTT broker   mqtt://127.0.0.1:$MQTT_PORT   PostgreSQL 127.0.0.1:$PG_PORT   Redis 127.0.0.1:$REDIS_PORT
    Logs          $STACK/logs/
    Accounts      $STACK/demo-accounts.txt
$SIM_LINE
    Notifications SMS and e-mail go to local sinks ($SINK/messages); the console shows them (admin → Notifications sent)
  Ctrl-C stops everything.

EOF
# Exit (and clean up) as soon as any process dies, so a crash is not hidden.
wait -n "${PIDS[@]}" || true
[ -n "${STOPPING:-}" ] || log "a process exited; see $STACK/logs/"
