#!/usr/bin/env bash
# The whole test suite, tier by tier, so mocha prints one summary per tier:
#   unit · integration on SQLite · integration on MariaDB · e2e (headless Chromium).
# Each tier starts the servers it needs itself (Dovecot, SMTP capture, Chromium); MariaDB must answer on
# 127.0.0.1:3306 (scripts/start-mariadb.sh starts one on a machine without it).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
run() {
  local name=$1; shift
  echo
  echo "=== $name ==="
  "$@" || { echo "=== $name: FAILED ==="; status=1; }
}
run "unit" npx mocha 'test/unit/**/*.test.ts'
run "integration (sqlite)" env TEST_DB=sqlite npx mocha --timeout 120000 'test/integration/**/*.test.ts'
run "integration (mariadb)" env TEST_DB=mariadb npx mocha --timeout 120000 'test/integration/**/*.test.ts'
run "e2e" npx mocha --timeout 120000 'test/e2e/**/*.test.ts'
exit $status
