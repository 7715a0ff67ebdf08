// Identity numbers that name a real place: the forms check the 6-digit area code against the
// GB/T 2260 division codes (fetched from /api/divisions, kept by the service worker), offline
// too after one online visit.
import { test, expect } from '@playwright/test';
import { waitForServiceWorker } from './helpers';

// 110199 never was a division code; the check character is right, so MOD 11-2 lets it through.
const UNKNOWN_PLACE = '110199199001010010';

test('the form refuses an area code that names no place, offline after one online visit', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  // The worker fetched the division codes at install, with the shell.
  await expect
    .poll(() => page.evaluate(async () => !!(await (await caches.open('guichet-api-v1')).match('/api/divisions'))))
    .toBe(true);
  await page.goto('/guide/GA-001');
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/draft=/);
  await expect(page.locator('#q-name')).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('online-state')).toHaveText('离线');
  await page.locator('#q-name').fill('王五');
  await page.locator('#q-id_no').fill(UNKNOWN_PLACE);
  await page.locator('#q-phone').fill('13800138000');
  await page.locator('#q-address').fill('城关镇人民路1号');
  await page.getByTestId('continue').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('前6位地区码110199不是有效的行政区划代码');
  await expect(page.locator('#q-id_no')).toHaveAttribute('aria-invalid', 'true');

  // A number of a real place passes, written with hyphens as some cards are copied.
  await page.locator('#q-id_no').fill('110105-19491231-002X');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
});
