// The offline catalog in headless Chromium beside FlexSearch; run by
// scripts/bench-catalog-browser.sh (which generates the catalog and starts the server). Prints
// numbers, asserts nothing: it is a benchmark, not a test.
//
// 1. Download: the real app keeps the catalog (/disclosure, "keep"), and every response of the
//    delta feed is counted as the server sent it (compressed body + headers).
// 2. wasm: the app's catalog worker (its release wasm) builds the index from the stored entries
//    (the cached index bytes removed first), then loads it from those bytes; the queries of the
//    native bench (read from crates/core/benches/catalog_search.rs) are timed from postMessage
//    to the reply, 5 rounds after one warm-up round.
// 3. FlexSearch 0.8 in a worker of its own, configured as close to the wasm index as it goes:
//    a Document over the same six fields (名称, 文号, 索引号, 发布机构, 主题词, 内容概述), each
//    with an Encoder that cuts CJK runs into bigrams and keeps words of letters or digits whole
//    (lower-cased, no letter dedupe, no numeric triplets), tokenize "strict" — the wasm index's
//    own terms (FlexSearch's Charset.CJK indexes single characters, which is faster and finds
//    far more unrelated entries). Same work per query: every match (for the exact total), the
//    first 20, and highlight ranges of the query's terms in their fields. Same stored entries
//    read from the same IndexedDB, same queries, same timing from postMessage to the reply.
// Memory: performance.measureUserAgentSpecificMemory() (the page is made cross-origin isolated
// by adding COOP/COEP to the responses) for the JavaScript side of each worker; it does not
// count a wasm instance's linear memory, which the catalog worker reports itself.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const base = process.env.GUICHET_BENCH_URL ?? 'http://127.0.0.1:8197';
const expected = Number(process.env.GUICHET_BENCH_ENTRIES ?? 100000);
const nativeBench = readFileSync(resolve(here, '../../crates/core/benches/catalog_search.rs'), 'utf8');
const queryBlock = nativeBench.match(/const QUERIES: &\[&str\] = &\[([\s\S]*?)\];/);
if (!queryBlock) throw new Error('cannot find QUERIES in the native bench');
const QUERIES = [...queryBlock[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const flexsearchSource = readFileSync(resolve(here, '../node_modules/flexsearch/dist/flexsearch.bundle.min.js'), 'utf8');
const ROUNDS = 5;

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
function percentile(sorted, p) {
  return sorted[Math.round((sorted.length - 1) * p)];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // measureUserAgentSpecificMemory answers at once instead of at the next GC.
    '--enable-blink-features=ForceEagerMeasureMemory',
  ],
});
// The service worker would answer from its cache; the bench counts the network.
const context = await browser.newContext({ serviceWorkers: 'block', bypassCSP: true, locale: 'zh-CN' });
const page = await context.newPage();

// ---- 1. the download, through the app ----
const feed = { pages: 0, body: 0, headers: 0, encodings: new Set() };
const other = { body: 0 };
page.on('requestfinished', async (request) => {
  const sizes = await request.sizes().catch(() => null);
  if (!sizes) return;
  if (request.url().includes('/api/catalog/changes')) {
    feed.pages += 1;
    feed.body += sizes.responseBodySize;
    feed.headers += sizes.responseHeadersSize;
    const response = await request.response();
    feed.encodings.add((await response?.headerValue('content-encoding')) ?? 'identity');
  } else {
    other.body += sizes.responseBodySize;
  }
});
await page.goto(`${base}/disclosure`);
const started = Date.now();
await page.getByTestId('catalog-keep').click();
await page.locator('[data-testid="catalog-progress"] progress[value="100"]').waitFor({ timeout: 30 * 60_000 });
await page.getByTestId('catalog-status').filter({ hasText: String(expected) }).waitFor({ timeout: 60_000 });
const syncSeconds = (Date.now() - started) / 1000;
const acceptEncoding = await page.evaluate(async (url) => {
  const r = await fetch(url);
  return r.headers.get('content-encoding');
}, `${base}/api/catalog/changes?limit=1`);

