#!/usr/bin/env bash
# The service's first minute under load: GET /api/users/me with 10,000 users' tokens in back-to-back windows from
# the moment it is ready (the first ~10 s are every user's first request: a database read and a full signature
# check each), the service on core 0 and wrk on core 1 where taskset works. Twice, on a fresh process each: as
# shipped (no tiering delay, see Api/Api.csproj) and with the runtime's default delay put back
# (DOTNET_TC_CallCountingDelayMs=100; ten times that on one CPU). Prints requests/s and p99 per window.
#   scripts/bench-warmup.sh     env: WINDOWS (default 16), WINDOW (s, default 5), CONNECTIONS (default 32)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-env.sh
WINDOWS=${WINDOWS:-16}
WINDOW=${WINDOW:-5}

dotnet build Api -c Release >/dev/null
dotnet build bench/TokenVersioning.Benchmarks -c Release >/dev/null
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks
pin_cores

for variant in shipped default-delay; do
  mkdir -p "$work/$variant"
  "$bench" seed "$work/$variant.db" "$USERS" "$work/$variant" >/dev/null
  extra=(); [ "$variant" = default-delay ] && extra=(DOTNET_TC_CallCountingDelayMs=100)
  start_ours "$variant" 5701 "$work/$variant.db" "$work/$variant" "${extra[@]}"
  line="$variant:"
  for window in $(seq 1 "$WINDOWS"); do
    out=$($WRK_PREFIX wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WINDOW}s" --latency -s bench/me.lua http://127.0.0.1:5701 -- "$work/$variant/ours.txt")
    line="$line $(awk '/Requests\/sec/ {r=$2} $1 == "99%" {l=$2} END {printf "%.0f (p99 %s)", r, l}' <<<"$out")"
  done
  kill "${pid[$variant]}"; wait "${pid[$variant]}" 2>/dev/null || true
  echo "$line"
done
echo "(windows of ${WINDOW}s, wrk -t$WRK_THREADS -c$CONNECTIONS${WRK_PREFIX:+, $WRK_PREFIX; the service on core 0}, $USERS users, $(nproc) cores)"
