#!/usr/bin/env bash
# Writes the schema as SQL for a DBA who applies changes by hand (Database:MigrateOnStartup=false):
# idempotent scripts for SQL Server and PostgreSQL (safe on a database at any earlier migration); for SQLite,
# which EF cannot script idempotently, the full script from an empty database.
#   scripts/migration-sql.sh [output-folder]      default: artifacts/sql
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/sql}
mkdir -p "$out"
dotnet tool restore >/dev/null
script() {
  dotnet ef migrations script --no-color --project Infrastructure --startup-project Infrastructure \
    --context "$1AppDbContext" --output "$out/$1.sql" "${@:2}"
}
script SqlServer --idempotent
script Postgres --idempotent
script Sqlite
rm -f Infrastructure/design-time.db
ls -l "$out"
