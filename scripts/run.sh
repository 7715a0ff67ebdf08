#!/usr/bin/env bash
# Builds the app in release mode and starts the portal at http://127.0.0.1:8080 with demo data
# in a SQLite file under data/ (created and migrated on first start). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
scripts/build.sh
exec target/server/guichet-server --listen "${GUICHET_LISTEN:-127.0.0.1:8080}" --dist dist --data-dir "${GUICHET_DATA_DIR:-data}" --demo "$@"
