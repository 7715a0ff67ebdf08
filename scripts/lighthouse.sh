#!/usr/bin/env bash
# Runs Lighthouse (mobile preset: simulated 4× CPU slowdown, 150 ms RTT, 1.6 Mbps) on the
# citizen pages against the release build (`dist/`, from scripts/build.sh) and the demo server,
# in Debian's Chromium, and prints each page's four scores and its metrics as a Markdown table.
# A benchmark, not a test: it prints numbers for BENCHMARKS.md and checks nothing. Usage:
#   scripts/lighthouse.sh [PAGE…]     (default: / /guide /guide/GA-001 /disclosure /track)
# LIGHTHOUSE_RUNS (default 1) runs each page that many times and keeps the median performance.
# LIGHTHOUSE_THROTTLING=devtools loads the page through the same throttling for real (DevTools'
# network and CPU emulation) instead of simulating it from an unthrottled load: the simulation
# counts every request that ended before the observed largest paint as one it waited for (the
# preloaded wasm, on a local server), so a page painted from its HTML shows there as if it
# waited for its wasm. The column LCP (observed) is the largest paint as the browser saw it;
# TTI (Time to Interactive, no longer in the score) is when the page's main thread went quiet,
# the app mounted: what the first screen's wait for its wasm costs, when it costs anything.
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE_VERSION=12.8.2
PORT="${LIGHTHOUSE_PORT:-8191}"
RUNS="${LIGHTHOUSE_RUNS:-1}"
THROTTLING="${LIGHTHOUSE_THROTTLING:-simulate}"
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

# Lighthouse from the npm registry, beside wasm-opt in .tools/ (once).
if [ "$(lighthouse --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi
[ -f dist/index.html ] || { echo "lighthouse: dist/ is empty; run scripts/build.sh first" >&2; exit 1; }

pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(/ /guide /guide/GA-001 /disclosure /track)
out="$(mktemp -d -t guichet-lighthouse-XXXXXX)"
GUICHET_E2E_DATA_DIR="$out/data" bash end2end/serve.sh "$PORT" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$out"; true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" > /dev/null 2>&1 && break
  sleep 0.3
done

echo "Lighthouse $LIGHTHOUSE_VERSION, mobile preset, throttling: $THROTTLING, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo '| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index | TTI | LCP (observed) |'
echo '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
for page in "${pages[@]}"; do
  reports=()
  for run in $(seq 1 "$RUNS"); do
    report="$out/report-$(echo "$page" | tr '/' '_')-$run.json"
    lighthouse "http://127.0.0.1:$PORT$page" --quiet --output=json --output-path="$report" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
      --throttling-method="$THROTTLING" \
      --only-categories=performance,accessibility,best-practices,seo > /dev/null 2> "$out/lh.log" ||
      { echo "lighthouse failed on $page:" >&2; tail -5 "$out/lh.log" >&2; exit 1; }
    reports+=("$report")
  done
  node -e '
    const fs = require("fs");
    const runs = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const r = runs[Math.floor(runs.length / 2)];
    const score = (c) => Math.round(r.categories[c].score * 100);
    const a = (id) => r.audits[id];
    const s = (id) => (a(id).numericValue / 1000).toFixed(1) + " s";
    const failed = Object.values(r.categories).flatMap((c) => c.auditRefs)
      .filter((ref) => ref.weight > 0)
      .map((ref) => r.audits[ref.id])
      .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode === "binary")
      .map((x) => x.id);
    console.log(`| ${r.finalDisplayedUrl.replace(/^https?:\/\/[^/]+/, "")} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${s("first-contentful-paint")} | ${s("largest-contentful-paint")} | ${Math.round(a("total-blocking-time").numericValue)} ms | ${a("cumulative-layout-shift").numericValue.toFixed(3)} | ${s("speed-index")} | ${s("interactive")} | ${(a("metrics").details.items[0].observedLargestContentfulPaint / 1000).toFixed(2)} s |`);
    if (failed.length) console.error(`  ${r.finalDisplayedUrl}: failed audits: ${failed.join(", ")}`);
    // What moved, when something did (on stderr, beside the table): the element and its share.
    const shifts = (a("layout-shifts") && a("layout-shifts").details && a("layout-shifts").details.items) || [];
    for (const shift of shifts) {
      const node = shift.node || {};
      console.error(`  ${r.finalDisplayedUrl}: layout shift ${Number(shift.score).toFixed(3)}: ${node.selector || ""} ${(node.snippet || "").slice(0, 120)}`);
    }
  ' "${reports[@]}"
done
exit 0
