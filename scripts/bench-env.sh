# Sourced by the HTTP benchmarks: their settings (env DURATION s, WARMUP s, CONNECTIONS, ROUNDS), a scratch
# directory $work, and the processes they start (pids), all removed on exit; wrk installed when missing.
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
USERS=10000
work=$(mktemp -d)
. scripts/service-start.sh
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. scripts/need.sh
need wrk wrk

# start_ours NAME PORT DB SEEDED [VAR=value...]: the service (Release) on the seeded SQLite database DB with the keys
# the seeding wrote to SEEDED/service.env, production settings, no rate limits, plus the given settings.
start_ours() {
  local name=$1 port=$2 db=$3 seeded=$4; shift 4
  start "$name" "$port" /health/ready env $(cat "$seeded/service.env") ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite \
    Database__MigrateOnStartup=false "ConnectionStrings__TokenVersioning=Data Source=$db" RateLimiting__Enabled=false \
    Logging__LogLevel__Default=Warning "$@" dotnet Api/bin/Release/net10.0/TokenVersioning.Api.dll
}

# pin_cores: where taskset works and there are two cores or more, servers on core 0 and wrk (one thread) on core 1.
WRK_PREFIX="" WRK_THREADS=2
pin_cores() {
  if taskset -c 0 true 2>/dev/null && [ "$(nproc)" -ge 2 ]; then server=(taskset -c 0); WRK_PREFIX="taskset -c 1"; WRK_THREADS=1; fi
}

# ratio A B: A ÷ B to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
