#!/usr/bin/env bash
# A throwaway Redis on loopback for the benchmarks and the cluster script.
#   scripts/redis.sh install installs redis-server from Debian's packages when missing (the tests start their own)
#   scripts/redis.sh start   installs it when missing, starts it, prints host:port
#   scripts/redis.sh stop
set -euo pipefail
PORT=${TV_REDIS_PORT:-56379}
PIDFILE=/tmp/tokenversioning-redis-$PORT.pid

. "$(dirname "$0")/need.sh"

# Debian starts a system Redis on 6379 after installing it; nothing here uses it.
install() {
  need redis-server redis-server 'systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true'
}

case "${1:-}" in
  install)
    install
    ;;
  start)
    install
    "$0" stop
    redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$PIDFILE" >&2
    for _ in $(seq 1 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && { echo "127.0.0.1:$PORT"; exit 0; }; sleep 0.1; done
    echo "redis-server did not answer on port $PORT within 10 s" >&2
    exit 1
    ;;
  stop)
    if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2>/dev/null || true; rm -f "$PIDFILE"; fi
    ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
