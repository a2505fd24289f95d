# Sourced by the benchmark scripts: the one way they start a server and wait for it. Expects $work (a scratch
# directory); fills pids (every process started, for the clean-up) and pid (by name).
declare -A pid
pids=()
server=() # a prefix for the servers' commands, e.g. (taskset -c 0)
# start NAME PORT READY_PATH COMMAND...: runs COMMAND --urls http://127.0.0.1:PORT (under ${server[@]}), its output in
# $work/NAME.log and its pid in pid[NAME]; returns once READY_PATH answers at all, and stops the script, showing
# the log, when it has not after 30 s.
start() {
  local name=$1 port=$2 ready=$3; shift 3
  "${server[@]}" "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!); pid[$name]=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port$ready" && return; sleep 0.2; done
  echo "$name did not start on port $port:" >&2; cat "$work/$name.log" >&2; exit 1
}
