#!/usr/bin/env bash
# `npm test`: the same bootstrap as `npm start` on the test profile (own ports, own data
# folder, a throwaway database re-created each run), then vitest over every test.
STACK_PROFILE=test
source "$(dirname "$0")/lib.sh"
mkdir -p "$ROOT/.stack"; exec 9>"$ROOT/.stack/test.lock"
flock -n 9 || die "another test run is using the test stack"

start_services
[ "${STACK_KEEP:-0}" = 1 ] || trap stop_services EXIT
drop_database
ensure_database
cd "$ROOT"
node --import tsx app/cli.ts migrate >/dev/null
node --import tsx app/cli.ts mqtt-bootstrap >/dev/null
export LOG_LEVEL=${LOG_LEVEL:-silent}
npx vitest run "$@"
