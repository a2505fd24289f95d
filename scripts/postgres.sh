#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests.
#   scripts/postgres.sh start   installs PostgreSQL from Debian's packages when missing, creates a fresh cluster,
#                               starts it and prints an Npgsql connection string on stdout
#   scripts/postgres.sh stop    stops the cluster and deletes its files
# Idempotent: start replaces a cluster left behind by an earlier run; stop does nothing when none runs. When the
# port is taken by something else, start listens on the next free one and says so (the printed string has it).
# The cluster runs as an unprivileged user (PostgreSQL refuses to run as root): 'postgres' when called as root,
# the calling user otherwise. Trust authentication, bound to 127.0.0.1 only, fsync off: test data only.
set -euo pipefail

PORT=${TV_PG_PORT:-55432}
DATA=${TV_PG_DATA:-/tmp/tokenversioning-pg-$PORT}

# The newest installed server (the client package alone leaves a bin folder without initdb).
pg_bin() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  if [ -z "$(pg_bin)" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed and this is not root: run 'sudo apt-get install -y postgresql' once." >&2
      exit 1
    fi
    echo "Installing PostgreSQL from Debian's packages..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
}

stop() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$DATA/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DATA"
}

# Whether something already listens on 127.0.0.1:$1 (a test's proxy may hold an ephemeral port like this one).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  ensure_installed
  stop
  local bin listen=$PORT
  bin=$(pg_bin)
  if port_busy "$listen"; then
    for candidate in $(seq $((PORT + 1)) $((PORT + 60))); do port_busy "$candidate" || { listen=$candidate; break; }; done
    echo "Port $PORT is taken; the cluster listens on $listen." >&2
  fi
  mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
  chmod 700 "$DATA"
  as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
    -o "-p $listen -k $DATA -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
    || { cat "$DATA/server.log" >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$listen;Username=postgres;Database=postgres"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
