#!/usr/bin/env bash
# Trunk post_build hook (runs in the staging folder's parent with TRUNK_STAGING_DIR set).
# 1. Stamps sw.js with a build version derived from the built files' contents (Trunk's own
#    file hashes are taken before wasm-opt, so they cannot serve as the cache version), and
#    with the list of files to precache.
# 2. Writes .br and .gz siblings for the server to send precompressed.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?TRUNK_STAGING_DIR is not set: run this through trunk}"
cd "$dir"

# Everything the shell needs offline, except the worker itself and compressed copies.
mapfile -t files < <(find . -type f ! -name 'sw.js' ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in "${files[@]}"; do sha256sum "$f"; done | sha256sum | cut -c1-16)
precache=$(for f in "${files[@]}"; do printf '"/%s",' "$f"; done)
precache="${precache%,}"
# Only the citizen app has a service worker; the staff desk (built into dist/staff) has none.
if [ -f sw.js ]; then
  sed -i -e "s|__GUICHET_BUILD_VERSION__|$version|" -e "s|\"__GUICHET_PRECACHE__\"|$precache|" sw.js
fi

# Precompress text-like assets. Brotli is optional on a developer's machine without it.
while IFS= read -r -d '' f; do
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done < <(find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.webmanifest' -o -name '*.svg' -o -name '*.json' \) -print0)
if [ -f sw.js ]; then
  echo "post-build: service worker version $version, ${#files[@]} files precached"
fi
