# Sourced by scripts/install-test-services.sh and scripts/start-mariadb.sh.
# apt_install_missing PKG…: installs the packages that are not installed yet, quietly, and without letting
# their maintainer scripts start system daemons (they would take ports 143/993/25/3306 that the tests'
# private servers need, provisioning.md pitfall 12). Prints the apt log and fails loudly on error.

apt_missing() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

apt_install_missing() {
  local missing log policy=/usr/sbin/policy-rc.d backup='' rc=0
  missing=$(apt_missing "$@")
  [ -z "$missing" ] && return 0
  log=$(mktemp)
  # policy-rc.d exiting 101 tells invoke-rc.d "do not start"; keep whatever policy was there before.
  if [ -e "$policy" ]; then backup=$(mktemp); cp -p "$policy" "$backup"; fi
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
  # Postfix must not ask questions nor write /etc/postfix/main.cf: the tests use their own config dir.
  if echo "$missing" | grep -qx postfix; then
    echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
  fi
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1 || rc=$?
  if [ -n "$backup" ]; then mv -f "$backup" "$policy"; else rm -f "$policy"; fi
  if [ "$rc" -ne 0 ]; then
    echo "apt-get install failed (exit $rc) for: $(echo $missing)" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    return "$rc"
  fi
  rm -f "$log"
}
