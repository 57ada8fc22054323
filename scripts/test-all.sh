#!/usr/bin/env bash
# The whole test suite, tier by tier, so mocha prints one summary per tier:
#   unit · integration on SQLite · integration on MariaDB · e2e (headless Chromium).
# Each tier starts the private servers it needs itself (Dovecot, SMTP capture, Chromium); the Debian packages
# (a no-op when installed) and a MariaDB on 127.0.0.1:3306 are made present first.
# The last line sums the tiers as "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-services.sh || exit 1
bash scripts/start-mariadb.sh || exit 1

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
status=0
passed=0
failed=0
run() {
  local name=$1; shift
  local log="$log_dir/$(echo "$name" | tr -c 'a-z0-9' '_').log"
  echo
  echo "=== $name ==="
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo '^ *[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^ *[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then
    echo "=== $name: FAILED (exit $rc) ==="
    status=1
    [ -z "$f" ] && failed=$((failed + 1)) # a tier that crashed before its summary still counts as a failure
  fi
}
run "unit" npx mocha 'test/unit/**/*.test.ts'
run "integration (sqlite)" env TEST_DB=sqlite npx mocha --timeout 120000 'test/integration/**/*.test.ts'
run "integration (mariadb)" env TEST_DB=mariadb npx mocha --timeout 120000 'test/integration/**/*.test.ts'
run "e2e" npx mocha --timeout 120000 'test/e2e/**/*.test.ts'
echo
echo "tests: $passed passed, $failed failed"
exit $status
