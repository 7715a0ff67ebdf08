// Guichet's service worker.
// - Precaches every bundle of the citizen app (the shell at /, /disclosure, /guide: each a Trunk
//   build with its own index.html) under one version computed from all their files
//   (scripts/stamp-sw.sh, run after the last build), so every build installs as a new worker.
// - A navigation gets the index.html of the nearest bundle folder, as the server does.
// - Cache-first for the shell, network-first with a cached fallback for /api GETs (the GB/T 2260
//   division codes the forms check ID numbers against are fetched at install too); writes
//   (anything but GET) are never cached: the outbox in IndexedDB owns them.
// - A new worker waits until the page asks it to take over (the user clicked "reload"), so the
//   app never changes underneath someone filling a form.
'use strict';

const VERSION = '__GUICHET_BUILD_VERSION__';
const SHELL_CACHE = 'guichet-shell-' + VERSION;
const API_CACHE = 'guichet-api-v1';
const PRECACHE = ["__GUICHET_PRECACHE__"];

// Public data the forms check offline, fetched with the shell so that one online visit to any
// page is enough (the forms refresh them network-first like every /api GET). Best effort: the
// server checks them anyway, so a failure here never stops the install.
const API_PRECACHE = ['/api/divisions'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([
      // Low priority: a page's own requests go first on a weak line (browsers that do not
      // know `priority` ignore it).
      caches.open(SHELL_CACHE).then((cache) =>
        cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload', priority: 'low' }))),
      ),
      caches.open(API_CACHE).then((cache) => cache.addAll(API_PRECACHE)).catch(() => {}),
    ]),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith('guichet-shell-') && name !== SHELL_CACHE)
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
  // The staff desk is another app with its own bundle, used online at the center.
  if (url.pathname === '/staff' || url.pathname.startsWith('/staff/')) return;
  if (url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(appShell(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

// The bundles' folders: every precached index.html but the root one, longest first.
const BUNDLE_FOLDERS = PRECACHE.filter((path) => path.endsWith('/index.html') && path !== '/index.html')
  .map((path) => path.slice(0, -'index.html'.length))
  .sort((a, b) => b.length - a.length);

// The document of the bundle that owns a path: the index.html of the nearest ancestor folder
// that has one (/disclosure/entry/x → /disclosure/index.html), else the shell's.
function bundleIndex(pathname) {
  for (const folder of BUNDLE_FOLDERS) {
    if (pathname === folder.slice(0, -1) || pathname.startsWith(folder)) return folder + 'index.html';
  }
  return '/index.html';
}

// Every page of a bundle is the same document; the router inside it picks the page.
async function appShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(bundleIndex(new URL(request.url).pathname));
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
