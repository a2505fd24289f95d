#!/usr/bin/env bash
# Validates the OpenAPI document the service generates with Redocly CLI (from npm, installed under .tools/ when
# missing), with its "recommended" rules: errors fail, warnings are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=5096
tools=.tools/redocly
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund @redocly/cli@2.77.0 >/dev/null)
fi
trap './scripts/serve-dev.sh stop $PORT' EXIT
url=$(./scripts/serve-dev.sh start $PORT)
mkdir -p TestResults
curl -fs "$url/openapi/v1.json" -o TestResults/openapi.json
printf 'extends:\n  - recommended\n' >"$tools/redocly.yaml"
"$tools/node_modules/.bin/redocly" lint TestResults/openapi.json --config "$tools/redocly.yaml" 2>&1 | grep -v "^\s*║\|^\s*╔\|^\s*╚"
