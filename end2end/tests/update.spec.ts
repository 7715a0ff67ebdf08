// A new version never swaps underneath the person: when a new build is deployed, the page
// offers "reload" inline, the old version keeps serving, and the new one takes over only when
// the person chooses; and an update downloads only the files that changed. The tests deploy
// for real: each runs its own server on the build, then restarts it on the same port with a
// copy of the build whose service worker differs, or in which one bundle changed.
import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeOneBundle, deployment, root } from './deploy';
import { waitForServiceWorker } from './helpers';

const port = Number(process.env.GUICHET_E2E_UPDATE_PORT ?? 8182);
const { origin, startServer, stopServer } = deployment(port);

test('a new version is offered inline and loads when the person chooses', async ({ page }) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-update-'));
  const data = path.join(work, 'data');
  // The next build: the same files, a service worker with another version stamp.
  const nextDist = path.join(work, 'dist-next');
  fs.cpSync(path.join(root, 'dist'), nextDist, { recursive: true });
  for (const compressed of ['sw.js.br', 'sw.js.gz']) fs.rmSync(path.join(nextDist, compressed), { force: true });
  const worker = fs.readFileSync(path.join(nextDist, 'sw.js'), 'utf8');
  fs.writeFileSync(path.join(nextDist, 'sw.js'), worker.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));

  let server = await startServer(path.join(root, 'dist'), data);
  try {
    await page.goto(origin + '/');
    await waitForServiceWorker(page);
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    await stopServer(server);
    server = await startServer(nextDist, data);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    // Until the person chooses, the page is still controlled by the old worker.
    const controllerVersion = () =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(String(event.data));
            navigator.serviceWorker.controller?.postMessage({ type: 'VERSION' }, [channel.port2]);
          }),
      );
    expect(await controllerVersion()).not.toContain('-next');

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button').click()]);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    expect(await controllerVersion()).toContain('-next');
  } finally {
    await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('an update downloads only what changed, and the new version then works offline', async ({ page, context }) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-update-'));
  const data = path.join(work, 'data');
  const nextDist = path.join(work, 'dist-next');
  const newWasm = changeOneBundle(path.join(root, 'dist'), nextDist, 'contact');

  let server = await startServer(path.join(root, 'dist'), data);
  try {
    await page.goto(origin + '/');
    await waitForServiceWorker(page);

    await stopServer(server);
    server = await startServer(nextDist, data);
    const fetched: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin && !url.pathname.startsWith('/api/')) fetched.push(url.pathname);
    });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId('update-banner')).toBeVisible();
    // The new worker, its bundle's page and the changed wasm; nothing else comes again.
    expect([...new Set(fetched)].sort()).toEqual(['/contact/index.html', newWasm, '/sw.js'].sort());

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-banner').getByRole('button').click()]);
    // Every bundle of the new version is there without a line: the changed one and the kept.
    await context.setOffline(true);
    await page.goto(origin + '/contact');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto(origin + '/guide');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事指南');
    await context.setOffline(false);
  } finally {
    await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});
