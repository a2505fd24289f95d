# Sourced by every script that starts a server: the one way they wait for it to come up, and (for the benchmark
# scripts) the one way they start one.
#
# wait_for URL NAME [LOG]: returns once URL answers with a 2xx (with WAIT_ANY_ANSWER=1: any HTTP answer); when it
# has not after ${WAIT_SECONDS:-30} s, prints NAME's LOG (if given) and stops the calling script with status 1.
# With WAIT_PID set, it stops as soon as that process has exited (a server that failed to start).
wait_for() {
  local url=$1 name=$2 log=${3:-} deadline=$((SECONDS + ${WAIT_SECONDS:-30})) fail=-f
  [ "${WAIT_ANY_ANSWER:-0}" = 1 ] && fail=
  local why="did not answer at $url within ${WAIT_SECONDS:-30} s"
  while [ "$SECONDS" -lt "$deadline" ]; do
    curl -s $fail -o /dev/null --max-time 2 "$url" && return 0
    if [ -n "${WAIT_PID:-}" ] && ! kill -0 "$WAIT_PID" 2>/dev/null; then
      why="exited before it answered at $url"
      break
    fi
    sleep 0.2
  done
  echo "$name $why${log:+; its log ($log):}" >&2
  [ -n "$log" ] && tail -n 40 "$log" >&2
  exit 1
}

# For the benchmark scripts. Expects $work (a scratch directory); fills pids (every process started, for the
# clean-up) and pid (by name).
declare -A pid
pids=()
server=() # a prefix for the servers' commands, e.g. (taskset -c 0)
# start NAME PORT READY_PATH COMMAND...: runs COMMAND --urls http://127.0.0.1:PORT (under ${server[@]}), its output in
# $work/NAME.log and its pid in pid[NAME]; returns once READY_PATH answers at all (wait_for).
start() {
  local name=$1 port=$2 ready=$3; shift 3
  "${server[@]}" "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!); pid[$name]=$!
  WAIT_ANY_ANSWER=1 wait_for "http://127.0.0.1:$port$ready" "$name" "$work/$name.log"
}
