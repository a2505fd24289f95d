#!/usr/bin/env bash
# Ours against the peers a team would install instead, in one script (bench/peers/ and the baselines):
#   ours        the service, GET /api/users/me           verify   the same service, GET /api/auth/verify
#   identity    ASP.NET Core Identity, MapIdentityApi bearer tokens, GET /me (bench/peers/IdentityPeer)
#   jwt-redis   jwt-redis 7 on Node.js with a real redis-server: a Redis lookup per request (bench/peers/jwt-redis)
#   openiddict-jwt  OpenIddict 7.8, JWT access tokens validated locally (bench/peers/OpenIddictPeer --Mode=Jwt)
#   openiddict-ref  OpenIddict 7.8, reference tokens with token-entry validation: a database read per request
#   stateless   stock JwtBearer, one fixed key            dblookup JwtBearer + a database read of the version per request
#   floor-kestrel, floor-node   no token check at all: a constant body from Kestrel (BaselineApi) and from
#               Node.js's http server (the jwt-redis peer): the ceiling of each stack on this machine
# 10,000 users, each with its own token; the server on core 0 and wrk on core 1 where taskset works; interleaved
# rounds; then, per variant, whether a token is refused on the very next request after its logout (or
# revocation), and after what delay on a second instance sharing the store. Prints one table.
#   scripts/bench-peers.sh     env: DURATION (s, default 10), WARMUP (s, default 40), CONNECTIONS (default 32), ROUNDS (default 3)
# The warm-up is 40 s per variant: on one core, the runtime's dynamic PGO is still recompiling hot code 20-25 s
# into the load (docs/performance.md, section 10), in every .NET variant.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-40}
. scripts/bench-env.sh
trap 'cleanup; TV_REDIS_PORT=56399 ./scripts/redis.sh stop' EXIT

need jq jq
need sqlite3 sqlite3
dotnet build TokenVersioning.sln -c Release >/dev/null
for peer in IdentityPeer OpenIddictPeer; do dotnet build "bench/peers/$peer" -c Release >/dev/null; done
bench=bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks
identity=bench/peers/IdentityPeer/bin/Release/net10.0/TokenVersioning.Peers.Identity.dll
openiddict=bench/peers/OpenIddictPeer/bin/Release/net10.0/TokenVersioning.Peers.OpenIddict.dll
baseline=bench/BaselineApi/bin/Release/net10.0/TokenVersioning.BaselineApi.dll
pin_cores

tools=.tools/jwt-redis
if [ ! -f "$tools/node_modules/jwt-redis/package.json" ]; then
  mkdir -p "$tools" && cp bench/peers/jwt-redis/package.json "$tools/" && (cd "$tools" && npm install --silent --no-audit --no-fund >/dev/null)
fi
cp bench/peers/jwt-redis/server.js "$tools/"
redis=$(TV_REDIS_PORT=56399 ./scripts/redis.sh start)
"$bench" seed "$work/bench.db" "$USERS" "$work" >/dev/null
dotnet "$identity" seed "$work/identity.db" "$USERS" "$work/identity-emails.txt" >/dev/null
for mode in jwt ref; do dotnet "$openiddict" seed "$work/openiddict-$mode.db" >/dev/null; done

admin=(Bootstrap__AdminEmail=bench-admin@example.com "Bootstrap__AdminPassword=bench admin password")
start_ours ours 5601 "$work/bench.db" "$work" "${admin[@]}"
start_ours ours-b 5611 "$work/bench.db" "$work" "${admin[@]}"
export ConnectionStrings__TokenVersioning="Data Source=$work/bench.db"
start stateless 5602 /orders dotnet "$baseline" --Mode=Stateless
start dblookup 5603 /orders dotnet "$baseline" --Mode=DbLookup
start dblookup-b 5613 /orders dotnet "$baseline" --Mode=DbLookup
start identity 5604 / dotnet "$identity" --ConnectionStrings:Peer="Data Source=$work/identity.db" --KeysDirectory="$work/identity-keys"
start identity-b 5614 / dotnet "$identity" --ConnectionStrings:Peer="Data Source=$work/identity.db" --KeysDirectory="$work/identity-keys"
"$bench" peer-logins http://127.0.0.1:5604 /login "$work/identity-emails.txt" Bench-peer-password-1 "$work/identity.txt" >/dev/null
peer_password=peer-bench-password
awk -v p="$peer_password" '{print $1 " " p}' "$work/identity-emails.txt" >"$work/peer-users.txt"
start jwt-redis 5605 / node "$tools/server.js" 5605 "redis://$redis" "$work/peer-users.txt"
start jwt-redis-b 5615 / node "$tools/server.js" 5615 "redis://$redis" "$work/peer-users.txt"
"$bench" peer-logins http://127.0.0.1:5605 /login "$work/identity-emails.txt" "$peer_password" "$work/jwt-redis.txt" >/dev/null
declare -A oiport=([jwt]=5606 [ref]=5607) oimode=([jwt]=Jwt [ref]=Reference)
for mode in jwt ref; do # the second instance starts after the first has made the shared development certificates
  for instance in "" -b; do
    start "openiddict-$mode$instance" $((oiport[$mode] + ${instance:+1}0)) / dotnet "$openiddict" --Mode="${oimode[$mode]}" \
      --ConnectionStrings:Peer="Data Source=$work/openiddict-$mode.db" --Users="$work/peer-users.txt"
  done
  "$bench" peer-logins "http://127.0.0.1:${oiport[$mode]}" /connect/token "$work/identity-emails.txt" "$peer_password" "$work/openiddict-$mode.txt" bench >/dev/null
done