// ---- 2 and 3: a quiet page of the same origin, cross-origin isolated for memory ----
await context.route('**/*', async (route) => {
  const response = await route.fetch();
  await route.fulfill({
    response,
    headers: {
      ...response.headers(),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
});
await page.goto(`${base}/api/health`);
const isolated = await page.evaluate(() => self.crossOriginIsolated && 'measureUserAgentSpecificMemory' in performance);
// The whole page's JavaScript memory, and the part of it in dedicated workers.
await page.evaluate((isolated) => {
  self.benchMemory = async () => {
    if (!isolated) return null;
    const result = await performance.measureUserAgentSpecificMemory();
    let workers = 0;
    for (const entry of result.breakdown) {
      if (entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')) workers += entry.bytes;
    }
    return { total: result.bytes, workers };
  };
}, isolated);

const wasm = await page.evaluate(async ({ queries, rounds }) => {
  // What the app cached during the download, then forget the cached index, so that the first
  // open builds it from the entries.
  const cachedByApp = await new Promise((resolve, reject) => {
    const open = indexedDB.open('guichet');
    open.onsuccess = () => {
      const tx = open.result.transaction('catalog_meta', 'readwrite');
      const meta = tx.objectStore('catalog_meta');
      const index = meta.get('index');
      const sync = meta.get('sync');
      meta.delete('index');
      tx.oncomplete = () => {
        open.result.close();
        resolve({ index: index.result?.revision ?? null, sync: sync.result?.revision ?? null });
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
  const memory = self.benchMemory;
  function start() {
    const worker = new Worker('/disclosure/catalog-worker_loader.js');
    let next = 1;
    const waiting = new Map();
    let ready;
    const readyPromise = new Promise((r) => (ready = r));
    worker.onmessage = (event) => {
      const { id, reply } = event.data;
      if (id === 0) return ready();
      waiting.get(id)?.(reply);
      waiting.delete(id);
    };
    const call = async (op) => {
      await readyPromise;
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, op });
      });
    };
    return { worker, call };
  }
  const before = await memory();
  let { worker, call } = start();
  const built = (await call({ open: { db: 'guichet' } })).opened;
  const afterBuild = await memory();
  worker.terminate();
  ({ worker, call } = start());
  const loadStarted = performance.now();
  const loaded = (await call({ open: { db: 'guichet' } })).opened;
  const loadWall = performance.now() - loadStarted;
  const afterLoad = await memory();
  const search = (text) => call({ search: { query: { text, filters: {} }, page: 1, page_size: 20 } });
  for (const q of queries) await search(q);
  const times = [];
  const totals = {};
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const t0 = performance.now();
      const reply = await search(q);
      times.push(performance.now() - t0);
      totals[q] = reply.page.total;
    }
  }
  // The message round trip alone: a query that matches nothing (no postings read).
  const roundTrips = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await search('qqqqxz');
    roundTrips.push(performance.now() - t0);
  }
  roundTrips.sort((a, b) => a - b);
  worker.terminate();
  return { cachedByApp, built, loaded, loadWall, times, totals, roundTrip: roundTrips[25], memory: { before, afterBuild, afterLoad } };
}, { queries: QUERIES, rounds: ROUNDS });

const flex = await page.evaluate(async ({ source, queries, rounds }) => {
  const workerCode = `${source}
const { Document, Encoder } = self.FlexSearch;
const CJK = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
// A term of FlexSearch's split (letters and digits) → its CJK bigrams (a lone character as
// itself) and its words of letters or digits.
function grams(term) {
  const out = [];
  let run = '';
  let word = '';
  const flushRun = () => {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    run = '';
  };
  for (const c of term) {
    if (CJK.test(c)) {
      if (word) { out.push(word); word = ''; }
      run += c;
    } else {
      if (run) flushRun();
      word += c;
    }
  }
  flushRun();
  if (word) out.push(word);
  return out;
}
const FIELDS = ['title', 'doc_no', 'index_no', 'agency', 'keywords', 'summary'];
const encoder = () => new Encoder({
  normalize: (s) => s.toLowerCase(), dedupe: false, numeric: false, finalize: (terms) => terms.flatMap(grams),
});
let index = null;
let ids = null;
let texts = null;
// Highlight ranges (character positions) of the query's terms in each field of a hit.
function highlights(i, q) {
  const terms = q.toLowerCase().split(/[\s\u3000〔〕\[\]【】（）()]+/).filter(Boolean);
  const out = [];
  for (const field of FIELDS) {
    const text = texts[i][field].toLowerCase();
    const ranges = [];
    for (const term of terms) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
        ranges.push([at, at + term.length]);
      }
    }
    if (ranges.length) out.push({ field, ranges });
  }
  return out;
}
function readAll() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('guichet');
    open.onsuccess = () => {
      const request = open.result.transaction('catalog_entries').objectStore('catalog_entries').getAll();
      request.onsuccess = () => { open.result.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
    open.onerror = () => reject(open.error);
  });
}
onmessage = async (event) => {
  const message = event.data;
  if (message.op === 'build') {
    const t0 = performance.now();
    let entries = await readAll();
    const t1 = performance.now();
    index = new Document({
      document: { id: 'id', index: FIELDS.map((field) => ({ field, tokenize: 'strict', encoder: encoder() })) },
    });
    ids = new Array(entries.length);
    texts = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      ids[i] = e.index_no;
      texts[i] = { id: i, title: e.title, doc_no: e.doc_no ?? '', index_no: e.index_no, agency: e.agency,
        keywords: e.keywords.join('；'), summary: e.summary };
      index.add(texts[i]);
    }
    const count = entries.length;
    entries = null;
    const t2 = performance.now();
    postMessage({ read: t1 - t0, build: t2 - t1, count });
  } else if (message.op === 'search') {
    // Every match, for the exact total; then the page of 20 with its highlights.
    const result = index.search(message.q, { limit: 1e6, merge: true });
    const page = result.slice(0, 20).map((r) => ({ id: ids[r.id], highlights: highlights(r.id, message.q) }));
    postMessage({ hits: result.length, page });
  } else if (message.op === 'export') {
    const parts = [];
    await index.export((key, data) => { parts.push(String(key), data == null ? '' : String(data)); });
    postMessage({ parts });
  }
};`;
  const url = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const call = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  const memory = self.benchMemory;
  const before = await memory();
  const wallStart = performance.now();
  const built = await call({ op: 'build' });
  const wall = performance.now() - wallStart;
  const afterBuild = await memory();
  for (const q of queries) await call({ op: 'search', q });
  const times = [];
  const hits = {};
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const t0 = performance.now();
      const reply = await call({ op: 'search', q });
      times.push(performance.now() - t0);
      hits[q] = reply.hits;
    }
  }
  const exported = await call({ op: 'export' });
  worker.terminate();
  return { built, wall, times, hits, memory: { before, afterBuild }, exported: exported.parts };
}, { source: flexsearchSource, queries: QUERIES, rounds: ROUNDS });

