#!/usr/bin/env bash
# Run by scripts/build.sh after the Trunk builds and before stamp-sw.sh: writes each citizen
# entry bundle's static first screen into its index.html (scripts/first-screen.mjs says how and
# why), then precompresses those documents again. Needs the server build and Chromium.
# Idempotent only on a fresh build: it refuses a document that already has a first screen.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
port="${FIRST_SCREEN_PORT:-8197}"
server="${GUICHET_SERVER_BIN:-${CARGO_TARGET_DIR:-target}/server/guichet-server}"
[ -x "$server" ] || { echo "first-screen: $server is missing: build it first" >&2; exit 1; }
data="$(mktemp -d -t guichet-first-screen-XXXXXX)"
"$server" --listen "127.0.0.1:$port" --dist "$dist" --data-dir "$data" > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/health" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/api/health" > /dev/null 2>&1 ||
  { echo "first-screen: the server did not start:" >&2; tail -5 "$data/server.log" >&2; exit 1; }
node scripts/first-screen.mjs "$dist" "http://127.0.0.1:$port"
# The documents it wrote (first-screen.mjs holds the list), precompressed again.
while IFS= read -r doc; do
  gzip -9 -k -f -n "$doc"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$doc"; fi
done < <(grep -l --include=index.html -r 'data-first-screen' "$dist")
