// Administration on /staff/admin/ (a bundle of its own), at a desktop viewport: an administrator
// creates an account whose temporary password must be changed at first sign-in; a department
// appeals a bad rating with evidence and the center upholds it, which takes the rating out of
// the published results; every step is in the audit log with its actor.
import { test, expect, request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileCase, signIn } from './helpers';

test.use({ viewport: { width: 1280, height: 800 } });

/** Serious and critical axe findings inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A staff API session (for the moves that are not what a test is about). */
async function staffApi(username: string, password: string) {
  const api = await newRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const login = await api.post('/api/staff/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  const csrf = (await login.json()).csrf_token as string;
  return {
    post: (path: string, data: Record<string, unknown>) =>
      api.post(path, { headers: { 'X-CSRF-Token': csrf }, data }),
  };
}

/** A GA case concluded and rated `level` by its applicant; returns its number. */
async function concludedAndRated(request: APIRequestContext, level: string, comment: string) {
  const filed = await fileCase(request);
  const ga = await staffApi('ga', 'demo-ga-2026');
  for (const [expected, body] of [
    ['submitted', { action: 'pass_prereview' }],
    ['pre_review_passed', { action: 'accept' }],
    ['accepted', { action: 'start' }],
    ['in_progress', { action: 'conclude', decision: 'approve' }],
  ] as const) {
    const reply = await ga.post(`/api/staff/cases/${filed.case_no}/actions`, { ...body, expected_state: expected });
    expect(reply.status(), await reply.text()).toBe(200);
  }
  const rating = await request.post(`/api/cases/${filed.case_no}/evaluation`, {
    data: { query_code: filed.query_code, client_id: `rate-${filed.case_no}`, level, comment },
  });
  expect(rating.status(), await rating.text()).toBe(201);
  return filed.case_no;
}

test('an administrator creates an account that must change its password at first sign-in', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'zhongxin', 'demo-admin-2026');
  await admin.getByTestId('nav-admin').click();
  await expect(admin).toHaveURL(/\/staff\/admin\/$/);
  await expect(admin.getByTestId('accounts')).toBeVisible();

  const form = admin.getByTestId('account-form');
  // A missing department is named.
  const username = `ga-new-${Date.now() % 100000}`;
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('李四');
  await form.getByLabel('角色').selectOption('window');
  await form.getByTestId('account-save').click();
  await expect(form.getByRole('alert')).toContainText('窗口人员和部门审核须选择所属部门');
  await form.getByLabel('所属部门').selectOption('GA');
  await form.getByTestId('account-save').click();
  const notice = admin.getByTestId('account-notice');
  await expect(notice).toContainText(`${username} 的临时密码：`);
  const temporary = /临时密码：([A-Za-z0-9]{12})/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(temporary).toHaveLength(12);
  const row = admin.getByTestId('account-row').filter({ hasText: username });
  await expect(row).toContainText('窗口人员');
  await expect(row).toContainText('待本人设置密码');
  expect(await axeViolations(admin, 'main')).toEqual([]);
  await admin.screenshot({ path: test.info().outputPath('admin-accounts-1280.png'), fullPage: true });

  // The newcomer signs in with it and must choose a password before anything else.
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto('/staff');
  await newcomer.getByLabel('用户名').fill(username);
  await newcomer.getByLabel('密码').fill(temporary);
  await newcomer.getByRole('button', { name: '登录' }).click();
  const change = newcomer.getByTestId('password-change');
  await expect(change).toBeVisible();
  await expect(newcomer.getByTestId('nav-desk')).toHaveCount(0);
  await change.getByLabel('当前密码').fill(temporary);
  await change.getByLabel('新密码', { exact: true }).fill('my-own-secret-2026');
  await change.getByLabel('再次输入新密码').fill('my-own-secret-2026');
  await change.getByRole('button', { name: '保存新密码' }).click();
  await expect(newcomer.getByRole('button', { name: '待办事项' })).toBeVisible();
  await expect(newcomer.getByTestId('staff-me')).toHaveText('李四');

  // The audit log names who created it, in Beijing time.
  await admin.getByTestId('tab-audit').click();
  const entry = admin.getByTestId('audit').locator('tr').filter({ hasText: username }).first();
  await expect(entry).toContainText('account.create');
  await expect(entry).toContainText('中心管理员（演示）');
  await expect(entry).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
});

