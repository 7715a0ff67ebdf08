// A first visit on a weak mobile line (issue 16). The line is a proxy in front of the server
// that every request of the page and of its service worker goes through (the DevTools
// protocol's network throttling would slow the page's requests only, not the worker's): one
// shared 1.6 Mbps downlink, 150 ms round trip (75 ms each way), as Lighthouse's mobile preset.
// The CPU is slowed 4×, the browser context is fresh (no service worker, nothing cached). Per
// page: its first and largest paints as the browser reported them, when the app had mounted
// (its heading is there for a screen reader: a static first screen's is not), when its content
// from `/api` was shown (where it has some), and when the service worker's script was requested. The worker's install downloads every citizen bundle (~1 MB),
// which must not stand before the page's own content on such a line.
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench first-visit`.
import { test, expect } from '@playwright/test';
import { line } from './line';

const port = Number(process.env.GUICHET_E2E_PORT ?? 8181);
const LINE_PORT = port + 2;

/** Each page and what shows its content from `/api`, where it has some. */
const PAGES: [string, string | null][] = [
  ['/', null],
  ['/guide', 'main details:visible'],
  ['/guide/GA-001', '[data-testid="start-apply"]'],
  ['/disclosure', null],
  ['/track', null],
];
const rows: string[] = [];

for (const [path, content] of PAGES) {
  test(`first visit of ${path}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const { stop } = await line(port, LINE_PORT);
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const started = Date.now();
    let swAt = 0;
    context.on('request', (r) => {
      if (r.url().endsWith('/sw.js') && !swAt) swAt = Date.now() - started;
    });
    await page.goto(`http://127.0.0.1:${LINE_PORT}${path}`, { waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 100_000 });
    const mountedAt = Date.now() - started;
    if (content) await expect(page.locator(content).first()).toBeVisible({ timeout: 100_000 });
    const shownAt = content ? `${Date.now() - started} ms` : '';
    const paints = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) =>
          new PerformanceObserver((list) => {
            const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
            resolve([fcp, list.getEntries().at(-1)?.startTime ?? 0]);
          }).observe({ type: 'largest-contentful-paint', buffered: true }),
        ),
    );
    // The page's own clock starts at the navigation; Date.now() here is close to it.
    const [fcp, lcp] = paints.map(Math.round);
    // The worker comes all the same, and installs: the next visit works offline.
    await expect.poll(() => swAt, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const installedAt = Date.now() - started;
    rows.push(`| ${path} | ${fcp} ms | ${lcp} ms | ${mountedAt} ms | ${shownAt} | ${swAt} ms | ${installedAt} ms |`);
    await context.close();
    await stop();
  });
}

test.afterAll(() => {
  console.log('first visit, one 1.6 Mbps line with 150 ms round trip for page and worker, CPU 4× slower');
  console.log('| page | FCP | LCP | app mounted | content shown | service worker script requested | worker active |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
});
