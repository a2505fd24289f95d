#!/usr/bin/env bash
# Loads the API reference (/docs) in Debian's headless chromium with every host but loopback unresolvable, checks
# that the page rendered the operations, and saves a screenshot to TestResults/docs.png.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=5097
. scripts/need.sh
need chromium chromium
trap './scripts/serve-dev.sh stop $PORT' EXIT
url=$(./scripts/serve-dev.sh start $PORT)
mkdir -p TestResults
profile=$(mktemp -d)
# Nothing but 127.0.0.1 resolves: a page that needs the internet cannot render.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1280,1600
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" --virtual-time-budget=15000)
chromium "${flags[@]}" --log-net-log="$profile/net.json" --dump-dom "$url/docs/" 2>/dev/null >TestResults/docs.html
chromium "${flags[@]}" --screenshot="$PWD/TestResults/docs.png" "$url/docs/" >/dev/null 2>&1
# Every request the page made, from chromium's own network log: none may leave loopback (the resolver rule above
# makes such a request fail, but the page must not even try).
grep -o '"url":"[^"]*"' "$profile/net.json" | sed 's/^"url":"//; s/"$//' | sort -u >TestResults/docs-requests.txt
# Chromium's own background calls (clock, component updates, account check) are the browser's, not the page's.
browser='^https?://(clients2\.google\.com/time/|update\.googleapis\.com/service/update2/|accounts\.google\.com/ListAccounts)'
outside=$(grep -Ev '^(https?|wss?)://127\.0\.0\.1[:/]|^(data|blob|chrome|about|chrome-extension):' TestResults/docs-requests.txt | grep -Ev "$browser" || true)
rm -rf "$profile"
if [ -n "$outside" ]; then echo "/docs requested hosts beyond loopback:"; echo "$outside"; exit 1; fi
# Scalar renders the first group of operations at once and the others as sidebar groups.
for operation in "Log in on a device" "/api/auth/login" "Users" "Events" "OAuth" "Admin"; do
  grep -q "$operation" TestResults/docs.html || { echo "/docs did not render the operation '$operation' (see TestResults/docs.html)"; exit 1; }
done
[ -s TestResults/docs.png ] || { echo "no screenshot was taken"; exit 1; }
# No button that needs Scalar's cloud, and request URLs without a doubled slash.
for cloud in "Ask AI" "Deploy" "Generate SDK" "Developer Tools" "//api/"; do
  if grep -q "$cloud" TestResults/docs.html; then echo "/docs shows '$cloud' (see TestResults/docs.html)"; exit 1; fi
done
echo "/docs rendered its operations offline ($(wc -l <TestResults/docs-requests.txt) distinct requests, the page's all on loopback); screenshot: TestResults/docs.png"
