#!/usr/bin/env bash
# Run once by scripts/build.sh after the LAST Trunk build (every citizen bundle is in dist/):
# stamps dist/sw.js with a build version derived from the contents of every citizen bundle's
# files (Trunk's own file hashes are taken before wasm-opt, so they cannot serve as the cache
# version), with the list of files to precache and with the bundle map's folders (bundles.txt:
# which bundle's index.html answers a navigation, and whether the worker handles a path at
# all), then precompresses it.
# The staff's bundles (KIND staff in the map) are another app, never cached by the citizens'
# worker.
# Idempotent: it always starts again from public/sw.js.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
[ -f "$dist/index.html" ] || { echo "stamp-sw: $dist/index.html is missing: build the app first" >&2; exit 1; }
source scripts/bundles.sh
# Each folder of the map as [folder, its bundle's index.html, precached] (the root's folder as
# '', which holds every path: the worker tries the longest first), and the staff folders left
# out of the precache.
routes=""
excluded=()
mapfile -t map < <(bundles)
[ ${#map[@]} -gt 0 ] || { echo "stamp-sw: the bundle map lists no bundle" >&2; exit 1; }
for line in "${map[@]}"; do
  read -r _name kind _source folder also <<<"$line"
  cached=false
  [ "$kind" = citizen ] && cached=true
  [ "$kind" = staff ] && excluded+=(! -path ".${folder%/}/*")
  [ "$also" = - ] && also=""
  for f in "$folder" ${also//,/ }; do
    routes+="['${f%/}', '${folder%/}/index.html', $cached], "
  done
done
routes="${routes%, }"
grep -q '/\* __GUICHET_BUNDLES__ \*/' public/sw.js || { echo "stamp-sw: public/sw.js has no place for the bundle map" >&2; exit 1; }
cp public/sw.js "$dist/sw.js"
cd "$dist"

# Everything the bundles need offline: every bundle's index.html, css, js, wasm (the catalog
# worker included), the manifest and icons; not the worker itself, nor compressed copies, nor
# the empty lock files Trunk leaves behind.
mapfile -t files < <(find . -type f "${excluded[@]}" ! -name 'sw.js' ! -name '.trunk-lock' ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)
# Each file with the first 16 hex digits of its content's SHA-256: the worker copies a file whose
# hash has not changed from the cache of the version before instead of downloading it again.
sums=$(for f in "${files[@]}"; do sha256sum "$f"; done)
version=$(printf '%s\n' "$sums" | sha256sum | cut -c1-16)
precache=$(printf '%s\n' "$sums" | while read -r sum path; do printf '"/%s": "%s", ' "$path" "${sum:0:16}"; done)
precache="${precache%, }"
sed -i -e "s|__GUICHET_BUILD_VERSION__|$version|" -e "s|__GUICHET_PRECACHE__: ''|$precache|" \
  -e "s|/\* __GUICHET_BUNDLES__ \*/|$routes|" sw.js
gzip -9 -k -f -n sw.js
if command -v brotli >/dev/null; then brotli -q 11 -k -f sw.js; fi
documents=$(find . -name index.html "${excluded[@]}" | wc -l | tr -d ' ')
echo "stamp-sw: service worker version $version, ${#files[@]} files precached ($documents bundle documents)"
