#!/usr/bin/env bash
# A private Galera cluster on loopback for the Galera test (test/integration/galera): GALERA_NODES (default 2)
# MariaDB nodes run as the current user, each in GALERA_DIR/nodeN on free ports, never touching the MariaDB on
# 3306. The nodes are small (32 MB buffer pool, 16 MB gcache) because the machine is shared.
#   start-galera.sh [start]   starts the cluster, waits until every node is Synced and wsrep_cluster_size is
#                             GALERA_NODES, then prints one URL per node (mysql://root@127.0.0.1:PORT). When a
#                             cluster of that size already runs in GALERA_DIR, it only prints the URLs.
#   start-galera.sh stop      stops the nodes (SIGTERM, then SIGKILL after 30 s) and removes GALERA_DIR.
# GALERA_DIR must lie under the temp dir, and `stop` removes it only when it holds our nodes (the marker file
# govmail-galera that `start` writes first) or nothing at all; it signals only a PID whose process is a mariadbd
# started with that node's my.cnf, never whatever a stale pid file names.
#   start-galera.sh status    exit 0 and the URLs when the cluster is whole, exit 1 otherwise.
# GALERA_DIR defaults to ${TMPDIR:-/tmp}/govmail-galera-$UID. Node 1 bootstraps (--wsrep-new-cluster); the
# others join one at a time and receive its state by rsync (wsrep_sst_method=rsync, on a free port of their own;
# `skip` leaves a joiner waiting forever in 10.11). root has no password, over TCP from 127.0.0.1 too.
set -euo pipefail

NODES=${GALERA_NODES:-2}
DIR=${GALERA_DIR:-${TMPDIR:-/tmp}/govmail-galera-$(id -u)}
PROVIDER=/usr/lib/galera/libgalera_smm.so
WAIT_S=${GALERA_WAIT_S:-90}
ME=$(id -un)
# As root, the nodes run as mysql: mariadbd refuses root, and the rsync daemon of a state transfer started by
# root drops to nobody, which cannot write the joiner's data directory.
if [ "$(id -u)" -eq 0 ]; then ME=mysql; fi
say() { echo "start-galera: $*" >&2; }

# Only a directory under the temp dir, never the temp dir itself: `stop` removes it.
TMP_ROOT=$(realpath -m "${TMPDIR:-/tmp}")
DIR=$(realpath -m "$DIR")
case "$DIR" in
  "$TMP_ROOT"/?*) ;;
  *) say "GALERA_DIR=$DIR is not under $TMP_ROOT: refusing to run (stop would remove it)"; exit 2 ;;
esac
MARKER=govmail-galera

# The node's PID, only while that process is our node: a mariadbd (or the setsid about to become one) started with
# this node's my.cnf. A pid file left behind names nothing once its process is gone, whatever took its number.
node_pid() {
  local p; p=$(cat "$DIR/node$1/pid" 2>/dev/null || true)
  [[ "$p" =~ ^[0-9]+$ ]] || return 0
  case "$(cat "/proc/$p/comm" 2>/dev/null || true)" in mariadbd|setsid) ;; *) return 0 ;; esac
  if tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qxF -- "--defaults-file=$DIR/node$1/my.cnf"; then echo "$p"; fi
}
node_alive() { local p; p=$(node_pid "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
sql() { mariadb --no-defaults -uroot -S "$DIR/node$1/mysqld.sock" -N -B -e "$2" 2>/dev/null; }
wsrep() { sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }
node_synced() { node_alive "$1" && [ "$(wsrep "$1" wsrep_local_state_comment)" = Synced ] && [ "$(wsrep "$1" wsrep_cluster_size)" = "$NODES" ]; }
urls() { for i in $(seq "$NODES"); do echo "mysql://root@127.0.0.1:$(cat "$DIR/node$i/port")"; done; }
whole() { [ -f "$DIR/ready" ] || return 1; for i in $(seq "$NODES"); do node_synced "$i" || return 1; done; }

free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 )) # below the kernel's ephemeral range (32768+), where outgoing connections take theirs
    grep -qx "$p" "$DIR/ports" 2>/dev/null && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    echo "$p" >>"$DIR/ports"
    echo "$p"
    return
  done
}

stop_all() {
  [ -d "$DIR" ] || return 0
  # an empty directory (the caller's fresh mkdtemp) is ours to use; anything else must carry our marker
  if [ ! -f "$DIR/$MARKER" ]; then
    if [ -z "$(ls -A "$DIR")" ]; then rmdir "$DIR"; return 0; fi
    say "$DIR holds no Galera test cluster (no $MARKER file): not touching it"; exit 1
  fi
  local pids=() i p
  for i in $(seq 9); do
    p=$(node_pid "$i")
    # only a mariadbd is signalled (a setsid not yet turned into one is left to exit with its node's dir gone)
    [ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null || true)" = mariadbd ] && pids+=("$p")
  done
  # The last nodes first, node 1 (the bootstrap node) last, so each leaves a primary component behind.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${pids[$i]}" 2>/dev/null || true
  done
  rm -rf "$DIR"
}

