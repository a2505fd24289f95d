#!/usr/bin/env bash
# nginx in front of a stand-in upstream, protected by TokenVersioning's gateway check (deploy/nginx-gateway.conf).
#   scripts/gateway.sh install                 installs nginx from Debian's packages when missing
#   scripts/gateway.sh start SERVICE_URL [PORT [UPSTREAM_PORT]]
#                                               starts nginx on PORT (default 5200) with the stand-in upstream on
#                                               UPSTREAM_PORT (default PORT + 1), prints its URL
#   scripts/gateway.sh stop [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${2:-${TV_GATEWAY_PORT:-5200}}

. scripts/need.sh
. scripts/service-start.sh

# Debian starts a system nginx on port 80 after installing it; nothing here uses it.
install() {
  need nginx nginx 'systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true'
}

case "${1:-}" in
  install)
    install
    ;;
  start)
    [ -n "${2:-}" ] || { echo "usage: $0 start SERVICE_URL [PORT]" >&2; exit 2; }
    PORT=${3:-${TV_GATEWAY_PORT:-5200}}
    UPSTREAM_PORT=${4:-$((PORT + 1))}
    install
    dir=/tmp/tokenversioning-gateway-$PORT
    "$0" stop "$PORT"
    mkdir -p "$dir"
    address=${2#*://}
    address=${address%%/*}
    sed -e "s|@SERVICE_ADDRESS@|$address|g" -e "s|@PORT@|$PORT|" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|" -e "s|@DIR@|$dir|g" \
      deploy/nginx-gateway.conf >"$dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -p "$dir" >&2
    WAIT_ANY_ANSWER=1 wait_for "http://127.0.0.1:$UPSTREAM_PORT/" "nginx (the gateway's upstream port)" "$dir/error.log"
    echo "http://127.0.0.1:$PORT"
    ;;
  stop)
    dir=/tmp/tokenversioning-gateway-$PORT
    if [ -f "$dir/nginx.pid" ]; then kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true; rm -f "$dir/nginx.pid"; fi
    ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
