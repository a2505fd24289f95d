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
chromium "${flags[@]}" --dump-dom "$url/docs/" 2>/dev/null >TestResults/docs.html
chromium "${flags[@]}" --screenshot="$PWD/TestResults/docs.png" "$url/docs/" >/dev/null 2>&1
rm -rf "$profile"
# Scalar renders the first group of operations at once and the others as sidebar groups.
for operation in "Change Password" "/api/users/me/password" "RevocationEvents" "OAuth" "Admin"; do
  grep -q "$operation" TestResults/docs.html || { echo "/docs did not render the operation '$operation' (see TestResults/docs.html)"; exit 1; }
done
[ -s TestResults/docs.png ] || { echo "no screenshot was taken"; exit 1; }
echo "/docs rendered its operations offline; screenshot: TestResults/docs.png"
