#!/usr/bin/env bash
# Revocation latency on one node, over HTTP against the service in Release: how long logout-all takes (p50,
# p99) and how soon after its response the old token is refused (it must be the very next request), on SQLite
# and on PostgreSQL (a throwaway cluster from scripts/postgres.sh).
# Then across two nodes (see below).
#   scripts/bench-revocation.sh [crossnode]    env: ITERATIONS (default 300); crossnode: only the cross-node part
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${ITERATIONS:-300}
work=$(mktemp -d)
. scripts/service-start.sh
status=0
stop_nodes() {
  [ ${#pids[@]} -gt 0 ] && { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
  pids=()
}
cleanup() { stop_nodes; ./scripts/postgres.sh stop >/dev/null 2>&1; ./scripts/redis.sh stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
dotnet build TokenVersioning.sln -c Release >/dev/null
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks

# Starts one node on PORT with the settings every measurement shares plus the given VAR=value pairs, and waits
# until it is ready (or stops the script, showing the node's log).
node() { # port, VAR=value...
  local port=$1; shift
  start "node$port" "$port" /health/ready env ASPNETCORE_ENVIRONMENT=Production Database__MigrateOnStartup=true \
    Tokens__SigningKeys__0__Id=bench Tokens__Issuer=https://tokenversioning.bench \
    RateLimiting__Enabled=false Logging__LogLevel__Default=Warning "$@" dotnet Api/bin/Release/net10.0/TokenVersioning.Api.dll
}

run() { # provider connection-string
  node 5301 Database__Provider="$1" ConnectionStrings__TokenVersioning="$2" Tokens__SigningKeys__0__Secret="$(head -c 32 /dev/urandom | base64)"
  echo "== $1 =="
  "$bench" latency http://127.0.0.1:5301 "$ITERATIONS"
  stop_nodes
}

pg=$(./scripts/postgres.sh start)
if [ "${1:-all}" != crossnode ]; then
  run Sqlite "Data Source=$work/latency.db"
  run Postgres "$(sed 's/Database=postgres/Database=tv_latency/' <<<"$pg")"
fi

# Across nodes: two nodes on one PostgreSQL database, the time from node A's revoking response to node B's
# first refusal; with Redis (the fast path), then with Redis stopped (the poll of the revocation log).
cross() { # label, poll interval, redis connection string or empty
  local db secret
  db="$(sed 's/Database=postgres/Database=tv_crossnode/' <<<"$pg")"
  secret="$(head -c 32 /dev/urandom | base64)"
  for port in 5311 5312; do
    node "$port" Database__Provider=Postgres ConnectionStrings__TokenVersioning="$db" Tokens__SigningKeys__0__Secret="$secret" \
      Invalidation__PollInterval="$2" ${3:+Invalidation__Redis=$3} \
      Bootstrap__AdminEmail=admin@example.com Bootstrap__AdminPassword='bench admin password'
  done
  echo "== across nodes: $1 (Invalidation:PollInterval $2) =="
  for probe in /api/users/me /api/auth/verify; do
    "$bench" crossnode http://127.0.0.1:5311 http://127.0.0.1:5312 "$ITERATIONS" $probe || status=1
  done
  echo "-- revocation events, followed on the other node --"
  "$bench" events http://127.0.0.1:5311 http://127.0.0.1:5312 admin@example.com 'bench admin password' "$ITERATIONS" || status=1
  stop_nodes
}
redis=$(./scripts/redis.sh start)
cross "Redis running" 00:00:01 "$redis"
./scripts/redis.sh stop
cross "Redis stopped" 00:00:00.250 "127.0.0.1:56379"
exit $status
