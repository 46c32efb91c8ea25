#!/usr/bin/env bash
# `npm run stack:stop`: stops the dev stack (or STACK_PROFILE=test) and its processes.
source "$(dirname "$0")/lib.sh"
LOCK="$ROOT/.stack/$PROFILE.start.pid"
if [ -f "$LOCK" ] && kill -0 "$(cat "$LOCK")" 2>/dev/null; then
  kill -TERM "$(cat "$LOCK")"; for _ in $(seq 100); do kill -0 "$(cat "$LOCK" 2>/dev/null)" 2>/dev/null || break; sleep 0.2; done
fi
[ -f "$SECRETS" ] && ensure_secrets
stop_services
log "stopped"
