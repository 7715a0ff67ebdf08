// The staff desk is a separate app under /staff: its own bundle, never the citizens' cached
// shell, even on a browser where the citizens' service worker is installed.
import { test, expect } from '@playwright/test';
import { fileCase } from './helpers';

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

test('a window clerk signs in, finds the new pre-review and asks for a supplement', async ({ page, request }) => {
  const filed = await fileCase(request);

  await page.goto('/staff');
  await page.getByLabel('用户名').fill('ga');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('login-error')).toBeVisible();

  await page.getByLabel('密码').fill('demo-ga-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-me')).toBeVisible();
  await expect(page.getByTestId('queue')).toContainText(filed.case_no);

  // A reload keeps the session.
  await page.reload();
  await expect(page.getByTestId('queue')).toContainText(filed.case_no);

  await page.getByTestId('queue').getByRole('button', { name: filed.case_no }).click();
  await expect(page.getByTestId('desk-case-no')).toHaveText(filed.case_no);
  await expect(page.getByTestId('desk-answers')).toContainText('张三');
  await expect(page.getByTestId('desk-state')).toHaveText('提交预审');

  await page.getByTestId('move-request_supplement').click();
  await page.getByTestId('move-text').fill('身份证复印件不清晰\n缺少户口簿首页');
  await page.getByTestId('move-note').fill('请重新上传清晰照片。');
  await page.getByTestId('move-confirm').click();
  await expect(page.getByTestId('desk-state')).toHaveText('需补正');
  await expect(page.getByTestId('move-pass_prereview')).toHaveCount(0);

  // Another department's clerk does not see the case at all.
  await page.getByTestId('logout').click();
  await page.getByLabel('用户名').fill('jt');
  await page.getByLabel('密码').fill('demo-jt-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-me')).toBeVisible();
  await expect(page.getByText(filed.case_no)).toHaveCount(0);
});

test('every staff bundle fits a 360 px wide phone without sideways scrolling', async ({ page }) => {
  // The default viewport is 360×740. Wide tables scroll inside their own frame; the page never.
  await page.goto('/staff/');
  await page.getByLabel('用户名').fill('zhongxin');
  await page.getByLabel('密码').fill('demo-admin-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-me')).toBeVisible();
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  await expect(page.getByTestId('queue').or(page.getByTestId('queue-empty'))).toBeVisible();
  expect(await width()).toBeLessThanOrEqual(360);
  await page.goto('/staff/gk/');
  await expect(page.getByTestId('gk-tab')).toHaveAttribute('aria-current', 'page');
  expect(await width()).toBeLessThanOrEqual(360);
  await page.goto('/staff/admin/');
  await expect(page.getByTestId('accounts')).toBeVisible();
  expect(await width()).toBeLessThanOrEqual(360);
  await page.goto('/staff/publish/');
  await expect(page.getByTestId('catalog-desk')).toBeVisible();
  expect(await width()).toBeLessThanOrEqual(360);
  await page.getByTestId('tab-guide').click();
  await expect(page.locator('fieldset').first()).toBeVisible();
  expect(await width()).toBeLessThanOrEqual(360);
});
