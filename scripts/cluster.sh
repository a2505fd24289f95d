#!/usr/bin/env bash
# A real cluster on loopback, for trying several nodes by hand and for the cross-node benchmark:
# PostgreSQL (throwaway cluster), Redis, three nodes sharing one signing key, and nginx in front as the load
# balancer. Installs what is missing from Debian's packages (needs root the first time).
#   scripts/cluster.sh start    builds, starts everything, prints the URL
#   scripts/cluster.sh stop     stops everything it started
# Settings: TV_CLUSTER_PORT (nginx, default 5100); the nodes listen on the three ports after it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${TV_CLUSTER_DIR:-/tmp/tokenversioning-cluster}
PORT=${TV_CLUSTER_PORT:-5100}
NODES=3

. scripts/need.sh

stop() {
  for pidfile in "$DIR"/node*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [ -f "$DIR/nginx.pid" ]; then kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true; rm -f "$DIR/nginx.pid"; fi
  ./scripts/redis.sh stop >/dev/null 2>&1 || true
  ./scripts/postgres.sh stop >/dev/null 2>&1 || true
}

wait_for() { # url, what
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "$2 did not answer at $1; see $DIR" >&2
  exit 1
}

start() {
  need nginx nginx
  need curl curl
  stop
  mkdir -p "$DIR"
  dotnet publish Api -c Release -o "$DIR/app" >"$DIR/publish.log" 2>&1 || { echo "build failed; see $DIR/publish.log" >&2; exit 1; }

  local pg redis secret
  pg=$(./scripts/postgres.sh start)
  redis=$(./scripts/redis.sh start)
  [ -f "$DIR/signing-key" ] || head -c 32 /dev/urandom | base64 >"$DIR/signing-key"
  secret=$(cat "$DIR/signing-key")

  local upstreams=""
  for n in $(seq 1 $NODES); do
    local port=$((PORT + n))
    upstreams="$upstreams    server 127.0.0.1:$port;\n"
    (
      cd "$DIR/app"
      # One shared master key; the first node applies the migrations before the others start.
      ASPNETCORE_ENVIRONMENT=Production \
      Database__Provider=Postgres \
      ConnectionStrings__TokenVersioning="${pg/Database=postgres/Database=tokenversioning_cluster}" \
      Database__MigrateOnStartup=$([ "$n" -eq 1 ] && echo true || echo false) \
      Tokens__SigningKeys__0__Id=cluster Tokens__SigningKeys__0__Secret="$secret" \
      Invalidation__Redis="$redis" \
      Bootstrap__AdminEmail=admin@example.com Bootstrap__AdminPassword='cluster admin password' \
      RateLimiting__Enabled=false \
      nohup dotnet TokenVersioning.Api.dll --urls "http://127.0.0.1:$port" >"$DIR/node$n.log" 2>&1 &
      echo $! >"$DIR/node$n.pid"
    )
    wait_for "http://127.0.0.1:$port/health/ready" "node $n"
  done

  mkdir -p "$DIR/nginx"
  sed -e "s|@PORT@|$PORT|" -e "s|@DIR@|$DIR|g" -e "s|@UPSTREAMS@|$upstreams|" "$ROOT/deploy/nginx-cluster.conf" >"$DIR/nginx.conf"
  nginx -c "$DIR/nginx.conf" -p "$DIR/nginx"
  wait_for "http://127.0.0.1:$PORT/health/live" "nginx"
  echo "http://127.0.0.1:$PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
