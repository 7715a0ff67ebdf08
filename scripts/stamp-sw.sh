#!/usr/bin/env bash
# Run once by scripts/build.sh after the LAST Trunk build (every citizen bundle is in dist/):
# stamps dist/sw.js with a build version derived from the contents of every citizen bundle's
# files (Trunk's own file hashes are taken before wasm-opt, so they cannot serve as the cache
# version) and with the list of files to precache, then precompresses it.
# The staff desk (dist/staff) is another app, never cached by the citizens' worker.
# Idempotent: it always starts again from public/sw.js.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
[ -f "$dist/index.html" ] || { echo "stamp-sw: $dist/index.html is missing: build the app first" >&2; exit 1; }
cp public/sw.js "$dist/sw.js"
cd "$dist"

# Everything the bundles need offline: every bundle's index.html, css, js, wasm (the catalog
# worker included), the manifest and icons; not the worker itself, nor compressed copies, nor
# the empty lock files Trunk leaves behind.
mapfile -t files < <(find . -type f ! -path './staff/*' ! -name 'sw.js' ! -name '.trunk-lock' ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)
# Each file with the first 16 hex digits of its content's SHA-256: the worker copies a file whose
# hash has not changed from the cache of the version before instead of downloading it again.
sums=$(for f in "${files[@]}"; do sha256sum "$f"; done)
version=$(printf '%s\n' "$sums" | sha256sum | cut -c1-16)
precache=$(printf '%s\n' "$sums" | while read -r sum path; do printf '"/%s": "%s", ' "$path" "${sum:0:16}"; done)
precache="${precache%, }"
sed -i -e "s|__GUICHET_BUILD_VERSION__|$version|" -e "s|__GUICHET_PRECACHE__: ''|$precache|" sw.js
gzip -9 -k -f -n sw.js
if command -v brotli >/dev/null; then brotli -q 11 -k -f sw.js; fi
bundles=$(find . -name index.html ! -path './staff/*' | wc -l | tr -d ' ')
echo "stamp-sw: service worker version $version, ${#files[@]} files precached ($bundles bundle documents)"
