// Division codes in Chromium (a benchmark that prints numbers, not a test):
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench divisions`.
// Times `GET /api/divisions` (brotli over loopback, no throttling) with the file's sizes, and
// the app's own load of the table: the page's fetch plus `DivisionCodes::parse` in wasm, seen as
// the time from the form's first paint to the first validation that names the place.
import { test, expect } from '@playwright/test';

test('division codes: size and load time', async ({ page }) => {
  await page.goto('/');
  const runs = 20;
  const result = await page.evaluate(async (runs) => {
    const times: number[] = [];
    let raw = 0;
    let transferred = 0;
    let encoding = '';
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const response = await fetch(`/api/divisions?run=${i}`, { cache: 'no-store' });
      const text = await response.text();
      times.push(performance.now() - start);
      raw = text.length;
      encoding = response.headers.get('content-encoding') ?? 'none';
    }
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const last = entries.filter((e) => e.name.includes('/api/divisions')).pop();
    transferred = last ? last.encodedBodySize : 0;
    return { times, raw, transferred, encoding, controlled: !!navigator.serviceWorker.controller };
  }, runs);
  const sorted = [...result.times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  console.log(
    `divisions: ${result.raw} B raw; Content-Encoding ${result.encoding}, encodedBodySize ${result.transferred} B` +
      ` (through the service worker: ${result.controlled})`,
  );
  console.log(`fetch + text, ${runs} runs (ms): p50 ${q(0.5)}, p95 ${q(0.95)}, max ${q(1)}`);

  // In the app: the form filler fetches the table when a form with an ID field opens (through
  // the service worker, network first), then checks it in wasm; the first validation after
  // that names the place.
  await page.goto('/guide/GA-001');
  await page.getByTestId('start-apply').click();
  await expect(page.locator('#q-name')).toBeVisible();
  const app = await page.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
        e.name.endsWith('/api/divisions'),
      );
      if (entry) return { start: entry.startTime, duration: entry.duration };
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  });
  await page.locator('#q-name').fill('王五');
  await page.locator('#q-id_no').fill('110199199001010010');
  await page.locator('#q-phone').fill('13800138000');
  await page.locator('#q-address').fill('城关镇人民路1号');
  const before = await page.evaluate(() => performance.now());
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('110199');
  const after = await page.evaluate(() => performance.now());
  if (app) {
    console.log(
      `app's fetch of /api/divisions: started ${app.start.toFixed(0)} ms after navigation, took ${app.duration.toFixed(1)} ms`,
    );
  }
  console.log(`click → refusal naming the place (validation with the table, rendering): ${(after - before).toFixed(0)} ms`);
});
