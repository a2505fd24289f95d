# Sourced by the HTTP benchmarks: wrk over each variant, warm-up first, then ROUNDS interleaved rounds.
# Expects: variants (names), and the associative arrays port, tokens (file under $work) and path, by name;
# fills rps, p50 and p99 (space-separated per round) and defines mean. WRK_PREFIX (e.g. "taskset -c 1") and
# WRK_THREADS (default 2) say where and how wrk runs.
declare -A rps p99 p50
mean() { tr ' ' '\n' <<<"$1" | awk 'NF {s+=$1; n++} END {printf "%.0f", s/n}'; }
wrk_rounds() {
  local name t code out r l round
  for name in $variants; do # correctness and warm-up
    t=$(head -1 "$work/${tokens[$name]}")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" "http://127.0.0.1:${port[$name]}${path[$name]}")
    [[ "$code" = 200 || "$code" = 204 ]] || { echo "$name answered $code to a valid token"; tail -30 "$work/$name.log"; exit 1; }
    ${WRK_PREFIX:-} wrk -t"${WRK_THREADS:-2}" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/me.lua "http://127.0.0.1:${port[$name]}" -- "$work/${tokens[$name]}" "${path[$name]}" >/dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    for name in $variants; do
      out=$(${WRK_PREFIX:-} wrk -t"${WRK_THREADS:-2}" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/me.lua "http://127.0.0.1:${port[$name]}" -- "$work/${tokens[$name]}" "${path[$name]}")
      if grep -q "Non-2xx" <<<"$out"; then echo "$name answered errors:"; echo "$out"; exit 1; fi
      r=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      l=$(awk '$1 == "99%" {print $2}' <<<"$out")
      p50[$name]="${p50[$name]:-} $(awk '$1 == "50%" {print $2}' <<<"$out")"
      echo "round $round  $name: $r requests/s, p99 $l"
      rps[$name]="${rps[$name]:-} $r"
      p99[$name]="${p99[$name]:-} $l"
    done
  done
}
