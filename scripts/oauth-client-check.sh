#!/usr/bin/env bash
# A real OAuth client library against the service: oauth4webapi (npm, installed under .tools/ when missing) with
# only the issuer URL and an API client's credentials (scripts/oauth-client/check.mjs). The service runs in
# Development on loopback, where its issuer is its own URL.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=5098
tools=.tools/oauth4webapi
if [ ! -f "$tools/node_modules/oauth4webapi/package.json" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund oauth4webapi@3.8.8 >/dev/null)
fi
trap './scripts/serve-dev.sh stop $PORT' EXIT
url=$(./scripts/serve-dev.sh start $PORT)
read -r admin_email admin_password < <(./scripts/serve-dev.sh admin $PORT)

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }
post() { curl -fs -X POST "$url$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} -d "$2"; }

admin=$(post /api/auth/login "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | json accessToken)
created=$(post /api/admin/clients '{"name":"oauth4webapi check"}' "$admin")
email="oauth-$RANDOM$RANDOM@example.com"
post /api/auth/register "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" >/dev/null
login() { post /api/auth/login "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"deviceName\":\"$1\"}"; }
first=$(login first)
revoked=$(echo "$first" | json accessToken)
curl -fs -X POST "$url/api/auth/logout-all" -H "Authorization: Bearer $revoked"
second=$(login second)

# Run from beside its node_modules, so that the import finds the library.
cp scripts/oauth-client/check.mjs "$tools/"
(cd "$tools" && node check.mjs "$url" "$(echo "$created" | json clientId)" "$(echo "$created" | json clientSecret)" \
  "$(echo "$second" | json accessToken)" "$(echo "$second" | json refreshToken)" "$revoked")
