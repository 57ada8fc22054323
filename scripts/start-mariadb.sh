#!/usr/bin/env bash
# Makes sure a MariaDB answers on 127.0.0.1:3306 with root and no password, as test/support/databases.ts
# expects (override with TEST_MARIADB_URL there). Quiet when it already runs; installs and starts it otherwise.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=lib/apt-quiet.sh
. lib/apt-quiet.sh

HOST=127.0.0.1
PORT=3306
WAIT_S=30

answers() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }
root_ok() { mariadb --protocol=TCP -h "$HOST" -P "$PORT" -uroot -e 'SELECT 1' >/dev/null 2>&1; }

if ! answers; then
  apt_install_missing mariadb-server mariadb-client
  # start-stop-daemon does not create the socket/PID directory that systemd would.
  install -d -o mysql -g mysql /run/mysqld
  log=/var/log/mysql/start-mariadb.log
  install -d -o mysql -g adm /var/log/mysql
  # Detached, with its output in a file: a daemon holding our stdout would hang the caller (pitfall 10).
  start-stop-daemon --start --oknodo --background --output "$log" --exec /usr/sbin/mariadbd
  for _ in $(seq $((WAIT_S * 10))); do answers && break; sleep 0.1; done
  if ! answers; then
    echo "start-mariadb: nothing answers on $HOST:$PORT after ${WAIT_S}s" >&2
    tail -n 30 "$log" /var/log/mysql/error.log 2>/dev/null >&2 || true
    exit 1
  fi
fi

if ! root_ok; then
  # A stock Debian install has root@localhost by unix socket only; the tests connect over TCP.
  mariadb -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" \
    || { echo "start-mariadb: cannot log in as root over TCP nor create root@127.0.0.1" >&2; exit 1; }
  root_ok || { echo "start-mariadb: root@127.0.0.1 still cannot log in over TCP" >&2; exit 1; }
fi
