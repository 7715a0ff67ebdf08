#!/usr/bin/env bash
# Prints the release build's sizes (raw, gzip -9, brotli -q 11) as Markdown tables, one per
# bundle, and with --check fails when a bundle's first load exceeds its brotli budget or when
# the client pulls in the `regex` crate.
# Bundles: every bundle of the bundle map (bundles.txt), in its order, each in dist/ + its
# folder; a bundle's first load is its index.html + css + js + wasm. A citizen bundle missing
# from dist/ is an error; a staff bundle missing is skipped. Loaded on demand and budgeted the
# same for good measure: the catalog worker (catalog-worker*, started when the catalog is
# searched) and the staff's bundles.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_BROTLI=200000
# A bundle over the target may be held at an interim ceiling above it while it is being cut
# down (a ratchet: lowered as it shrinks, removed when the bundle meets the target), keyed by
# its table's name ("NAME: FOLDER…", as printed). None is
# now: the last, the forms bundle (203,989 after issues 17 and 19), came to 189,845 once it
# stopped running the outbox (its submissions are sent by the receipt page's bundle).
declare -A INTERIM_BROTLI=()
check=false
[ "${1:-}" = "--check" ] && check=true
[ -f dist/index.html ] || { echo "bundle-size: dist/ is empty; run scripts/build.sh first" >&2; exit 1; }

size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
br() { brotli -q 11 -c "$1" | wc -c | tr -d ' '; }

over=()
summary=()
# report NAME FILE... : one table; remembers the brotli total and whether it is over budget.
report() {
  local name="$1"; shift
  local total_raw=0 total_gz=0 total_br=0 f r g b shown
  printf '\n### %s\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n' "$name"
  for f in "$@"; do
    [ -f "$f" ] || continue
    r=$(size "$f"); g=$(gz "$f"); b=$(br "$f")
    total_raw=$((total_raw + r)); total_gz=$((total_gz + g)); total_br=$((total_br + b))
    shown=$(echo "${f#dist/}" | sed -E 's/-[0-9a-f]{8,16}(\.|_bg)/-<hash>\1/')
    printf '| %s | %d | %d | %d |\n' "$shown" "$r" "$g" "$b"
  done
  printf '| **total** | %d | %d | **%d** |\n' "$total_raw" "$total_gz" "$total_br"
  local budget="${INTERIM_BROTLI[$name]:-$BUDGET_BROTLI}"
  if [ "$budget" -gt "$BUDGET_BROTLI" ]; then
    summary+=("$(printf '| %s | %d | over the %d target (interim ceiling %d) |' "$name" "$total_br" "$BUDGET_BROTLI" "$budget")")
  else
    summary+=("$(printf '| %s | %d | |' "$name" "$total_br")")
  fi
  [ "$total_br" -gt "$budget" ] && over+=("$name ($total_br bytes, budget $budget)")
  return 0
}

# The first load of the bundle in folder $1: index.html, css, js and wasm, without the catalog
# worker's files and the service worker.
first_load() {
  local dir="$1" f
  for f in "$dir"/index.html "$dir"/*.css "$dir"/*.js "$dir"/*.wasm; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in sw.js|catalog-worker*) continue ;; esac
    echo "$f"
  done
}

source scripts/bundles.sh
mapfile -t map < <(bundles)
[ ${#map[@]} -gt 0 ] || { echo "bundle-size: the bundle map lists no bundle" >&2; exit 1; }
# report_bundles KIND: a table for each bundle of that kind, in the map's order.
report_bundles() {
  local line name kind source folder also dir
  for line in "${map[@]}"; do
    read -r name kind source folder also <<<"$line"
    [ "$kind" = "$1" ] || continue
    dir="dist${folder%/}"
    if [ ! -d "$dir" ]; then
      [ "$kind" = staff ] && continue
      echo "bundle-size: $dir is missing; run scripts/build.sh" >&2; exit 1
    fi
    [ "$also" = - ] && also="" || also=", ${also//,/, }"
    mapfile -t files < <(first_load "$dir")
    report "$name: $folder$also (first load)" "${files[@]}"
  done
}
report_bundles citizen
mapfile -t files < <(ls dist/disclosure/catalog-worker*.js dist/disclosure/catalog-worker*.wasm 2>/dev/null)
[ ${#files[@]} -gt 0 ] && report "catalog worker (on demand)" "${files[@]}"
report_bundles staff

printf '\n| bundle | brotli | |\n|---|---:|---|\n'
printf '%s\n' "${summary[@]}"

if $check; then
  if [ ${#over[@]} -gt 0 ]; then
    for o in "${over[@]}"; do echo "bundle-size: $o is over its brotli budget" >&2; done
    exit 1
  fi
  # leptos_config names regex for server-side config parsing that a client-side build never
  # calls (so it is not linked in); any other dependent would put ~180 KB brotli on the wire.
  users=$(cargo tree --locked -p guichet-app --target wasm32-unknown-unknown -e normal -i regex --depth 1 --prefix none 2>/dev/null | tail -n +2 | awk '{print $1}' | sort -u | grep -vx leptos_config || true)
  if [ -n "$users" ]; then
    echo "bundle-size: the client pulls in the regex crate through: $users (about 180 KB brotli); remove it" >&2
    exit 1
  fi
  echo "bundle-size: every bundle within its brotli budget ($BUDGET_BROTLI bytes, or its interim ceiling); no regex crate"
fi
