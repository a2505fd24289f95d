#!/usr/bin/env bash
# The hot-path benchmarks (BenchmarkDotNet) and the memory measurement, with the Redis and PostgreSQL servers
# their baselines need, started here and stopped afterwards.
#   scripts/bench.sh [hotpath|memory|all] [BenchmarkDotNet filter...]     default: all, every row
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
shift || true
filter=("$@")
[ ${#filter[@]} -gt 0 ] || filter=('*HotPathBenchmarks*')
trap './scripts/redis.sh stop; ./scripts/postgres.sh stop >/dev/null 2>&1' EXIT

dotnet build bench/TokenVersioning.Benchmarks -c Release >/dev/null
BENCH_REDIS=$(./scripts/redis.sh start)
BENCH_POSTGRES=$(./scripts/postgres.sh start)
export BENCH_REDIS BENCH_POSTGRES
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks

if [ "$what" = hotpath ] || [ "$what" = all ]; then
  (cd bench && "../$bench" --filter "${filter[@]}" --artifacts BenchmarkDotNet.Artifacts)
fi
if [ "$what" = memory ] || [ "$what" = all ]; then
  "$bench" memory
fi