fail() {
  say "$1"
  for f in "$DIR"/node*/error.log; do echo "== $f" >&2; grep -E 'ERROR|WSREP_SST' "$f" | tail -n 15 >&2; done
  exit 1
}

wait_until() { # what, check…
  local what=$1 i; shift
  for _ in $(seq $((WAIT_S * 5))); do
    "$@" && return 0
    for i in $(seq "$NODES"); do [ ! -f "$DIR/node$i/pid" ] || node_alive "$i" || fail "node $i died while waiting for $what"; done
    sleep 0.2
  done
  fail "timed out after ${WAIT_S}s waiting for $what"
}

write_config() { # node, gcomm list
  local n=$1 d="$DIR/node$1"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
user = $ME
datadir = $d/data
socket = $d/mysqld.sock
pid-file = $d/mariadbd.pid
log-error = $d/error.log
port = $(cat "$d/port")
bind-address = 127.0.0.1
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
performance_schema = OFF
innodb_buffer_pool_size = 32M
innodb_log_file_size = 16M
innodb_flush_log_at_trx_commit = 2
max_connections = 200
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
wsrep_on = ON
wsrep_provider = $PROVIDER
wsrep_cluster_name = govmail-test-$$
wsrep_cluster_address = gcomm://$2
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1:$(cat "$d/gcomm_port")
wsrep_provider_options = "gcache.size=16M;gcache.page_size=16M;ist.recv_addr=127.0.0.1:$(cat "$d/ist_port")"
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(cat "$d/sst_port")
EOF
}

start_node() { # node, extra args…
  local n=$1; shift
  # setsid and every stream redirected: a daemon holding the caller's stdout would hang it.
  setsid /usr/sbin/mariadbd --defaults-file="$DIR/node$n/my.cnf" "$@" </dev/null >>"$DIR/node$n/error.log" 2>&1 &
  echo $! >"$DIR/node$n/pid"
}

start() {
  if whole; then urls; return 0; fi
  stop_all # a half-started or dead cluster from an earlier run
  [ -e "$PROVIDER" ] && command -v rsync >/dev/null \
    || { say "$PROVIDER or rsync is missing: run scripts/install-test-services.sh (galera-4, rsync)"; exit 1; }
  mkdir -p "$DIR"
  touch "$DIR/$MARKER"
  local i gcomm=''
  for i in $(seq "$NODES"); do
    mkdir -p "$DIR/node$i"
    free_port >"$DIR/node$i/port"
    free_port >"$DIR/node$i/gcomm_port"
    free_port >"$DIR/node$i/ist_port"
    free_port >"$DIR/node$i/sst_port"
    gcomm+="${gcomm:+,}127.0.0.1:$(cat "$DIR/node$i/gcomm_port")"
  done
  mariadb-install-db --no-defaults --user="$ME" --datadir="$DIR/node1/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$DIR/install.log" 2>&1 || { say "mariadb-install-db failed"; cat "$DIR/install.log" >&2; exit 1; }
  # The joiners' own system tables are replaced by node 1's at their state transfer; they only need to start.
  for i in $(seq 2 "$NODES"); do cp -a "$DIR/node1/data" "$DIR/node$i/data"; done
  for i in $(seq "$NODES"); do write_config "$i" "$gcomm"; done
  [ "$ME" = "$(id -un)" ] || chown -R "$ME" "$DIR"
  start_node 1 --wsrep-new-cluster
  wait_until "node 1 to bootstrap" eval '[ "$(wsrep 1 wsrep_local_state_comment)" = Synced ]'
  # root over TCP; created on node 1 and replicated to the others as they join.
  sql 1 "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" \
    || fail "cannot create root@127.0.0.1 on node 1"
  for i in $(seq 2 "$NODES"); do
    start_node "$i"
    wait_until "node $i to join" eval "[ \"\$(wsrep $i wsrep_local_state_comment)\" = Synced ]"
  done
  touch "$DIR/ready"
  wait_until "wsrep_cluster_size = $NODES on every node" whole
  urls
}

case "${1:-start}" in
  start) start ;;
  stop) stop_all ;;
  status) whole && urls ;;
  *) say "usage: $0 [start|stop|status]"; exit 2 ;;
esac
