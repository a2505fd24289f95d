# Sourced by the HTTP benchmarks: their settings (env DURATION s, WARMUP s, CONNECTIONS, ROUNDS), a scratch
# directory $work, and the processes they start (pids), all removed on exit; wrk installed when missing.
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
USERS=10000
work=$(mktemp -d)
pids=()
declare -A pid
server=() # a prefix for the servers' commands, e.g. (taskset -c 0)
# start NAME PORT READY_PATH COMMAND...: runs COMMAND --urls http://127.0.0.1:PORT (under ${server[@]}), its output in
# $work/NAME.log and its pid in pid[NAME]; returns once READY_PATH answers, and stops the script, showing the log,
# when it has not after 30 s.
start() {
  local name=$1 port=$2 ready=$3; shift 3
  "${server[@]}" "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!); pid[$name]=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port$ready" && return; sleep 0.2; done
  echo "$name did not start:"; cat "$work/$name.log"; exit 1
}
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. scripts/need.sh
need wrk wrk
