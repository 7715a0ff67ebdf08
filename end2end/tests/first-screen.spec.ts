// The entry bundles' static first screens (scripts/first-screen.mjs, issue 16): the page is
// painted from its HTML before the wasm has come, the app takes its place without a shift or a
// second copy, and the screen stays hidden where it would not be the app's first paint.
import { test, expect, type Page } from '@playwright/test';

const ENTRY_PAGES = [
  { path: '/', heading: '网上办事大厅' },
  { path: '/guide', heading: '办事指南' },
  { path: '/disclosure', heading: '政府信息公开' },
  { path: '/track', heading: '办件查询' },
  // Its picture is the server's (crates/server/src/item_page.rs), kept until the item has loaded.
  { path: '/guide/GA-001', heading: '居民身份证换领' },
];

/** Holds every wasm file until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Where the page's h1, header and main are, wherever they come from (main grows when the
 * page's data comes, so only its top left corner and width). */
async function boxes(page: Page) {
  return page.evaluate(() =>
    ['h1', 'header', 'main'].map((selector) => {
      const box = document.querySelector(selector)?.getBoundingClientRect();
      return box && { selector, x: box.x, y: box.y, width: box.width, height: selector === 'main' ? 0 : box.height };
    }),
  );
}

/** The largest contentful paints so far, as the browser reported them. */
async function paints(page: Page): Promise<{ startTime: number; size: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) =>
          resolve(list.getEntries().map((e) => ({ startTime: e.startTime, size: (e as unknown as { size: number }).size }))),
        ).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

for (const { path, heading } of ENTRY_PAGES) {
  test(`${path} paints its first screen before the wasm comes, and the app replaces it in place`, async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const screen = page.locator('body > [data-first-screen]');
    await expect(screen.first()).toBeVisible();
    // Only this page's picture (the shell's document pictures two pages).
    expect(await page.locator(`body > [data-first-screen]:not([data-first-screen="${path}"])`).count()).toBe(0);
    await expect(page.locator('h1')).toHaveText(heading);
    // A picture: nothing in it can be found by role, focused or tapped.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
    expect(await page.locator('body > [data-first-screen]:not([inert])').count()).toBe(0);
    const before = await boxes(page);
    const largestBefore = (await paints(page)).at(-1);
    expect(largestBefore, 'a largest paint before the wasm').toBeDefined();

    release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(screen).toHaveCount(0);
    await expect(page.locator('main')).toHaveCount(1);
    await expect(page.locator('header')).toHaveCount(1);
    // In the same place: no shift when the app takes over.
    expect(await boxes(page)).toEqual(before);
    // And the largest paint is still the one from the HTML.
    const largestAfter = (await paints(page)).at(-1);
    expect(largestAfter?.startTime).toBe(largestBefore?.startTime);
    const shifts = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) =>
            resolve(list.getEntries().reduce((sum, e) => sum + (e as unknown as { value: number }).value, 0)),
          ).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(0), 500);
        }),
    );
    expect(shifts).toBe(0);
  });
}

test('the first screen stays hidden on another page of the bundle, with a query, in English and in elderly mode', async ({ page }) => {
  const release = await holdWasm(page);
  const hidden = async () => {
    await page.locator('body > [data-first-screen]').first().waitFor({ state: 'attached' });
    await expect(page.locator('body > [data-first-screen]').first()).toBeHidden();
  };
  await page.goto('/settings', { waitUntil: 'domcontentloaded' });
  await hidden();
  await page.goto('/guide?q=户口', { waitUntil: 'domcontentloaded' });
  await hidden();
  await page.evaluate(() => localStorage.setItem('guichet.lang', 'en'));
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await hidden();
  await page.evaluate(() => {
    localStorage.removeItem('guichet.lang');
    localStorage.setItem('guichet.elderly', '1');
  });
  await page.goto('/disclosure', { waitUntil: 'domcontentloaded' });
  await hidden();
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府信息公开');
  await expect(page.locator('html')).toHaveClass(/elderly/);
});

/** When the page's resources started, as the page's own timeline says. */
async function timeline(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ wasm: number; paint: number | null; parsed: number }>((resolve) => {
        const wasm = () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
        const done = (paint: number | null) => {
          const parsed = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart;
          const poll = () => {
            const entry = wasm();
            if (entry) resolve({ wasm: entry.startTime, paint, parsed });
            else setTimeout(poll, 20);
          };
          poll();
        };
        new PerformanceObserver((list) => done(list.getEntries().at(-1)?.startTime ?? null)).observe({
          type: 'largest-contentful-paint',
          buffered: true,
        });
        setTimeout(() => done(null), 3_000);
      }),
  );
}

test('the wasm is requested once the first screen has painted, and at once where there is none', async ({ page }) => {
  // A picture: its stylesheet has the line first; the wasm follows the paint.
  await page.goto('/guide', { waitUntil: 'domcontentloaded' });
  const pictured = await timeline(page);
  expect(pictured.paint, 'a largest paint from the HTML').not.toBeNull();
  expect(pictured.wasm).toBeGreaterThanOrEqual(pictured.paint ?? Infinity);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事指南');

  // No picture with a query: the wasm is requested while the document is still being read.
  await page.goto('/guide?q=户口', { waitUntil: 'domcontentloaded' });
  const plain = await timeline(page);
  expect(plain.wasm).toBeLessThan(plain.parsed);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事指南');
});

test("an item page's picture stands in the app's page until the item has loaded, never 「加载中」", async ({ page }) => {
  const csp: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) csp.push(message.text());
  });
  const releaseWasm = await holdWasm(page);
  let releaseItem = () => {};
  const itemReleased = new Promise<void>((resolve) => (releaseItem = resolve));
  await page.route('**/api/services/GA-001', async (route) => {
    await itemReleased;
    await route.continue();
  });
  await page.goto('/guide/GA-001', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('html')).toHaveAttribute('data-first-screen-of', '/guide/GA-001');
  // (The keeping script has taken its <main> out of what the app removes at its mount.)
  await expect(page.locator('body > main[inert] h1')).toHaveText('居民身份证换领');

  // The header as the app paints it on an item page: no link of its menu is the current page's.
  await expect(page.locator('header nav a[aria-current]')).toHaveCount(0);

  // The app has mounted; its item has not come: the picture stands in its <main>, inert.
  releaseWasm();
  await expect(page.locator('main#main > h1[inert]')).toHaveText('居民身份证换领');
  await expect(page.locator('body > [data-first-screen]')).toHaveCount(0);
  await expect(page.getByText('加载中')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);

  // The item has come: the app's page, alone.
  releaseItem();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民身份证换领');
  await expect(page.getByTestId('start-apply')).toBeVisible();
  await expect(page.locator('main#main [inert]')).toHaveCount(0);
  await expect(page.locator('main#main h1')).toHaveCount(1);
  await expect(page.locator('header nav a[aria-current]')).toHaveCount(0);
  expect(csp, 'no script refused by the Content-Security-Policy').toEqual([]);
});
