// Offline from day one: after one online visit the service worker holds the shell, and the app
// loads, deep-links and navigates with the network gone; an install the line cuts off resumes.
import { test, expect } from '@playwright/test';
import { waitForServiceWorker } from './helpers';

test('after one online visit the app loads and navigates offline', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
  await expect(page.getByTestId('online-state')).toHaveText('离线');

  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '信息公开', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府信息公开');

  // Every bundle loads offline after that one online visit to /: the worker precached them all
  // and answers each address with the index.html of its bundle's folder.
  await page.goto('/disclosure');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府信息公开');
  await page.goto('/guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事指南');
  await page.goto('/guide/drafts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的草稿和待发送');
  await expect(page.getByTestId('online-state')).toHaveText('离线');
  // A folder the bundle map gives to another bundle's index.html (no copy of it in dist/):
  // a receipt is the drafts bundle's page.
  await page.goto('/guide/receipt/no-such-record');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已提交');
  // A bundle inside another's folder: the nearest folder wins.
  await page.goto('/guide/drafts/day');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('代办今日一览');
  await nav.getByRole('link', { name: '首页', exact: true }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');

  // A deep link typed while offline is answered by the worker's copy of the shell.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await expect(page.getByTestId('server-health')).toContainText('无法连接');

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('online-state')).toHaveText('在线');
});

test('the service worker is stamped with a build version and precaches the shell', async ({ page, request }) => {
  const worker = await (await request.get('/sw.js')).text();
  expect(worker).not.toContain('__GUICHET_BUILD_VERSION__');
  expect(worker).not.toContain('__GUICHET_PRECACHE__');
  // The bundle map's folders (bundles.txt), the receipts' with the drafts bundle's document.
  expect(worker).not.toContain('__GUICHET_BUNDLES__');
  expect(worker).toContain("['/guide/receipt', '/guide/drafts/index.html', true]");
  expect(worker).toContain("['/staff', '/staff/index.html', false]");
  await page.goto('/');
  await waitForServiceWorker(page);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const shell = names.find((name) => name.startsWith('guichet-shell-'));
    if (!shell) return [];
    const keys = await (await caches.open(shell)).keys();
    return keys.map((request) => new URL(request.url).pathname);
  });
  expect(cached).toContain('/index.html');
  // Every bundle's document and files, the catalog's search worker included.
  expect(cached).toContain('/disclosure/index.html');
  expect(cached).toContain('/guide/index.html');
  expect(cached).toContain('/guide/apply/index.html');
  expect(cached).toContain('/guide/drafts/index.html');
  expect(cached).toContain('/disclosure/catalog-worker_bg.wasm');
  for (const folder of ['/disclosure/', '/guide/', '/guide/apply/']) {
    expect(cached.some((path) => path.startsWith(folder) && path.endsWith('.wasm'))).toBe(true);
    expect(cached.some((path) => path.startsWith(folder) && path.endsWith('.js'))).toBe(true);
  }
  expect(cached.some((path) => path.startsWith('/staff'))).toBe(false);
  expect(cached.some((path) => path.endsWith('.wasm'))).toBe(true);
  expect(cached.some((path) => path.endsWith('.js'))).toBe(true);
  expect(cached.some((path) => path.endsWith('.css'))).toBe(true);
  expect(cached).toContain('/manifest.webmanifest');
});

test('an install cut off by the line starts again where it stopped', async ({ page, context }) => {
  // The line drops while the worker downloads the guide bundle's wasm, after the rest arrived.
  let cut = false;
  await context.route(/\/guide\/[^/]+_bg\.wasm$/, async (route) => {
    if (cut || !route.request().serviceWorker()) return route.continue();
    cut = true;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.abort('internetdisconnected');
  });
  await page.goto('/');
  await expect.poll(() => cut, { timeout: 20_000 }).toBe(true);
  // The install failed: no worker is installing, waiting or active.
  const workers = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return [registration?.installing, registration?.waiting, registration?.active].filter(Boolean).length;
    });
  await expect.poll(workers, { timeout: 20_000 }).toBe(0);

  // The next visit installs again: only what the first attempt did not get comes down.
  const fetched: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (request.serviceWorker() && !url.pathname.startsWith('/api/')) fetched.push(url.pathname);
  });
  await page.reload();
  await waitForServiceWorker(page);
  const files = fetched.filter((path) => path !== '/sw.js');
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^\/guide\/[^/]+_bg\.wasm$/);
  await context.setOffline(true);
  await page.goto('/guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事指南');
  await context.setOffline(false);
});
