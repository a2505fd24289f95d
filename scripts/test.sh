#!/usr/bin/env bash
# Runs the whole test suite, the one command a newcomer and CI both use.
# Prints a closing line "N passed, N failed[, N skipped]" and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test TokenVersioning.sln --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c, Total: d" line per test assembly.
read -r failed passed skipped < <(
  sed -nE 's/^[[:space:]]*(Passed|Failed)!.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+), Skipped:[[:space:]]*([0-9]+).*/\2 \3 \4/p' "$log" |
    awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
