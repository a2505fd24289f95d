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
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; ./scripts/postgres.sh stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
dotnet build TokenVersioning.sln -c Release >/dev/null
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks

run() { # provider connection-string
  ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__TokenVersioning="$2" Database__MigrateOnStartup=true \
    Tokens__SigningKeys__0__Id=bench Tokens__SigningKeys__0__Secret="$(head -c 32 /dev/urandom | base64)" \
    RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet Api/bin/Release/net10.0/TokenVersioning.Api.dll --urls http://127.0.0.1:5301 >"$work/$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:5301/health/ready && break; sleep 0.2; done
  echo "== $1 =="
  "$bench" latency http://127.0.0.1:5301 "$ITERATIONS"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
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
    env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__TokenVersioning="$db" Database__MigrateOnStartup=true \
      Tokens__SigningKeys__0__Id=bench Tokens__SigningKeys__0__Secret="$secret" Invalidation__PollInterval="$2" \
      ${3:+Invalidation__Redis=$3} RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
      Bootstrap__AdminEmail=admin@example.com Bootstrap__AdminPassword='bench admin password' \
      dotnet Api/bin/Release/net10.0/TokenVersioning.Api.dll --urls http://127.0.0.1:$port >"$work/node$port.log" 2>&1 &
    nodes="$nodes $!"
    for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:$port/health/ready && break; sleep 0.2; done
  done
  echo "== across nodes: $1 (Invalidation:PollInterval $2) =="
  for probe in /api/users/me /api/auth/verify; do
    "$bench" crossnode http://127.0.0.1:5311 http://127.0.0.1:5312 "$ITERATIONS" $probe || status=1
  done
  echo "-- revocation events, followed on the other node --"
  "$bench" events http://127.0.0.1:5311 http://127.0.0.1:5312 admin@example.com 'bench admin password' "$ITERATIONS" || status=1
  # shellcheck disable=SC2086
  kill $nodes; wait $nodes 2>/dev/null || true; nodes=""
}
nodes=""
status=0
trap 'cleanup; ./scripts/redis.sh stop >/dev/null 2>&1; [ -n "$nodes" ] && kill $nodes 2>/dev/null; true' EXIT
redis=$(./scripts/redis.sh start)
cross "Redis running" 00:00:01 "$redis"
./scripts/redis.sh stop
cross "Redis stopped" 00:00:00.250 "127.0.0.1:56379"
exit $status
