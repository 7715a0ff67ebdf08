// A first visit on a weak mobile line (issue 16). The line is a proxy in front of the server
// that every request of the page and of its service worker goes through (the DevTools
// protocol's network throttling would slow the page's requests only, not the worker's): one
// shared 1.6 Mbps downlink, 150 ms round trip (75 ms each way), as Lighthouse's mobile preset.
// The CPU is slowed 4×, the browser context is fresh (no service worker, nothing cached). Per
// page: the time from navigation until its content from `/api` is shown, and when the service
// worker's script was requested. The worker's install downloads every citizen bundle (~1 MB),
// which must not stand before the page's own content on such a line.
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench first-visit`.
import { test, expect } from '@playwright/test';
import { createServer, connect, type Socket } from 'node:net';

const port = Number(process.env.GUICHET_E2E_PORT ?? 8181);
const LINE_PORT = port + 2;
const DOWN_BYTES_PER_MS = (1.6 * 1000 * 1000) / 8 / 1000;
const ONE_WAY_MS = 75;

const PAGES: [string, string][] = [
  ['/guide', 'main details:visible'],
  ['/guide/GA-001', '[data-testid="start-apply"]'],
];
const rows: string[] = [];

/** The line: each chunk from the server reaches the browser when the shared downlink has
 * carried it, plus the one-way delay; requests go up after the one-way delay. */
function line() {
  let downFreeAt = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(port, '127.0.0.1');
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => setTimeout(() => upstream.write(data), ONE_WAY_MS));
    upstream.on('data', (data: Buffer) => {
      const now = Date.now();
      downFreeAt = Math.max(downFreeAt, now) + data.length / DOWN_BYTES_PER_MS;
      setTimeout(() => client.write(data), downFreeAt - now + ONE_WAY_MS);
    });
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', () => setTimeout(close, 2 * ONE_WAY_MS + Math.max(0, downFreeAt - Date.now())));
    upstream.on('close', () => setTimeout(close, ONE_WAY_MS + Math.max(0, downFreeAt - Date.now())));
  });
  return new Promise<() => Promise<void>>((resolve) =>
    server.listen(LINE_PORT, '127.0.0.1', () => resolve(() => new Promise((done) => server.close(() => done())))),
  );
}

for (const [path, content] of PAGES) {
  test(`first visit of ${path}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const stop = await line();
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const started = Date.now();
    let swAt = 0;
    context.on('request', (r) => {
      if (r.url().endsWith('/sw.js') && !swAt) swAt = Date.now() - started;
    });
    await page.goto(`http://127.0.0.1:${LINE_PORT}${path}`);
    await expect(page.locator(content).first()).toBeVisible({ timeout: 100_000 });
    const shownAt = Date.now() - started;
    // The worker comes all the same, and installs: the next visit works offline.
    await expect.poll(() => swAt, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const installedAt = Date.now() - started;
    rows.push(`| ${path} | ${shownAt} ms | ${swAt} ms | ${installedAt} ms |`);
    await context.close();
    await stop();
  });
}

test.afterAll(() => {
  console.log('first visit, one 1.6 Mbps line with 150 ms round trip for page and worker, CPU 4× slower');
  console.log('| page | content shown | service worker script requested | worker active |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) console.log(row);
});
