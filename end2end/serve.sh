#!/usr/bin/env bash
# Starts the server for the end-to-end tests on a fresh database in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:?usage: serve.sh PORT}"
# GUICHET_E2E_DATA_DIR (set by playwright.config.ts) lets tests change data through the server's
# CLI (`guichet-server catalog-touch`) against the same database.
data="${GUICHET_E2E_DATA_DIR:-$(mktemp -d -t guichet-e2e-XXXXXX)}"
mkdir -p "$data"
trap 'rm -rf "$data"' EXIT
server="${GUICHET_SERVER_BIN:-${CARGO_TARGET_DIR:-target}/server/guichet-server}"
[ -x "$server" ] || { echo "serve.sh: $server is missing: build it with 'cargo build --profile server -p guichet-server'" >&2; exit 1; }
# --test-clock: the lifecycle spec moves the demo server's dates (POST /api/test/clock).
# --insecure-cookie: Chromium accepts the default `__Host-` Secure session cookie on
# http://127.0.0.1, but the specs' own API sessions (`request.newContext`) keep cookies in
# Playwright's cookie store, which sends Secure cookies over plain HTTP to `localhost` only.
# --filings-per-client-per-hour: every spec files from 127.0.0.1, far more than a real client
# would in an hour (the limit itself is covered by the server's tests).
RUST_LOG="${RUST_LOG:-warn}" "$server" --listen "127.0.0.1:$port" --dist dist --data-dir "$data" --demo --test-clock --insecure-cookie \
  --filings-per-client-per-hour 10000 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT INT TERM
wait $pid