test('a department appeals a bad rating and the center upholds it: the rating leaves the published results', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const caseNo = await concludedAndRated(request, 'very_dissatisfied', '根本没去过窗口也被评了');
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const before = await (await request.get(`/api/evaluations/results?year=${year}`)).json();
  const gaBefore = before.departments.find((d: { code: string }) => d.code === 'GA');

  // The department's reviewer finds it on 差评整改 with its words and the days left.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(desk, 'ga', 'demo-ga-2026');
  await desk.getByRole('button', { name: '差评整改' }).click();
  const card = desk.getByTestId('followup').filter({ hasText: caseNo });
  await expect(card.getByTestId('followup-comment')).toHaveText('根本没去过窗口也被评了');
  await expect(card.getByTestId('followup-status')).toContainText('还剩 15 个工作日');
  await card.getByTestId('appeal-open').click();
  const form = card.getByTestId('appeal-form');
  await form.getByLabel(/申诉理由/).fill('经查窗口叫号记录，申请人当日未到本窗口办理，评价内容与事实不符。');
  await form.getByLabel(/证明材料/).setInputFiles({
    name: '叫号记录.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% queue log\n%%EOF\n'),
  });
  await form.getByRole('button', { name: '提交申诉' }).click();
  const confirm = card.getByTestId('appeal-confirm');
  await expect(confirm).toBeFocused();
  await expect(confirm).toContainText('不能修改或撤回');
  await confirm.getByTestId('appeal-confirm-yes').click();
  await expect(card.getByTestId('appeal-state')).toHaveText('申诉待复核');
  expect(await axeViolations(desk, 'main')).toEqual([]);

  // The center reads the reasons and evidence, and upholds it after confirming.
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(admin, 'zhongxin', 'demo-admin-2026');
  await admin.goto('/staff/admin/');
  await admin.getByTestId('tab-appeals').click();
  const appeal = admin.getByTestId('appeal').filter({ hasText: caseNo });
  await expect(appeal.getByTestId('appeal-reasons')).toContainText('叫号记录');
  await expect(appeal.getByRole('link', { name: '叫号记录.pdf' })).toBeVisible();
  await appeal.getByTestId('appeal-uphold').click();
  await expect(appeal.getByRole('alert')).toContainText('请写明复核意见');
  await appeal.getByTestId('appeal-note').fill('经核查叫号系统，申诉成立。');
  await appeal.getByTestId('appeal-uphold').click();
  await expect(appeal.getByTestId('appeal-decide-confirm')).toContainText('不计入部门的评价结果');
  await appeal.getByTestId('appeal-decide-yes').click();
  await expect(appeal.getByTestId('appeal-decision')).toContainText('申诉成立');
  await expect(appeal.getByTestId('appeal-decision')).toContainText('中心管理员（演示）');
  const results = admin.getByTestId('evaluation-results').locator('tr[data-code="GA"]');
  await expect(results.getByTestId('excluded')).toHaveText(String((gaBefore?.excluded ?? 0) + 1));
  expect(await axeViolations(admin, 'main')).toEqual([]);
  await admin.screenshot({ path: test.info().outputPath('admin-appeals-1280.png'), fullPage: true });

  // The department sees the outcome; the published results no longer count the rating.
  await desk.reload();
  await desk.getByRole('button', { name: '差评整改' }).click();
  await expect(card.getByTestId('appeal-state')).toHaveText('申诉成立');
  await expect(card.getByTestId('followup-status')).toContainText('无需整改');
  const after = await (await request.get(`/api/evaluations/results?year=${year}`)).json();
  const gaAfter = after.departments.find((d: { code: string }) => d.code === 'GA');
  expect(gaAfter.excluded).toBe((gaBefore?.excluded ?? 0) + 1);
  // `before` already counted this rating (it was given before the appeal).
  expect(gaAfter.total).toBe((gaBefore?.total ?? 0) - 1);
});

test('a year without a rating says so under 好差评结果, where there was only a row of headings', async ({ page }) => {
  // The desk asks for the center's current year: in the browser's 2031, nobody has rated yet.
  await page.clock.setFixedTime(new Date('2031-03-03T02:00:00Z'));
  await signIn(page, 'zhongxin', 'demo-admin-2026');
  await page.goto('/staff/admin/');
  await page.getByTestId('tab-appeals').click();
  await expect(page.getByRole('heading', { name: '2031 年好差评结果（公开）' })).toBeVisible();
  await expect(page.getByTestId('evaluation-results-none')).toHaveText('本年暂无评价。');
  await expect(page.getByTestId('evaluation-results')).toHaveCount(0);
  expect(await axeViolations(page, 'main')).toEqual([]);
});
