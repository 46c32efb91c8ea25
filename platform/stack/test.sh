#!/usr/bin/env bash
# `npm test`: the same bootstrap as `npm start` on the test profile (own ports, own data
# folder, a throwaway database re-created each run), then vitest over every test.
STACK_PROFILE=test
source "$(dirname "$0")/lib.sh"
mkdir -p "$ROOT/.stack"; exec 9>"$ROOT/.stack/test.lock"
flock -n 9 || die "another test run is using the test stack"

# Dependency policy first (platform/security/audit-policy.ts): a high or critical advisory outside
# the allow-list fails the run before anything starts; no answer from the registry only warns.
ensure_node_modules
(cd "$ROOT" && node --import tsx platform/stack/audit.ts) || die "npm audit policy failed (see above)"

start_services 9>&-  # the daemons must not inherit the lock
[ "${STACK_KEEP:-0}" = 1 ] || trap stop_services EXIT
drop_database
ensure_database
cd "$ROOT"
ensure_web_build
node --import tsx app/cli.ts migrate >/dev/null
node --import tsx app/cli.ts mqtt-bootstrap >/dev/null
# A small synthetic city (~3,000 road segments, Tianhe, Guangzhou) as the routing network.
mkdir -p "$STACK/data"
[ -f "$STACK/data/city-3000.osm" ] || node --import tsx geo/demo-city/cli.ts --seed 7 --size 3000 --out "$STACK/data/city-3000.osm" >/dev/null
node --import tsx geo/import/cli.ts "$STACK/data/city-3000.osm" >/dev/null
export LOG_LEVEL=${LOG_LEVEL:-silent}
# Every test logs in from 127.0.0.1: the per-address login limit would add up across the suite
# (platform/auth/login-limits.int.test.ts sets its own limits and addresses).
export LOGIN_RATE_PER_ADDRESS=${LOGIN_RATE_PER_ADDRESS:-100000}
# Small test problems do not need the production optimizer budget.
export DISPATCH_PLAN_TIME_BUDGET_MS=${DISPATCH_PLAN_TIME_BUDGET_MS:-300}
npx vitest run "$@"
