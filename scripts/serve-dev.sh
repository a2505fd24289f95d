#!/usr/bin/env bash
# Starts the built service (Release) in Development on a throwaway SQLite database, for the document checks.
#   scripts/serve-dev.sh start PORT    prints the URL once it answers
#   scripts/serve-dev.sh admin PORT    prints the demo admin's email and password (from the start-up lines)
#   scripts/serve-dev.sh stop PORT
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-start.sh
PORT=${2:-5095}
dir=/tmp/tokenversioning-dev-$PORT
case "${1:-}" in
  start)
    "$0" stop "$PORT"
    rm -rf "$dir" # a fresh database each time, so the demo admin is created (and printed) again
    mkdir -p "$dir"
    ASPNETCORE_ENVIRONMENT=Development OpenApi__Enabled=true \
      ConnectionStrings__TokenVersioning="Data Source=$dir/dev.db" \
      nohup dotnet Api/bin/Release/net10.0/TokenVersioning.Api.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$dir" >"$dir/service.log" 2>&1 &
    echo $! >"$dir/pid"
    wait_for "http://127.0.0.1:$PORT/health/live" "the service" "$dir/service.log"
    echo "http://127.0.0.1:$PORT"
    ;;
  admin)
    for _ in $(seq 1 50); do grep -q '^password:' "$dir/service.log" && break; sleep 0.1; done
    echo "$(sed -n 's/^email: *//p' "$dir/service.log" | head -n 1) $(sed -n 's/^password: *//p' "$dir/service.log" | head -n 1)"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; rm -f "$dir/pid"; fi
    ;;
  *) echo "usage: $0 start|admin|stop PORT" >&2; exit 2 ;;
esac
