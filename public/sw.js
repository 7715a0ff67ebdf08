// Guichet's service worker.
// - Precaches every bundle of the citizen app (the shell at /, /disclosure, /guide: each a Trunk
//   build with its own index.html) under one version computed from all their files
//   (scripts/stamp-sw.sh, run after the last build), so every build installs as a new worker.
// - An update downloads only the files whose content changed: the stamp gives each file's
//   content hash, each cache keeps the hashes it holds, and a new worker copies unchanged files
//   from the cache of the version before. An install cut off by the line starts again where it
//   stopped: what it cached before is kept under the same version.
// - A navigation gets the index.html of the bundle the bundle map gives its path (bundles.txt,
//   stamped below), as the server does; the staff's bundles are left to the network.
// - Cache-first for the shell, network-first with a cached fallback for /api GETs (the GB/T 2260
//   division codes the forms check ID numbers against are fetched at install too); writes
//   (anything but GET) are never cached: the outbox in IndexedDB owns them.
// - A new worker waits until the page asks it to take over (the user clicked "reload"), so the
//   app never changes underneath someone filling a form.
'use strict';

const VERSION = '__GUICHET_BUILD_VERSION__';
const SHELL_PREFIX = 'guichet-shell-';
const SHELL_CACHE = SHELL_PREFIX + VERSION;
const API_CACHE = 'guichet-api-v1';
// Path → the first 16 hex digits of the SHA-256 of the file's content.
const PRECACHE = { __GUICHET_PRECACHE__: '' };
// Where a shell cache keeps the hashes of what it holds (written once it holds everything).
const HASHES_KEY = '/sw-precache-hashes.json';

// Public data the forms check offline, fetched with the shell so that one online visit to any
// page is enough (the forms refresh them network-first like every /api GET). Best effort: the
// server checks them anyway, so a failure here never stops the install.
const API_PRECACHE = ['/api/divisions'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([
      precache(),
      caches.open(API_CACHE).then((cache) => cache.addAll(API_PRECACHE)).catch(() => {}),
    ]),
  );
});

/** Fills this version's cache. Files of the same content (each bundle's copy of main.css) are
 * one download; each comes from this cache already (an attempt cut off before), from an older
 * complete cache that holds the same content under any path, or from the network. */
async function precache() {
  const cache = await caches.open(SHELL_CACHE);
  const older = await olderCaches();
  const pathsByHash = new Map();
  for (const [path, hash] of Object.entries(PRECACHE)) {
    pathsByHash.set(hash, [...(pathsByHash.get(hash) || []), path]);
  }
  await Promise.all(
    Array.from(pathsByHash, async ([hash, paths]) => {
      const missing = [];
      let source = null;
      for (const path of paths) {
        const cached = await cache.match(path);
        if (cached) source = source || cached;
        else missing.push(path);
      }
      if (missing.length === 0) return;
      source = source || (await fromOlder(older, hash)) || (await download(paths[0], hash));
      await Promise.all(missing.map((path, i) => cache.put(path, i === missing.length - 1 ? source : source.clone())));
    }),
  );
  await cache.put(HASHES_KEY, new Response(JSON.stringify(PRECACHE), { headers: { 'Content-Type': 'application/json' } }));
}

/** The file of content `hash` from an older version's cache, under whichever path it had. */
async function fromOlder(older, hash) {
  for (const { cache, hashes } of older) {
    for (const [path, oldHash] of Object.entries(hashes)) {
      if (oldHash !== hash) continue;
      const kept = await cache.match(path);
      if (kept) return kept;
    }
  }
  return null;
}

/** `path` from the network, checked against its hash. */
async function download(path, hash) {
  // The browser's HTTP cache may hold it (the page's own bundle, loaded just before): the hash
  // says whether that copy is this version's, else it is fetched again.
  const response = (await fetchIfHash(path, hash, 'default')) || (await fetchIfHash(path, hash, 'reload'));
  // A deploy in the middle of the install would mix two versions: refused, and the next update
  // check brings the worker that matches.
  if (!response) throw new Error(`precache: ${path} is not this version's`);
  return response;
}

/** The other versions' shell caches that were filled completely, with their hashes. */
async function olderCaches() {
  const names = (await caches.keys()).filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE);
  const found = [];
  for (const name of names) {
    const cache = await caches.open(name);
    const stored = await cache.match(HASHES_KEY);
    if (!stored) continue;
    try {
      found.push({ cache, hashes: await stored.json() });
    } catch (error) {
      // Unreadable: that cache is not used.
    }
  }
  return found;
}

/** `path` fetched with the cache mode `mode`, when its content has the hash `hash`. */
async function fetchIfHash(path, hash, mode) {
  // Low priority: a page's own requests go first on a weak line (browsers that do not know
  // `priority` ignore it).
  const response = await fetch(new Request(path, { cache: mode, priority: 'low' }));
  if (!response.ok) throw new Error(`precache: ${path} answered ${response.status}`);
  const body = await response.clone().arrayBuffer();
  return (await contentHash(body)) === hash ? response : null;
}

async function contentHash(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') {
    self.skipWaiting();
  } else if (event.data && event.data.type === 'VERSION' && event.ports[0]) {
    event.ports[0].postMessage(VERSION);
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The catalog's delta feed goes straight to the network: the app stores what it receives in
  // IndexedDB, and a cached copy of every page would store the whole catalog twice.
  if (url.pathname === '/api/catalog/changes') return;
  // The staff's bundles are another app, used online at the center.
  if (!bundleOf(url.pathname)[2]) return;
  if (url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(appShell(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

// The bundle map's folders (bundles.txt, stamped by scripts/stamp-sw.sh), each as [folder,
// the index.html of the bundle that answers it, whether that bundle is precached]; the root's
// folder is '', which holds every path. Longest first: the first that holds a path is its
// nearest, the rule of guichet_core::bundles (the app's links, the server's fallback).
const BUNDLE_FOLDERS = [/* __GUICHET_BUNDLES__ */].sort((a, b) => b[0].length - a[0].length);

// The bundle that answers a path (a pathname: no query, no fragment): `folder` itself or a
// path under `folder/`, so /guidebook is not under /guide. Unstamped (a development copy),
// every path is the shell's.
function bundleOf(pathname) {
  for (const bundle of BUNDLE_FOLDERS) {
    if (pathname === bundle[0] || pathname.startsWith(bundle[0] + '/')) return bundle;
  }
  return ['', '/index.html', true];
}

// Every page of a bundle is the same document; the router inside it picks the page.
async function appShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(bundleOf(new URL(request.url).pathname)[1]);
  if (cached) return cached;
  return fetch(request);
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  return cached || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    // Only public, cacheable answers are kept; `no-store` ones (personal data) never are.
    const cacheControl = response.headers.get('Cache-Control') || '';
    if (response.ok && !cacheControl.includes('no-store')) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    return new Response(
      JSON.stringify({ error: { code: 'offline', message: '当前处于离线状态，且没有缓存的数据。' } }),
      { status: 503, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } },
    );
  }
}
