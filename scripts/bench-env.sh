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
