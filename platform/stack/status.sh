#!/usr/bin/env bash
# `npm run stack:status`: what is running for the dev stack (or STACK_PROFILE=test).
source "$(dirname "$0")/lib.sh"
st() { if "$@"; then echo up; else echo down; fi; }
LOCK="$ROOT/.stack/$PROFILE.start.pid"
printf '%-12s %s\n' "profile" "$PROFILE ($STACK)"
printf '%-12s %s\n' "postgresql" "$(st pg_running) (127.0.0.1:$PG_PORT, data $(svc_path pg))"
printf '%-12s %s\n' "redis" "$(st redis_running) (127.0.0.1:$REDIS_PORT, data $(svc_path redis))"
printf '%-12s %s\n' "mosquitto" "$( [ -n "$(mqtt_pid || true)" ] && echo up || echo down) (127.0.0.1:$MQTT_PORT, data $(svc_path mosquitto))"
if [ -f "$LOCK" ] && kill -0 "$(cat "$LOCK")" 2>/dev/null; then
  printf '%-12s %s\n' "processes" "running (supervisor pid $(cat "$LOCK"))"
  curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" 2>/dev/null && echo
else
  printf '%-12s %s\n' "processes" "not running"
fi
