#!/usr/bin/env bash
# Prints the release bundle's sizes (raw, gzip -9, brotli -q 11) as a Markdown table, and with
# --check fails when the first load (html + css + js + wasm) exceeds its brotli budget or when
# the client pulls in the `regex` crate. The catalog worker (catalog-worker*, loaded only when
# the catalog is searched) is listed separately and does not count towards the first load.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_BROTLI=200000
check=false
[ "${1:-}" = "--check" ] && check=true
[ -f dist/index.html ] || { echo "bundle-size: dist/ is empty; run 'trunk build --release' first" >&2; exit 1; }

size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
br() { brotli -q 11 -c "$1" | wc -c | tr -d ' '; }

total_raw=0; total_gz=0; total_br=0
printf '| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n'
for f in dist/index.html dist/*.css dist/*.js dist/*.wasm; do
  [ -f "$f" ] || continue
  [ "$(basename "$f")" = "sw.js" ] && continue
  case "$(basename "$f")" in catalog-worker*) continue ;; esac
  r=$(size "$f"); g=$(gz "$f"); b=$(br "$f")
  total_raw=$((total_raw + r)); total_gz=$((total_gz + g)); total_br=$((total_br + b))
  name=$(basename "$f" | sed -E 's/-[0-9a-f]{8,16}(\.|_bg)/-<hash>\1/')
  printf '| %s | %d | %d | %d |\n' "$name" "$r" "$g" "$b"
done
printf '| **first load** | %d | %d | **%d** |\n' "$total_raw" "$total_gz" "$total_br"

# The catalog worker: fetched on the catalog page only (and precached by the service worker).
worker_raw=0; worker_gz=0; worker_br=0
for f in dist/catalog-worker*.js dist/catalog-worker*.wasm; do
  [ -f "$f" ] || continue
  r=$(size "$f"); g=$(gz "$f"); b=$(br "$f")
  worker_raw=$((worker_raw + r)); worker_gz=$((worker_gz + g)); worker_br=$((worker_br + b))
  printf '| %s | %d | %d | %d |\n' "$(basename "$f")" "$r" "$g" "$b"
done
[ "$worker_raw" -gt 0 ] && printf '| **catalog worker (on demand)** | %d | %d | **%d** |\n' "$worker_raw" "$worker_gz" "$worker_br"

# The staff desk is a bundle of its own, loaded only under /staff: shown, not budgeted.
if [ -d dist/staff ]; then
  staff_br=0
  for f in dist/staff/*.js dist/staff/*.wasm dist/staff/*.css dist/staff/index.html; do
    [ -f "$f" ] || continue
    staff_br=$((staff_br + $(br "$f")))
  done
  printf '| staff desk (separate bundle, not in the first load) | | | %d |\n' "$staff_br"
fi

if $check; then
  if [ "$total_br" -gt "$BUDGET_BROTLI" ]; then
    echo "bundle-size: the first load is $total_br bytes brotli, over the $BUDGET_BROTLI budget" >&2
    exit 1
  fi
  # leptos_config names regex for server-side config parsing that a client-side build never
  # calls (so it is not linked in); any other dependent would put ~180 KB brotli on the wire.
  users=$(cargo tree --locked -p guichet-app --target wasm32-unknown-unknown -e normal -i regex --depth 1 --prefix none 2>/dev/null | tail -n +2 | awk '{print $1}' | sort -u | grep -vx leptos_config || true)
  if [ -n "$users" ]; then
    echo "bundle-size: the client pulls in the regex crate through: $users (about 180 KB brotli); remove it" >&2
    exit 1
  fi
  echo "bundle-size: first load $total_br bytes brotli, within the $BUDGET_BROTLI budget; no regex crate"
fi
