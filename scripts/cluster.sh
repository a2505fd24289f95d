#!/usr/bin/env bash
# A real cluster on loopback, for trying several nodes by hand and for the cross-node benchmark:
# PostgreSQL (a throwaway cluster of its own), Redis, three nodes sharing one signing key, and nginx in front as
# the load balancer (deploy/nginx-cluster.conf). Installs what is missing from Debian's packages (root the first time).
#   scripts/cluster.sh start    builds, starts everything, prints every URL and the admin's email and password
#   scripts/cluster.sh stop     stops what the last start started, and deletes its directory
# Settings: TV_CLUSTER_DIR (default /tmp/tokenversioning-trycluster-UID), TV_CLUSTER_PORT (nginx; default a free port).
# Every other port is chosen free. It never stops or deletes anything it did not start: what it starts is
# recorded in its directory, and a directory it did not create is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${TV_CLUSTER_DIR:-/tmp/tokenversioning-trycluster-$(id -u)}
MARK="$DIR/.tokenversioning-cluster"
NODES=3
ADMIN_EMAIL=admin@example.com

. scripts/need.sh
. scripts/service-start.sh

# Below the kernel's ephemeral range where it has room there: a port from that range may be handed to some
# outgoing connection between this check and the server's bind (address already in use).
ephemeral_low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
if [ "$ephemeral_low" -gt 21000 ]; then port_span=$((ephemeral_low - 20000)); else port_span=40000; fi

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % port_span))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "no free port found" >&2
  exit 1
}

record() { echo "$1" >>"$DIR/started"; }

stop() {
  if [ ! -f "$MARK" ]; then
    [ -e "$DIR" ] && echo "$DIR was not made by this script: left alone." >&2
    return 0
  fi
  if [ -f "$DIR/started" ]; then
    # In reverse order of starting: nginx, the nodes, Redis, PostgreSQL.
    tac "$DIR/started" | while read -r kind value; do
      case "$kind" in
        pid) kill "$value" 2>/dev/null || true ;;
        redis) TV_REDIS_PORT=$value ./scripts/redis.sh stop >/dev/null 2>&1 || true ;;
        postgres) TV_PG_PORT=$value TV_PG_DATA="$DIR/postgres" ./scripts/postgres.sh stop >/dev/null 2>&1 || true ;;
      esac
    done
  fi
  rm -rf "$DIR"
}

start() {
  if [ -f "$MARK" ]; then echo "a cluster already runs from $DIR: run '$0 stop' first" >&2; exit 1; fi
  if [ -e "$DIR" ]; then echo "$DIR exists and was not made by this script: set TV_CLUSTER_DIR to another place" >&2; exit 1; fi
  need nginx nginx
  need curl curl
  mkdir -p "$DIR/nginx"
  touch "$MARK"
  started_ok=0
  trap '[ "$started_ok" -eq 1 ] || { echo "start failed; stopping what it started. Last log lines:" >&2; tail -n 20 "$DIR"/*.log >&2 2>/dev/null || true; stop; }' EXIT
  dotnet publish Api -c Release -o "$DIR/app" >"$DIR/publish.log" 2>&1 || { echo "build failed" >&2; exit 1; }

  local pg_port redis_port port pg redis secret password
  pg_port=$(free_port)
  record "postgres $pg_port"
  pg=$(TV_PG_PORT=$pg_port TV_PG_DATA="$DIR/postgres" ./scripts/postgres.sh start)
  # The database exists before the first node connects, so that no node logs a failed connection.
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "CREATE DATABASE tokenversioning_cluster" >/dev/null
  redis_port=$(free_port)
  record "redis $redis_port"
  redis=$(TV_REDIS_PORT=$redis_port ./scripts/redis.sh start)
  secret=$(head -c 32 /dev/urandom | base64)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$password" >"$DIR/admin-password"

  local upstreams="" urls=""
  for n in $(seq 1 $NODES); do
    local node_port
    node_port=$(free_port)
    upstreams="$upstreams    server 127.0.0.1:$node_port;\n"
    urls="$urls  node $n:          http://127.0.0.1:$node_port\n"
    (
      cd "$DIR/app"
      # One shared master key; the first node applies the migrations before the others start. nginx, in front,
      # is the one trusted proxy: the nodes' rate limits and sign-in protection see each client's own address.
      ASPNETCORE_ENVIRONMENT=Production \
      Database__Provider=Postgres \
      ConnectionStrings__TokenVersioning="${pg/Database=postgres/Database=tokenversioning_cluster}" \
      Database__MigrateOnStartup=$([ "$n" -eq 1 ] && echo true || echo false) \
      Tokens__SigningKeys__0__Id=cluster Tokens__SigningKeys__0__Secret="$secret" \
      Tokens__Issuer=https://tokenversioning.cluster.local \
      Invalidation__Redis="$redis" \
      Bootstrap__AdminEmail=$ADMIN_EMAIL Bootstrap__AdminPassword="$password" \
      ReverseProxy__TrustedProxies__0=127.0.0.1 \
      nohup dotnet TokenVersioning.Api.dll --urls "http://127.0.0.1:$node_port" >"$DIR/node$n.log" 2>&1 &
      echo "pid $!" >>"$DIR/started"
    )
    WAIT_PID=$(awk '$1 == "pid" {p = $2} END {print p}' "$DIR/started") WAIT_SECONDS=60 \
      wait_for "http://127.0.0.1:$node_port/health/ready" "node $n" "$DIR/node$n.log"
  done

  port=${TV_CLUSTER_PORT:-$(free_port)}
  sed -e "s|@PORT@|$port|" -e "s|@DIR@|$DIR|g" -e "s|@UPSTREAMS@|$upstreams|" "$ROOT/deploy/nginx-cluster.conf" >"$DIR/nginx.conf"
  nginx -c "$DIR/nginx.conf" -p "$DIR/nginx"
  record "pid $(cat "$DIR/nginx.pid")"
  wait_for "http://127.0.0.1:$port/health/live" "nginx"
  started_ok=1
  printf "load balancer:   http://127.0.0.1:%s\n%badmin email:     %s\nadmin password:  %s\nlogs:            %s\n" \
    "$port" "$urls" "$ADMIN_EMAIL" "$password" "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
