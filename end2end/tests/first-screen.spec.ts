// The entry bundles' static first screens (scripts/first-screen.mjs, issue 16): the page is
// painted from its HTML before the wasm has come, the app takes its place without a shift or a
// second copy, and the screen stays hidden where it would not be the app's first paint.
import { test, expect, type Page } from '@playwright/test';

const ENTRY_PAGES = [
  { path: '/', heading: '网上办事大厅' },
  { path: '/guide', heading: '办事指南' },
  { path: '/disclosure', heading: '政府信息公开' },
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
  await page.goto('/track', { waitUntil: 'domcontentloaded' });
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
