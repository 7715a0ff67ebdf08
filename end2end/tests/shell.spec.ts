// The app shell: it loads, every top-level place is reachable, a wrong address gets the 404
// page, and the language and elderly-mode choices survive a reload.
import { test, expect } from '@playwright/test';

const places = [
  { path: '/guide', nav: '办事指南', heading: '办事指南' },
  { path: '/disclosure', nav: '信息公开', heading: '政府信息公开' },
  { path: '/track', nav: '办件查询', heading: '办件查询' },
  { path: '/guide/drafts', nav: '我的草稿', heading: '我的草稿和待发送' },
  { path: '/settings', nav: '设置', heading: '设置' },
  { path: '/', nav: '首页', heading: '网上办事大厅' },
];

test('the app loads in Chinese with its header and navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await expect(page.getByTestId('online-state')).toHaveText('在线');
  await expect(page.getByTestId('pending-count')).toContainText('0');
});

test('every top-level place is reachable from the navigation', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const place of places) {
    await nav.getByRole('link', { name: place.nav, exact: true }).click();
    await expect(page).toHaveURL(place.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(place.heading);
  }
});

test('a deep link opens its page and an unknown address shows the 404 page', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await expect(page.getByTestId('server-health')).toContainText('连接正常');
  await page.goto('/no/such/place');
  await expect(page.getByTestId('not-found')).toHaveText('找不到该页面');
});

test('a server that answers an address with the wrong bundle does not make the page reload for ever', async ({ browser, baseURL }) => {
  // A misconfigured proxy (or a stale service worker) answering /contact/… with the shell's
  // page: the shell sees an address of another bundle and loads it again, which would land on
  // the shell again. Service workers are off so that the route below sees every load.
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'zh-CN' });
  const page = await context.newPage();
  const shell = await (await page.request.get('/')).text();
  let answered = 0;
  await page.route('**/contact/ask', (route) => {
    answered += 1;
    return route.fulfill({ status: 200, contentType: 'text/html', body: shell });
  });
  await page.goto('/contact/ask');
  await expect(page.getByTestId('not-found')).toHaveText('找不到该页面');
  // The first load and two reloads, then the page stays (a loop would go on counting).
  await page.waitForTimeout(1500);
  expect(answered).toBe(3);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await context.close();
});

test('the language switch survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Online service hall');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Online service hall');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
});

test('elderly mode enlarges the text and survives a reload', async ({ page }) => {
  await page.goto('/');
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const standard = await fontSize();
  await page.getByTestId('elderly-switch').click();
  await expect(page.locator('html')).toHaveClass(/elderly/);
  await expect(page.getByTestId('elderly-switch')).toHaveAttribute('aria-pressed', 'true');
  expect(await fontSize()).toBeGreaterThanOrEqual(standard * 1.3);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/elderly/);
  await page.goto('/settings');
  await expect(page.getByTestId('elderly-checkbox')).toBeChecked();
  await page.getByTestId('elderly-checkbox').uncheck();
  await expect(page.locator('html')).not.toHaveClass(/elderly/);
});

test('the page fits a 360 px wide phone without sideways scrolling', async ({ page }) => {
  await page.goto('/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Every place is on screen, none hidden behind a sideways scroll, in large text too.
  for (const elderly of [false, true]) {
    if (elderly) {
      await page.getByTestId('elderly-switch').click();
      // Large text: the header keeps to about a fifth of the screen, the places behind 菜单.
      const header = await page.locator('header.site-header').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(740 * 0.2);
      const menu = page.getByTestId('menu-toggle');
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
    }
    for (const link of await page.getByRole('navigation', { name: '主导航' }).getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    }
  }
});
