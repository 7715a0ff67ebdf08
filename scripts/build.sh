#!/usr/bin/env bash
# Release build of everything the server serves and the server itself: one Trunk build per
# bundle of the bundle map (bundles.txt), in the map's order, each into dist/ + its folder
# (the shell into dist/, the guide into dist/guide, the forms into dist/guide/apply, the desks
# into dist/staff…), then target/server/guichet-server, the entry bundles' first screens
# (scripts/first-screen.sh) and the service worker's stamp.
# Each bundle is a Trunk build of the root crate (one [[bin]] each); the server and the service
# worker answer a path with the index.html of the bundle the map gives it, so a folder the map
# names as a bundle's ALSO (/guide/receipt, the drafts bundle's) needs no copy in dist/.
# Expects the toolchain from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
source scripts/bundles.sh
# A bundle's build replaces its dist folder as a whole: the map lists a bundle after every one
# whose folder holds its own (the shell, whose build replaces dist/, first).
mapfile -t map < <(bundles)
[ ${#map[@]} -gt 0 ] || { echo "build: the bundle map lists no bundle" >&2; exit 1; }
for line in "${map[@]}"; do
  read -r name _kind source folder _also <<<"$line"
  echo "build: $name ($source → dist${folder%/}/)"
  trunk build "$source" --release --minify --dist "dist${folder%/}" --public-url "${folder%/}/"
done
cargo build --locked --profile server -p guichet-server
# The entry bundles' static first screens, rendered by the app itself (issue 16).
scripts/first-screen.sh dist
# After the last change to dist/: one service worker version for every bundle's files.
scripts/stamp-sw.sh dist
