#!/usr/bin/env bash
# The whole test suite, tier by tier, so mocha prints one summary per tier:
#   unit · integration on SQLite · integration on MariaDB · e2e (headless Chromium) · the soak (MariaDB).
# Each tier starts the private servers it needs itself (Dovecot on free ports, temp dirs, a database of its own),
# so the slow tiers run side by side after the unit tier: most of their time is spent waiting on servers,
# not on the CPU. Each tier's output is kept in a log and printed whole, in order, when the tiers are done.
# The Debian packages (a no-op when installed) and a MariaDB on 127.0.0.1:3306 are made present first.
# The last line sums the tiers as "tests: N passed, N failed". TEST_SERIAL=1 runs the tiers one after another.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-services.sh || exit 1
bash scripts/start-mariadb.sh || exit 1

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
names=()
pids=()

log_of() { echo "$log_dir/$(echo "$1" | tr -c 'a-z0-9' '_').log"; }

# Starts a tier in the background (or runs it in the foreground under TEST_SERIAL=1); its exit code goes to .rc.
start() {
  local name=$1; shift
  local log; log=$(log_of "$name")
  names+=("$name")
  if [ "${TEST_SERIAL:-}" = 1 ]; then
    ( "$@" >"$log" 2>&1; echo $? >"$log.rc" )
  else
    ( "$@" >"$log" 2>&1; echo $? >"$log.rc" ) &
    pids+=($!)
  fi
}

start "unit" npx mocha 'test/unit/**/*.test.ts'
[ "${#pids[@]}" -gt 0 ] && wait "${pids[@]}"
pids=()
start "integration (sqlite)" env TEST_DB=sqlite npx mocha --timeout 120000 'test/integration/**/*.test.ts'
start "integration (mariadb)" env TEST_DB=mariadb npx mocha --timeout 120000 'test/integration/**/*.test.ts'
start "e2e" npx mocha --timeout 120000 'test/e2e/**/*.test.ts'
# The soak (issue 17 item 7): SOAK_MINUTES (5) of load on MariaDB with workers SIGKILLed, beside the other tiers.
start "soak (mariadb)" env SOAK_MINUTES="${SOAK_MINUTES:-5}" npx mocha 'test/soak/**/*.test.ts'
begun=$(date +%s)
# A line a minute, so a CI log shows the run is alive while the tiers' own output waits in their logs.
( while sleep 60; do echo "... tiers running for $(( ($(date +%s) - begun) / 60 )) min"; done ) &
heartbeat=$!
[ "${#pids[@]}" -gt 0 ] && wait "${pids[@]}"
kill "$heartbeat" 2>/dev/null

status=0
passed=0
failed=0
for name in "${names[@]}"; do
  log=$(log_of "$name")
  echo
  echo "=== $name ==="
  cat "$log"
  rc=$(cat "$log.rc" 2>/dev/null || echo 1)
  p=$(grep -Eo '^ *[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^ *[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then
    echo "=== $name: FAILED (exit $rc) ==="
    status=1
    [ -z "$f" ] && failed=$((failed + 1)) # a tier that crashed before its summary still counts as a failure
  fi
done
echo
echo "tests: $passed passed, $failed failed"
exit $status
