// The staff desk is a separate app under /staff: its own bundle, never the citizens' cached
// shell, even on a browser where the citizens' service worker is installed.
import { test, expect } from '@playwright/test';

test('the staff desk loads its own sign-in page, not the citizen app', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto('/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员登录');
  await expect(page.getByLabel('用户名')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0);
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  expect(scripts.some((path) => path.startsWith('/staff/guichet-staff-'))).toBe(true);
  expect(scripts.some((path) => path.startsWith('/guichet-app-'))).toBe(false);
});
