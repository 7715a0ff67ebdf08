#!/usr/bin/env bash
# Release build of everything the server serves and the server itself:
#   dist/        the citizen app (index.html), with its service worker
#   dist/staff/  the staff desk, a bundle of its own (not part of the citizens' first load)
#   target/server/guichet-server
# Expects the toolchain from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
# The citizen build replaces dist/ as a whole, so the staff desk is built after it.
trunk build --release
trunk build staff/index.html --release --dist dist/staff --public-url /staff/
cargo build --locked --profile server -p guichet-server