await browser.close();

// ---- the table ----
const wasmTimes = [...wasm.times].sort((a, b) => a - b);
const flexTimes = [...flex.times].sort((a, b) => a - b);
const exportText = flex.exported.join('\n');
const exportBrotli = brotliCompressSync(Buffer.from(exportText), {
  params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 24 },
}).length;
const workerBytes = (m) => (m ? mb(m.workers) : 'n/a');
const delta = (after, before) => (after && before ? mb(after.total - before.total) : 'n/a');

console.log(`\nCatalog in Chromium: ${wasm.loaded.entries} entries, ${QUERIES.length} queries × ${ROUNDS} rounds`);
console.log(`download: the delta feed as the server sent it (content-encoding ${[...feed.encodings].join(', ')}; a fetch from the page gets ${acceptEncoding})`);
console.log(`  ${feed.pages} pages, bodies ${mb(feed.body)}, with headers ${mb(feed.body + feed.headers)}; other files ${mb(other.body)}; keep → 100% in ${syncSeconds.toFixed(1)} s`);
console.log(`index cached by the app during the download: revision ${wasm.cachedByApp.index} (catalog revision ${wasm.cachedByApp.sync})`);
console.log(`memory measured: ${isolated ? 'measureUserAgentSpecificMemory (cross-origin isolated)' : 'not available (index estimate only)'}`);
console.log('');
const rows = [
  ['', 'wasm (catalog worker)', 'FlexSearch 0.8 (bigram encoder, 6 fields, total + 20 + highlights)'],
  ['index build (from IndexedDB)', `${ms(wasm.built.millis)} (incl. read + cache)`, `${ms(flex.wall)} (read ${ms(flex.built.read)} + add ${ms(flex.built.build)})`],
  ['index load (from cached bytes)', `${ms(wasm.loaded.millis)} (wall ${ms(wasm.loadWall)})`, 'n/a (rebuilt)'],
  ['query p50', ms(percentile(wasmTimes, 0.5)), ms(percentile(flexTimes, 0.5))],
  ['query p95', ms(percentile(wasmTimes, 0.95)), ms(percentile(flexTimes, 0.95))],
  ['query max', ms(wasmTimes[wasmTimes.length - 1]), ms(flexTimes[flexTimes.length - 1])],
  ['message round trip (no match), p50', ms(wasm.roundTrip), ''],
  ['memory after build', `${mb(wasm.built.memory_bytes)} wasm + ${workerBytes(wasm.memory.afterBuild)} JS`, `${workerBytes(flex.memory.afterBuild)} JS`],
  ['memory after load', `${mb(wasm.loaded.memory_bytes)} wasm + ${workerBytes(wasm.memory.afterLoad)} JS`, 'n/a'],
  ['page total JS, build − before', delta(wasm.memory.afterBuild, wasm.memory.before), delta(flex.memory.afterBuild, flex.memory.before)],
  ['index estimate (heap_size)', `${mb(wasm.built.heap_bytes)} built, ${mb(wasm.loaded.heap_bytes)} loaded`, 'n/a'],
  ['index as a download (brotli 11)', 'see native bench', `${mb(exportBrotli)} (export, ${mb(exportText.length)} raw)`],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
console.log('');
console.log(`matches (wasm total / FlexSearch total): ${QUERIES.map((q) => `${q}=${wasm.totals[q]}/${flex.hits[q]}`).join(' ')}`);
// Which queries make the tail: each query's slowest round (times are round after round).
const slowest = QUERIES.map((q, n) => [q, Math.max(...wasm.times.filter((_, i) => i % QUERIES.length === n))])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 6);
console.log(`slowest queries (wasm, each one's slowest round): ${slowest.map(([q, t]) => `${q} ${ms(t)}`).join(', ')}`);
