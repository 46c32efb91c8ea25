#!/usr/bin/env bash
# `npm run bench:<name>`: brings up its own stack (profile `bench`: own ports, own data folder,
# a fresh database with the demo data, an empty Redis, a broker without saved sessions), runs
# bench/<name>/run.ts, prints `name: value unit` lines, and stops the stack. Benchmarks are not
# tests: nothing here asserts a timing.
STACK_PROFILE=bench
source "$(dirname "$0")/lib.sh"
name=${1:?usage: bench.sh <routing|dispatch|telemetry|tracking|records|rider|console|availability>}
shift
[ -f "$ROOT/bench/$name/run.ts" ] || die "no benchmark bench/$name/run.ts"
# A broker without the sessions and queued messages that earlier runs or experiments left:
# Mosquitto writes them all out every 30 s (autosave_interval). A save of 10 MB (29,736 messages
# queued for a client long gone) was being written while bench:dispatch measured.
[ -n "$(mqtt_pid || true)" ] || rm -f "$STACK/mosquitto/mosquitto.db"
start_services
[ "${STACK_KEEP:-0}" = 1 ] || trap stop_services EXIT
drop_database
ensure_database
# A fresh Redis too: engine states, queues and feeds of earlier runs would otherwise pile up
# (and Redis's append-only file with them, whose rewrites then compete for the CPU).
until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; do sleep 0.2; done
redis-cli -p "$REDIS_PORT" flushall >/dev/null
redis-cli -p "$REDIS_PORT" bgrewriteaof >/dev/null
cd "$ROOT"
case $name in rider|console) ensure_web_build ;; esac
export LOG_LEVEL=${LOG_LEVEL:-warn}
node --import tsx app/cli.ts migrate >/dev/null
node --import tsx app/cli.ts mqtt-bootstrap >/dev/null
if [ "$name" != routing ]; then node --import tsx app/cli.ts seed-demo | grep -v '^Demo\|^  [a-z]' ; fi
node --import tsx "bench/$name/run.ts" "$@"
