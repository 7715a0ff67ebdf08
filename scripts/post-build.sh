#!/usr/bin/env bash
# Trunk post_build hook (runs in the staging folder's parent with TRUNK_STAGING_DIR set), for
# every Trunk build of scripts/build.sh: writes .br and .gz siblings of the bundle's text-like
# files for the server to send precompressed. The service worker is left alone here: it is
# stamped (and then compressed) once, after the last build, by scripts/stamp-sw.sh, so that
# its version and precache list cover every bundle.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?TRUNK_STAGING_DIR is not set: run this through trunk}"
cd "$dir"

# Precompress text-like assets. Brotli is optional on a developer's machine without it.
while IFS= read -r -d '' f; do
  gzip -9 -k -f -n "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done < <(find . -type f ! -name 'sw.js' \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.webmanifest' -o -name '*.svg' -o -name '*.json' \) -print0)
