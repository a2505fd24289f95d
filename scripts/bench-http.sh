#!/usr/bin/env bash
# HTTP throughput of GET /api/users/me with tokens of 10,000 distinct users, in one script:
#   ours       the service (Release, SQLite), token-version revocation
#   verify     the same service's gateway check, GET /api/auth/verify (204 with the X-User-* headers)
#   stateless  bench/BaselineApi with stock JwtBearer, one fixed key, no revocation
#   dblookup   bench/BaselineApi with JwtBearer plus a per-request database query of the user's version
# Each runs on loopback; wrk (Debian's package, installed when missing) loads each in turn, ROUNDS rounds
# interleaved, and the script prints requests/s, p99 latency and the ratios.
#   scripts/bench-http.sh     env: DURATION (s, default 10), WARMUP (s, default 10), CONNECTIONS (default 32), ROUNDS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-env.sh

dotnet build TokenVersioning.sln -c Release >/dev/null
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks
"$bench" seed "$work/bench.db" "$USERS" "$work"

start_ours ours 5201 "$work/bench.db" "$work"
export ConnectionStrings__TokenVersioning="Data Source=$work/bench.db"
baseline=bench/BaselineApi/bin/Release/net10.0/TokenVersioning.BaselineApi.dll
start stateless 5202 /orders dotnet "$baseline" --Mode=Stateless
start dblookup 5203 /orders dotnet "$baseline" --Mode=DbLookup

declare -A port=([ours]=5201 [verify]=5201 [stateless]=5202 [dblookup]=5203)
declare -A tokens=([ours]=ours.txt [verify]=ours.txt [stateless]=baseline.txt [dblookup]=baseline.txt)
declare -A path=([ours]=/api/users/me [verify]=/api/auth/verify [stateless]=/api/users/me [dblookup]=/api/users/me)
variants="ours verify stateless dblookup"
. scripts/wrk-rounds.sh
wrk_rounds
o=$(mean "${rps[ours]}"); v=$(mean "${rps[verify]}"); s=$(mean "${rps[stateless]}"); d=$(mean "${rps[dblookup]}")
echo
echo "| variant | requests/s (mean of $ROUNDS) | p99 per round | ours ÷ this |"
echo "|---|---:|---|---:|"
for name in $variants; do
  m=$(mean "${rps[$name]}")
  echo "| $name | $m |${p99[$name]} | $(ratio "$o" "$m") |"
done
echo
echo "ours / stateless JwtBearer = $(ratio "$o" "$s") (target >= 0.95)"
echo "ours / per-request DB lookup = $(ratio "$o" "$d") (target >= 3)"
echo "verify / ours (/me) = $(ratio "$v" "$o") (target >= 1)"
echo "(wrk -t2 -c$CONNECTIONS -d${DURATION}s, $USERS users, server and load generator share $(nproc) cores)"
