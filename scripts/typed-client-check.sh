#!/usr/bin/env bash
# A typed client generated from the served OpenAPI document: openapi-typescript turns /openapi/v1.json into types,
# tsc --strict compiles scripts/typed-client/check.ts against them with openapi-fetch, and the program then runs
# against the service (npm packages installed under .tools/ when missing). A document that drifts from what the
# program uses (a path, a field, a code of an operation) fails the compilation; a service that drifts from its
# document fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=5099
tools=.tools/typed-client
if [ ! -x "$tools/node_modules/.bin/tsc" ] || [ ! -f "$tools/node_modules/openapi-fetch/package.json" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund \
    openapi-typescript@7.13.0 typescript@5.9.3 openapi-fetch@0.17.0 @types/node@20 >/dev/null)
fi
# ES modules, so that the program can await at its top level.
node -e 'const f=process.argv[1],p=require(require("path").resolve(f));p.type="module";require("fs").writeFileSync(f,JSON.stringify(p,null,2))' "$tools/package.json"

trap './scripts/serve-dev.sh stop $PORT' EXIT
url=$(./scripts/serve-dev.sh start $PORT)
read -r admin_email admin_password < <(./scripts/serve-dev.sh admin $PORT)

rm -rf "$tools/out" "$tools/api.d.ts"
curl -fs "$url/openapi/v1.json" -o "$tools/openapi.json"
"$tools/node_modules/.bin/openapi-typescript" "$tools/openapi.json" -o "$tools/api.d.ts" >/dev/null
cp scripts/typed-client/check.ts scripts/typed-client/tsconfig.json "$tools/"
"$tools/node_modules/.bin/tsc" -p "$tools"
node "$tools/out/check.js" "$url" "$admin_email" "$admin_password"
