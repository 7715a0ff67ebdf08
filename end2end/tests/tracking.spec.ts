// 办件查询: a citizen follows a case by number and query code, reads it offline as of its last
// answer, and sees the supplement (补正) staff asked for once the line is back.
import { test, expect } from '@playwright/test';
import { fileCase } from './helpers';

test('a case is followed on the device, read offline, and shows the supplement asked', async ({
  page,
  context,
  request,
}) => {
  const filed = await fileCase(request);

  await page.goto('/track');
  // A wrong code gets the one generic answer.
  await page.getByTestId('track-case-no').fill(filed.case_no);
  await page.getByTestId('track-query-code').fill('WRONG-CODE-0000');
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-error')).toHaveText('办件编号或查询码不正确。');

  // Typed sloppily (lowercase, spaces): still found.
  await page.getByTestId('track-query-code').fill(` ${filed.query_code.toLowerCase()} `);
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(filed.case_no);
  await expect(page.getByTestId('case-state')).toHaveText('提交预审');
  await expect(page.getByTestId('case-timeline').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('tracked-cases')).toContainText(filed.case_no);

  // Offline, the device still shows what it knew, and says so.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('tracked-cases')).toContainText(filed.case_no);
  await page.getByTestId('tracked-cases').getByRole('button', { name: filed.case_no }).click();
  await expect(page.getByTestId('case-state')).toHaveText('提交预审');
  await expect(page.getByTestId('case-as-of')).toContainText('离线显示本机保存的信息');

  // Meanwhile the window asks for a supplement.
  const login = await request.post('/api/staff/login', { data: { username: 'ga', password: 'demo-ga-2026' } });
  expect(login.status()).toBe(200);
  const { csrf_token } = await login.json();
  const action = await request.post(`/api/staff/cases/${filed.case_no}/actions`, {
    headers: { 'X-CSRF-Token': csrf_token },
    data: {
      action: 'request_supplement',
      missing: ['身份证复印件不清晰，请重新上传'],
      note: '请上传清晰的正反面照片。',
      expected_state: 'submitted',
    },
  });
  expect(action.status()).toBe(200);

  // Back online, the device refreshes by itself.
  await context.setOffline(false);
  await expect(page.getByTestId('case-state')).toHaveText('需补正');
  await expect(page.getByTestId('case-supplement')).toContainText('身份证复印件不清晰，请重新上传');
  await expect(page.getByTestId('case-supplement')).toContainText('请上传清晰的正反面照片。');

  // The person can take the case and its code off a shared computer.
  await page.getByTestId('forget').click();
  await page.getByTestId('forget-yes').click();
  await expect(page.getByText('本机还没有关注的办件。')).toBeVisible();
});