declare -A port=([ours]=5601 [verify]=5601 [identity]=5604 [jwt-redis]=5605 [openiddict-jwt]=5606 [openiddict-ref]=5607 [stateless]=5602 [dblookup]=5603
  [floor-kestrel]=5602 [floor-node]=5605)
declare -A tokens=([ours]=ours.txt [verify]=ours.txt [identity]=identity.txt [jwt-redis]=jwt-redis.txt [openiddict-jwt]=openiddict-jwt.txt
  [openiddict-ref]=openiddict-ref.txt [stateless]=baseline.txt [dblookup]=baseline.txt [floor-kestrel]=baseline.txt [floor-node]=jwt-redis.txt)
declare -A path=([ours]=/api/users/me [verify]=/api/auth/verify [identity]=/me [jwt-redis]=/me [openiddict-jwt]=/me [openiddict-ref]=/me
  [stateless]=/api/users/me [dblookup]=/api/users/me [floor-kestrel]=/api/floor [floor-node]=/floor)
variants="ours verify identity jwt-redis openiddict-jwt openiddict-ref stateless dblookup floor-kestrel floor-node"
. scripts/wrk-rounds.sh
wrk_rounds

# Resident memory after every user made a request (the warm-up and rounds cycled through all tokens).
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
declare -A memory=([verify]=$(rss "${pid[ours]}"))
for name in $variants; do [ -n "${pid[$name]:-}" ] && memory[$name]=$(rss "${pid[$name]}"); done
memory[floor-kestrel]="(stateless's process)"; memory[floor-node]="(jwt-redis's process)"

# Revocation: log a fresh user in, use the token on both instances, revoke, then ask A once and poll B.
code() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$2"; }
poll() { # token url -> seconds until refused, or "still accepted after 10 s"
  local start=$(date +%s.%N)
  for _ in $(seq 1 2000); do
    [ "$(code "$1" "$2")" = 401 ] && { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f ms", (e-s)*1000}'; return; }
    awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {exit !((e-s) > 10)}' && { echo "still accepted after 10 s"; return; }
    sleep 0.005
  done
}
declare -A next second
# revoked NAME TOKEN URL_A URL_B REVOKE...: the token is used on B, REVOKE runs, then A is asked once and B polled.
revoked() {
  local name=$1 t=$2 a=$3 b=$4; shift 4
  code "$t" "$b" >/dev/null
  "$@" >/dev/null
  next[$name]=$([ "$(code "$t" "$a")" = 401 ] && echo yes || echo no)
  second[$name]=$(poll "$t" "$b")
}
login_json() { curl -s -X POST "$1" -H 'Content-Type: application/json' -d "{\"email\":\"$2\",\"password\":\"$3\"}" | jq -r .accessToken; }
for name in ours verify; do
  t=$(login_json http://127.0.0.1:5601/api/auth/login bench-admin@example.com "bench admin password")
  revoked $name "$t" "http://127.0.0.1:5601${path[$name]}" "http://127.0.0.1:5611${path[$name]}" \
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $t" http://127.0.0.1:5601/api/auth/logout
done
t=$(login_json http://127.0.0.1:5604/login peer1@example.com Bench-peer-password-1)
revoked identity "$t" http://127.0.0.1:5604/me http://127.0.0.1:5614/me curl -s -o /dev/null -X POST -H "Authorization: Bearer $t" http://127.0.0.1:5604/logout
t=$(login_json http://127.0.0.1:5605/login peer1@example.com "$peer_password")
revoked jwt-redis "$t" http://127.0.0.1:5605/me http://127.0.0.1:5615/me curl -s -o /dev/null -X POST -H "Authorization: Bearer $t" http://127.0.0.1:5605/logout
for mode in jwt ref; do # RFC 7009 revocation of the access token itself
  a="http://127.0.0.1:${oiport[$mode]}"
  t=$(curl -s -X POST "$a/connect/token" -d grant_type=password -d username=peer1@example.com -d "password=$peer_password" -d client_id=bench | jq -r .access_token)
  revoked "openiddict-$mode" "$t" "$a/me" "http://127.0.0.1:$((oiport[$mode] + 10))/me" curl -s -X POST "$a/connect/revoke" -d "token=$t" -d client_id=bench
done
next[stateless]="no (nothing to revoke with)"; second[stateless]="never"
for name in floor-kestrel floor-node; do next[$name]="no token checked"; second[$name]="-"; done
# The per-request lookup reads the version our service keeps: revoke through it, ask both lookup instances.
t=$(sed -n 2p "$work/baseline.txt")
payload=$(cut -d. -f2 <<<"$t" | tr '_-' '/+'); while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload="$payload="; done
user=$(base64 -d <<<"$payload" | jq -r .sub)
revoked dblookup "$t" http://127.0.0.1:5603/api/users/me http://127.0.0.1:5613/api/users/me \
  sqlite3 "$work/bench.db" "UPDATE Users SET TokenVersion = TokenVersion + 1 WHERE lower(Id) = lower('$user');"

o=$(mean "${rps[ours]}")
echo
echo "| variant | requests/s (mean of $ROUNDS) | p50 per round | p99 per round | ours ÷ this | resident MB | refused on the next request after logout | on a second instance |"
echo "|---|---:|---|---|---:|---:|---|---|"
for name in $variants; do
  m=$(mean "${rps[$name]}")
  echo "| $name | $m |${p50[$name]} |${p99[$name]} | $(ratio "$o" "$m") | ${memory[$name]} | ${next[$name]} | ${second[$name]} |"
done
echo "(wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s${WRK_PREFIX:+, $WRK_PREFIX; servers on core 0}, $USERS users, $(nproc) cores)"
