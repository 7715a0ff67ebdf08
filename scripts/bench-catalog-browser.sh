#!/usr/bin/env bash
# The offline catalog in headless Chromium, beside FlexSearch: a benchmark that prints a table
# (not a test; scripts/test.sh does not run it).
#
#   scripts/bench-catalog-browser.sh [ENTRIES]      # default 100000
#
# Generates ENTRIES catalog entries into a fresh database (the same generator and seed as the
# native bench), starts the release server on it, and runs end2end/bench/catalog-browser.mjs,
# which keeps the catalog in the real app (the download, as the server sends it), then times
# the catalog worker's wasm index and the same queries through FlexSearch on the same entries.
# Expects a release build (scripts/build.sh). Uses /usr/bin/chromium (CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
entries="${1:-100000}"
port="${GUICHET_BENCH_PORT:-8197}"
target="${CARGO_TARGET_DIR:-target}"
server="${GUICHET_SERVER_BIN:-$target/server/guichet-server}"
[ -x "$server" ] || { echo "bench: $server is missing: run scripts/build.sh" >&2; exit 1; }
[ -f dist/disclosure/index.html ] || { echo "bench: dist/ is missing: run scripts/build.sh" >&2; exit 1; }

# GUICHET_BENCH_DATA=DIR keeps the generated catalog in DIR and reuses it on the next run
# (generating 100,000 entries takes minutes on a busy machine).
data="${GUICHET_BENCH_DATA:-$(mktemp -d -t guichet-catalog-bench-XXXXXX)}"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "${GUICHET_BENCH_DATA:-}" ] || rm -rf "$data"
}
trap cleanup EXIT INT TERM

if [ ! -f "$data/guichet.db" ]; then
  cargo build --quiet --locked --profile server -p guichet-server --example generate_catalog
  RUST_LOG=warn "$target/server/examples/generate_catalog" --data-dir "$data" --entries "$entries"
fi
RUST_LOG=warn "$server" --listen "127.0.0.1:$port" --dist dist --data-dir "$data" &
pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.1
done
# The machine's load before and after: other work on the machine shows in every number.
echo "load before: $(uptime)"
(cd end2end && GUICHET_BENCH_URL="http://127.0.0.1:$port" GUICHET_BENCH_ENTRIES="$entries" \
  node bench/catalog-browser.mjs)
echo "load after: $(uptime)"
