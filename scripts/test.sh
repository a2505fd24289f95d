#!/usr/bin/env bash
# Runs the whole test suite, the one command a newcomer and CI both use:
#   1. on SQLite (always), all but the cluster tests, with the nginx tests (the shipped gateway and load-balancer
#      configurations in Debian's nginx, installed if missing, in front of the service as a process), the
#      start-up tests of the service as a process (the README's production command run as written) and the
#      console tests (Playwright driving Debian's chromium, installed if missing, headless);
#   2. on PostgreSQL: installs it from Debian's packages if missing, starts a throwaway cluster on loopback,
#      runs the same suite against it (the resource-server package against the service as a process included,
#      with the service's database cut under it), plus the cluster tests (several nodes on PostgreSQL and Redis; Redis is
#      installed from Debian's packages if missing, and each test starts and stops a redis-server of its own),
#      and stops the cluster again;
#   3. on SQL Server when TEST_SQLSERVER holds a connection string (no SQL Server can run on these machines).
#   4. the OpenAPI document through Redocly CLI, /docs in headless chromium, a real OAuth client library
#      (oauth4webapi) discovering, introspecting and revoking, and a client generated from the document
#      (openapi-typescript, compiled by tsc) run against the service (scripts/openapi-lint.sh, scripts/docs-check.sh,
#      scripts/oauth-client-check.sh, scripts/typed-client-check.sh; npm and Debian's chromium, installed when
#      missing), one test each.
# Prints a closing line "N passed, N failed[, N skipped]" and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
status=0
trap 'rm -f "$log"; ./scripts/postgres.sh stop >/dev/null 2>&1' EXIT

run_suite() {
  echo "==== Test suite on $1 ===="
  TEST_DB_PROVIDER=$1 dotnet test TokenVersioning.sln --configuration Release --no-build ${2:+--filter "$2"} 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}

if ! dotnet build TokenVersioning.sln --configuration Release 2>&1 | tee -a "$log"; then
  echo "0 passed, 1 failed"
  exit 1
fi
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "0 passed, 1 failed"; exit 1; }
# The README's commands use 'dotnet run' (Debug): built here once, so that the test that runs them as written
# measures the service starting, not a compilation competing with the parallel tests for two cores.
if ! dotnet build Api --configuration Debug >>"$log" 2>&1; then
  echo "0 passed, 1 failed"
  exit 1
fi

# Servers the tests start and stop themselves; without them those tests fail (they never skip).
./scripts/gateway.sh install || echo "nginx could not be installed: the gateway test will fail."
./scripts/redis.sh install || echo "redis-server could not be installed: the cluster tests will fail."
(. scripts/need.sh && need chromium chromium) || echo "chromium could not be installed: the console tests will fail."

# The nginx, process and browser tests run the service on SQLite whatever the provider: once is enough.
run_suite Sqlite "Servers!=Postgres+Redis&Servers!=nginx+Postgres&Servers!=service+Postgres"

if TEST_POSTGRES=$(./scripts/postgres.sh start); then
  export TEST_POSTGRES
  run_suite Postgres "Servers!=nginx&Servers!=process&Servers!=browser"
  ./scripts/postgres.sh stop >/dev/null 2>&1
else
  echo "PostgreSQL could not be installed or started: the PostgreSQL suite did not run (counted as a failure)."
  status=1
  postgres_failed=1
fi

# Checks outside xunit, each counted as one test: the OpenAPI document through a real validator (Redocly CLI
# from npm), the API reference page in Debian's headless chromium with no network beyond loopback, and a
# standard OAuth client library (oauth4webapi from npm) configured with nothing but the issuer, and a typed client
# generated from the document and compiled with tsc --strict.
extra_passed=0
extra_failed=0
for check in openapi-lint docs-check oauth-client-check typed-client-check; do
  echo "==== $check ===="
  if ./scripts/$check.sh 2>&1 | tee -a "$log"; then extra_passed=$((extra_passed + 1)); else extra_failed=$((extra_failed + 1)); status=1; fi
done

if [ -n "${TEST_SQLSERVER:-}" ]; then
  run_suite SqlServer
else
  echo "SQL Server suite: skipped (TEST_SQLSERVER is not set; see docs/databases.md to run it against a real server)."
fi

# One "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c, Total: d" line per test run.
read -r failed passed skipped < <(
  sed -nE 's/^[[:space:]]*(Passed|Failed)!.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+), Skipped:[[:space:]]*([0-9]+).*/\2 \3 \4/p' "$log" |
    awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')
failed=$((failed + ${postgres_failed:-0} + extra_failed))
passed=$((passed + extra_passed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed before its tests could report
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
