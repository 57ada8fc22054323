#!/usr/bin/env bash
# Installs the system packages the integration and e2e tests run against: Dovecot (IMAP, LMTP, SQL drivers),
# Postfix with its SQL map drivers, Chromium, poppler-utils (pdftotext for credential sheets), a font, the
# MariaDB client tools (mariadb-dump for `govmail backup`), systemd-analyze, nginx and openssl, which check
# the deployment files in scripts/deploy (test/integration/deploy), and Galera with rsync and ss (its state transfer)
# for the private cluster of scripts/start-galera.sh (test/integration/galera).
# Idempotent: does nothing (and prints nothing) when everything is installed. Runs no system daemon: the tests
# start private Dovecot instances themselves (test/support/dovecot.ts).
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=lib/apt-quiet.sh
. lib/apt-quiet.sh

PACKAGES=(
  dovecot-imapd dovecot-lmtpd dovecot-sqlite dovecot-mysql
  postfix postfix-sqlite postfix-mysql
  chromium poppler-utils fonts-dejavu-core
  mariadb-client systemd nginx openssl
  galera-4 rsync iproute2
)

if [ "$(id -u)" -ne 0 ] && [ -n "$(apt_missing "${PACKAGES[@]}")" ]; then
  echo "install-test-services: must run as root to install: $(apt_missing "${PACKAGES[@]}" | tr '\n' ' ')" >&2
  exit 1
fi
apt_install_missing "${PACKAGES[@]}"

for bin in /usr/sbin/dovecot /usr/bin/doveadm /usr/sbin/postmap /usr/lib/postfix/postfix-sqlite.so /usr/lib/postfix/postfix-mysql.so /usr/bin/chromium /usr/bin/pdftotext /usr/bin/mariadb-dump /usr/bin/systemd-analyze /usr/sbin/nginx /usr/bin/openssl /usr/lib/galera/libgalera_smm.so /usr/bin/rsync; do
  [ -e "$bin" ] || { echo "install-test-services: $bin is missing after install" >&2; exit 1; }
done
