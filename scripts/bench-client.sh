#!/usr/bin/env bash
# The resource-server package (Client/), measured in one script against its baselines:
#   1. HTTP: GET /orders of samples/ResourceServer (the package, 10,000 users' tokens from the service, each
#      verdict cached after its first request) against the same route behind stock JwtBearer (bench/BaselineApi,
#      one fixed key, no revocation), wrk rounds interleaved;
#   2. revocation: from the service's logout-all response to the first refusal at a resource server (300 trials);
#   3. memory: managed heap per cached verdict at 100,000 verdicts;
#   4. BenchmarkDotNet: the package's handler on a cached verdict against JwtBearer's on a comparable token.
#   scripts/bench-client.sh     env: DURATION (s, default 10), WARMUP (s, default 10), CONNECTIONS (default 32), ROUNDS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-env.sh
ADMIN_EMAIL=bench-admin@example.com
ADMIN_PASSWORD='bench admin password'

need jq jq
dotnet build TokenVersioning.sln -c Release >/dev/null
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks
"$bench" seed "$work/bench.db" "$USERS" "$work"

start_ours service 5401 "$work/bench.db" "$work" "Bootstrap__AdminEmail=$ADMIN_EMAIL" "Bootstrap__AdminPassword=$ADMIN_PASSWORD"

admin=$(curl -s -X POST http://127.0.0.1:5401/api/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .accessToken)
client=$(curl -s -X POST http://127.0.0.1:5401/api/admin/clients -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"name":"bench-sample"}')

start package 5402 / env TokenVersioning__Authority=http://127.0.0.1:5401 "TokenVersioning__ClientId=$(jq -r .clientId <<<"$client")" \
  "TokenVersioning__ClientSecret=$(jq -r .clientSecret <<<"$client")" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet samples/ResourceServer/bin/Release/net10.0/TokenVersioning.ResourceServer.dll
start jwtbearer 5403 /orders env "ConnectionStrings__TokenVersioning=Data Source=$work/bench.db" \
  dotnet bench/BaselineApi/bin/Release/net10.0/TokenVersioning.BaselineApi.dll --Mode=Stateless

declare -A port=([package]=5402 [jwtbearer]=5403)
declare -A tokens=([package]=ours.txt [jwtbearer]=baseline.txt)
declare -A path=([package]=/orders [jwtbearer]=/orders)
variants="package jwtbearer"
. scripts/wrk-rounds.sh
wrk_rounds
p=$(mean "${rps[package]}"); j=$(mean "${rps[jwtbearer]}")
echo
echo "| variant | requests/s (mean of $ROUNDS) | p99 per round |"
echo "|---|---:|---|"
for name in $variants; do echo "| $name | $(mean "${rps[$name]}") |${p99[$name]} |"; done
echo "package / stock JwtBearer, GET /orders = $(ratio "$p" "$j") (target >= 0.95)"
echo "(wrk -t2 -c$CONNECTIONS -d${DURATION}s, $USERS users, servers and load generator share $(nproc) cores)"
echo
status=0
echo "-- revocation: the service's response -> the resource server's first refusal --"
"$bench" client-latency http://127.0.0.1:5401 "$ADMIN_EMAIL" "$ADMIN_PASSWORD" 300 || status=1
echo "-- memory per cached verdict --"
"$bench" client-memory 100000 || status=1
echo "-- BenchmarkDotNet: the handler on a cached verdict --"
"$bench" --filter '*ClientBenchmarks*' 2>&1 | grep -E '^\|' || status=1
exit $status
