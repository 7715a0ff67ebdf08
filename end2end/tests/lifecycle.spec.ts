// The whole life of a case with a staff browser and a citizen browser side by side: filed, a
// supplement asked on the desk, seen in 办件查询, amended in the app and resubmitted through the
// outbox (online for a 承诺件, offline for a 联办件), accepted, (each department on its own part,)
// concluded; then the citizen's 好差评 (a bad one opens a follow-up on the desk) and complaint;
// and a late joint part in 电子监察, after the demo server's clock is moved (`--test-clock`).
import {
  test,
  expect,
  request as newRequest,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { fileCase, fileItem, PERSON, signIn, waitForServiceWorker } from './helpers';

type Staff = { api: APIRequestContext; csrf: string };

function baseURL(): string {
  return test.info().project.use.baseURL ?? 'http://127.0.0.1:8181';
}

/** A staff member's own API session (its own cookie jar). */
async function staffApi(username: string, password: string): Promise<Staff> {
  const api = await newRequest.newContext({ baseURL: baseURL() });
  const login = await api.post('/api/staff/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  return { api, csrf: (await login.json()).csrf_token };
}

async function staffPost(staff: Staff, path: string, data: Record<string, unknown>) {
  return staff.api.post(path, { headers: { 'X-CSRF-Token': staff.csrf }, data });
}

async function act(staff: Staff, caseNo: string, expected: string, body: Record<string, unknown>) {
  const reply = await staffPost(staff, `/api/staff/cases/${caseNo}/actions`, { ...body, expected_state: expected });
  expect(reply.status(), await reply.text()).toBe(200);
}

async function openCase(desk: Page, caseNo: string) {
  await desk.getByRole('button', { name: '待办事项' }).click();
  await desk.getByTestId('queue').getByRole('button', { name: caseNo }).click();
  await expect(desk.getByTestId('desk-case-no')).toHaveText(caseNo);
}

async function askSupplement(desk: Page, missing: string[], note: string) {
  await desk.getByTestId('move-request_supplement').click();
  await desk.getByTestId('move-text').fill(missing.join('\n'));
  await desk.getByTestId('move-note').fill(note);
  await desk.getByTestId('move-confirm').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('需补正');
}

/** The citizen follows the case in 办件查询 (number and code typed in). */
async function follow(app: Page, filed: { case_no: string; query_code: string }) {
  await app.goto('/track');
  await app.getByTestId('track-case-no').fill(filed.case_no);
  await app.getByTestId('track-query-code').fill(filed.query_code);
  await app.getByTestId('track-submit').click();
  await expect(app.getByTestId('case-no')).toHaveText(filed.case_no);
}

async function showCase(app: Page, caseNo: string) {
  await app.goto('/track');
  await app.getByTestId('tracked-cases').getByRole('button', { name: caseNo }).click();
  await expect(app.getByTestId('case-no')).toHaveText(caseNo);
}

/** Sees what is asked, amends in the form filler (one answer of the first section changed to
 * `field` = `value`) and presses submit (after `beforeSubmit`); returns on the receipt page. */
async function amend(
  app: Page,
  caseNo: string,
  missing: string,
  field: string,
  value: string,
  beforeSubmit: () => Promise<void> = async () => {},
) {
  await showCase(app, caseNo);
  await expect(app.getByTestId('case-state')).toHaveText('需补正');
  await expect(app.getByTestId('case-supplement')).toContainText(missing);
  await app.getByTestId('amend').click();
  await expect(app).toHaveURL(/\/guide\/apply\/.+draft=.+step=check/);
  await expect(app.getByTestId('supplement-banner')).toContainText(caseNo);
  await expect(app.getByTestId('supplement-banner')).toContainText(missing);
  // The draft starts from what was submitted.
  await expect(app.getByTestId('answer-name')).toHaveText(PERSON.name);
  await app.locator('.change a').first().click();
  await app.locator(`#q-${field}`).fill(value);
  await expect(app.getByTestId('saved')).toContainText('已自动保存');
  for (let i = 0; i < 8 && !(await app.getByTestId('submit').isVisible()); i++) {
    await app.getByTestId('continue').click();
  }
  await expect(app.getByTestId(`answer-${field}`)).toHaveText(value);
  await beforeSubmit();
  await app.getByTestId('submit').click();
  await expect(app).toHaveURL(/\/guide\/receipt\//);
}

async function citizenAndDesk(browser: import('@playwright/test').Browser) {
  const citizen: BrowserContext = await browser.newContext();
  const staff: BrowserContext = await browser.newContext();
  return { citizen, app: await citizen.newPage(), staff, desk: await staff.newPage() };
}

test('the life of a 承诺件: supplement amended in the app, conclusion, a bad rating followed up, a complaint', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { citizen, app, staff, desk } = await citizenAndDesk(browser);
  const filed = await fileCase(request);
  await follow(app, filed);
  await expect(app.getByTestId('case-state')).toHaveText('提交预审');

  // The window asks for a supplement with a list of what is missing.
  await signIn(desk, 'ga', 'demo-ga-2026');
  await openCase(desk, filed.case_no);
  await askSupplement(desk, ['身份证复印件不清晰', '地址与户籍不符'], '请核对后重新提交。');

  // The citizen sees exactly what is asked, amends in the app; the outbox sends it at once.
  await amend(app, filed.case_no, '地址与户籍不符', 'address', '城关镇人民路2号');
  await expect(app.getByTestId('receipt')).toBeVisible();
  await expect(app.getByTestId('case-no')).toHaveText(filed.case_no);
  await showCase(app, filed.case_no);
  await expect(app.getByTestId('case-state')).toHaveText('提交预审');
  await expect(app.getByTestId('case-timeline')).toContainText('补正');

  // The desk sees the resubmission, passes the pre-review, accepts and concludes.
  await openCase(desk, filed.case_no);
  await expect(desk.getByTestId('desk-state')).toHaveText('提交预审');
  await expect(desk.getByTestId('desk-answers')).toContainText('城关镇人民路2号');
  await desk.getByTestId('move-pass_prereview').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('预审通过');
  await desk.getByTestId('move-accept').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('已受理');
  await desk.getByTestId('move-start').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('办理中');
  await desk.getByRole('button', { name: '准予', exact: true }).click();
  await desk.getByTestId('move-text').fill('出具无犯罪记录证明');
  await desk.getByTestId('move-confirm').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('办结（准予）');

  // The citizen sees the conclusion and rates it badly, with a comment.
  await showCase(app, filed.case_no);
  await expect(app.getByTestId('case-state')).toHaveText('办结（准予）');
  const rating = app.getByTestId('evaluation');
  await expect(rating.getByRole('group', { name: '您对本次办理是否满意？' })).toBeVisible();
  await rating.getByTestId('evaluation-submit').click();
  await expect(rating.getByRole('alert')).toHaveText('请选择一个评价等级。');
  await rating.getByLabel('不满意', { exact: true }).check();
  await rating.getByLabel('意见或建议（选填）').fill('补正来回两次，等太久');
  await rating.getByTestId('evaluation-submit').click();
  await expect(app.getByTestId('evaluation-done')).toHaveText('您的评价：不满意');

  // The bad rating opens a follow-up on the desk.
  await desk.getByRole('button', { name: '差评整改' }).click();
  await expect(desk.locator('article.followup').filter({ hasText: filed.case_no })).toContainText('等太久');

  // A complaint about the case, from 办件查询 (我要投诉, a page of its own); its number and query
  // code are kept on the device and listed on 投诉查询.
  await app.getByTestId('complain-case').click();
  await expect(app).toHaveURL(/\/track\/complaint\/new\?case=/);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('我要投诉');
  const form = app.getByTestId('complaint-form');
  await expect(form.getByLabel('相关办件编号（选填）')).toHaveValue(filed.case_no);
  await form.getByTestId('complaint-submit').click();
  // The error summary names each empty field and links to it; the fields are marked.
  const summary = app.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['请填写投诉事由。', '请填写事实与理由。', '请填写联系电话或电子邮箱。']);
  await expect(form.getByLabel('投诉事由')).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: '请填写事实与理由。' }).click();
  await expect(form.getByLabel('事实与理由')).toBeFocused();
  await form.getByLabel('投诉事由').fill('补正要求前后不一');
  await form.getByLabel('事实与理由').fill('第一次只说身份证不清晰，第二次又要求核对地址。');
  await form.getByLabel(/联系电话或电子邮箱/).fill('13800138000');
  await form.getByTestId('complaint-submit').click();
  await expect(app).toHaveURL('/track/complaint?saved=1');
  await expect(app.getByTestId('error-summary')).toHaveCount(0);
  await expect(app.getByTestId('complaint')).toContainText(/TS\d{8}-\d{4}/);
  await expect(app.getByTestId('complaint')).toContainText('补正要求前后不一');
  const number = (await app.getByTestId('complaint').locator('strong').first().textContent()) ?? '';
  // The query code is shown prominently, to note down: it alone opens the complaint elsewhere.
  await expect(app.getByTestId('complaint-code')).toHaveText(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await expect(app.getByTestId('complaint')).toContainText('请记下投诉编号和查询码');
  const code = (await app.getByTestId('complaint-code').textContent()) ?? '';
  const lookup = await request.post('/api/complaints/lookup', {
    data: { complaint_no: number, query_code: code },
  });
  expect(lookup.status()).toBe(200);
  expect((await lookup.json()).case_no).toBe(filed.case_no);
  // The contact phone, which the department complained about knows, opens nothing.
  const byContact = await request.post('/api/complaints/lookup', {
    data: { complaint_no: number, contact: '138 0013 8000' },
  });
  expect(byContact.status()).toBe(404);
  // Kept on the device: still listed after a reload.
  await app.reload();
  await expect(app.getByTestId('complaint')).toContainText(number);
  await expect(app.getByTestId('complaint-code')).toHaveText(code);

  await citizen.close();
  await staff.close();
});

test('the life of a 联办件: an offline 补正 waits in 待发送, each department acts on its own part only, a rating sent when back online', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { citizen, app, staff, desk } = await citizenAndDesk(browser);
  // 企业开办“一件事”: SC leads; GA, RS and SW take part.
  const filed = await fileItem(
    request,
    'SC-004',
    { ...PERSON, proposed_name: '城关镇示范贸易有限公司', seal_types: ['official', 'finance'], need_invoice: 'no', has_agent: 'no' },
    ['material_1', 'material_2', 'material_3', 'material_4'],
  );
  await follow(app, filed);
  await waitForServiceWorker(app);

  await signIn(desk, 'sc', 'demo-sc-2026');
  await openCase(desk, filed.case_no);
  await askSupplement(desk, ['企业名称与名称自主申报结果不一致'], '');

  // The line drops before the amended answers are sent: they wait in the outbox (待发送).
  await amend(app, filed.case_no, '企业名称与名称自主申报结果不一致', 'name', '张三丰', () =>
    citizen.setOffline(true),
  );
  await expect(app.getByTestId('receipt-waiting')).toBeVisible();
  await app.goto('/guide/drafts');
  const record = app.getByTestId('outbox-record');
  await expect(record).toContainText(`补正 · ${filed.case_no}`);
  await expect(record).toHaveAttribute('data-state', 'pending');
  await citizen.setOffline(false);
  await expect(app.getByTestId('outbox-record')).toHaveCount(0);
  await showCase(app, filed.case_no);
  await expect(app.getByTestId('case-state')).toHaveText('提交预审');

  // The lead department sees it and accepts: the joint review starts.
  await openCase(desk, filed.case_no);
  await expect(desk.getByTestId('desk-answers')).toContainText('张三丰');
  await desk.getByTestId('move-pass_prereview').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('预审通过');
  await desk.getByTestId('move-accept').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('已受理');

  // GA decides its own part on the desk; it cannot decide RS's.
  await desk.getByTestId('logout').click();
  await signIn(desk, 'ga', 'demo-ga-2026');
  await openCase(desk, filed.case_no);
  // Its own part only: no buttons on the other departments' parts.
  await expect(desk.getByTestId('part-RS')).toContainText('待审');
  await expect(desk.getByTestId('part-RS').getByRole('button')).toHaveCount(0);
  await desk.getByTestId('part-approve-GA').click();
  await expect(desk.getByTestId('action-message')).toBeVisible();
  await expect(desk.getByTestId('part-GA')).toContainText('同意');
  await expect(desk.getByTestId('part-GA').getByRole('button')).toHaveCount(0);
  const ga = await staffApi('ga', 'demo-ga-2026');
  const other = await staffPost(ga, `/api/staff/cases/${filed.case_no}/parts/RS/decision`, {
    decision: 'approve',
    note: '',
  });
  expect(other.status()).toBe(403);
  const whole = await staffPost(ga, `/api/staff/cases/${filed.case_no}/actions`, {
    action: 'start',
    expected_state: 'accepted',
  });
  expect(whole.status()).toBe(403);

  // SC decides its own part; RS and SW are absent from the joint meeting (缺席默认: consent
  // for this item); then SC concludes.
  const sc = await staffApi('sc', 'demo-sc-2026');
  const detail = await (await sc.api.get(`/api/staff/cases/${filed.case_no}`)).json();
  const pending = detail.parts
    .map((part: { department: string; state: { state: string } }) => ({
      code: part.department,
      state: part.state.state,
    }))
    .filter((part: { state: string }) => part.state === 'pending');
  expect(pending.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['RS', 'SW']));
  expect(pending.map((p: { code: string }) => p.code)).not.toContain('GA');
  // On the desk: SC decides its own part and, as the lead department, records the absences.
  await desk.getByTestId('logout').click();
  await signIn(desk, 'sc', 'demo-sc-2026');
  await openCase(desk, filed.case_no);
  for (const { code } of pending) {
    await desk.getByTestId(code === 'SC' ? 'part-approve-SC' : `part-absent-${code}`).click();
    await expect(desk.getByTestId(`part-${code}`)).toContainText(code === 'SC' ? '同意' : '缺席默认同意');
  }
  // Every part settled: SC starts and concludes the whole case on the desk.
  await desk.getByTestId('move-start').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('办理中');
  await desk.getByRole('button', { name: '准予', exact: true }).click();
  await desk.getByTestId('move-text').fill('营业执照已发放');
  await desk.getByTestId('move-confirm').click();
  await expect(desk.getByTestId('desk-state')).toHaveText('办结（准予）');

  // The citizen sees each department's part and the conclusion, and rates it well.
  await showCase(app, filed.case_no);
  await expect(app.getByTestId('case-state')).toHaveText('办结（准予）');
  await expect(app.getByTestId('case-detail').locator('table.parts')).toContainText('县公安局');
  // Written offline, the rating waits in the outbox and goes when the line is back.
  await citizen.setOffline(true);
  await app.getByTestId('evaluation').getByLabel('非常满意').check();
  await app.getByTestId('evaluation-submit').click();
  await expect(app.getByTestId('evaluation-waiting')).toHaveText('评价已保存在“待发送”中，联网后自动提交。');
  await citizen.setOffline(false);
  await expect(app.getByTestId('evaluation-done')).toHaveText('您的评价：非常满意');

  await ga.api.dispose();
  await sc.api.dispose();
  await citizen.close();
  await staff.close();
});

test('a joint part past its deadline shows in 电子监察 with the working days over', async ({ page, request }) => {
  test.setTimeout(120_000);
  // 竣工联合验收: ZJ leads, ZR and XF take part, and silence is not consent.
  const filed = await fileItem(
    request,
    'ZJ-003',
    {
      company_name: '县城建设工程有限公司',
      credit_code: '91350100M000100Y43',
      legal_rep: '王五',
      contact_phone: '13800138000',
      company_address: '城关镇建设路8号',
      project_name: '城关镇幼儿园改扩建工程',
      completion_date: '2026-10-30',
      has_agent: 'no',
    },
    ['material_1', 'material_2', 'material_3'],
  );
  const zj = await staffApi('zj', 'demo-zj-2026');
  await act(zj, filed.case_no, 'submitted', { action: 'pass_prereview' });
  await act(zj, filed.case_no, 'pre_review_passed', { action: 'accept' });
  await zj.api.dispose();

  // Thirty days later (the demo server's clock, moved for this test only).
  const moved = await request.post('/api/test/clock', { data: { offset_days: 30 } });
  expect(moved.status()).toBe(200);
  try {
    await signIn(page, 'zhongxin', 'demo-admin-2026');
    await page.getByRole('button', { name: '电子监察（超期）' }).click();
    const late = page.getByTestId('overdue').locator('li').filter({ hasText: filed.case_no });
    await expect(late.first()).toContainText(/已超期 \d+ 个工作日/);
    await expect(late.filter({ hasText: '各部门办理情况' }).first()).toBeVisible();
    const overdue = await (await staffApi('zhongxin', 'demo-admin-2026')).api.get('/api/staff/overdue');
    const body = await overdue.json();
    const parts = body.departments
      .flatMap((d: { items: { kind: string; case_no: string; working_days_overdue: number }[] }) => d.items)
      .filter((i: { kind: string; case_no: string }) => i.kind === 'part' && i.case_no === filed.case_no);
    // ZR and XF at least (the lead department may have a part of its own).
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.working_days_overdue).toBeGreaterThan(5);
  } finally {
    await request.post('/api/test/clock', { data: { offset_days: 0 } });
  }
});

test('a rating refused by the server is set aside in 待发送 and is written again in 办件查询, not reopened as a form', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { citizen, app } = await citizenAndDesk(browser);
  const filed = await fileCase(request);
  const ga = await staffApi('ga', 'demo-ga-2026');
  await act(ga, filed.case_no, 'submitted', { action: 'pass_prereview' });
  await act(ga, filed.case_no, 'pre_review_passed', { action: 'accept' });
  await act(ga, filed.case_no, 'accepted', { action: 'start' });
  await act(ga, filed.case_no, 'in_progress', { action: 'conclude', decision: 'approve', result: '证明已出具' });
  await ga.api.dispose();
  await follow(app, filed);
  await expect(app.getByTestId('case-state')).toHaveText('办结（准予）');

  // Rated offline on this device, while the case is rated from another one (一事一评).
  await citizen.setOffline(true);
  await app.getByTestId('evaluation').getByLabel('满意', { exact: true }).check();
  await app.getByTestId('evaluation-submit').click();
  await expect(app.getByTestId('evaluation-waiting')).toBeVisible();
  const elsewhere = await request.post(`/api/cases/${filed.case_no}/evaluation`, {
    data: { query_code: filed.query_code, client_id: 'e2e-rated-elsewhere-0001', level: 'very_satisfied' },
  });
  expect(elsewhere.status(), await elsewhere.text()).toBeLessThan(300);
  await citizen.setOffline(false);

  // The server refuses the second rating: set aside with its reason, nothing else blocked.
  await app.goto('/guide/drafts');
  const record = app.getByTestId('outbox-record').filter({ hasText: filed.case_no });
  await expect(record.getByTestId('outbox-error')).toBeVisible({ timeout: 20_000 });
  await expect(record.getByTestId('fix-record')).toHaveCount(0);
  await record.getByTestId('rewrite-record').click();
  await expect(app).toHaveURL(/\/track$/);
  await citizen.close();
});

test('a complaint filed elsewhere is found by its number and query code and then kept on the device', async ({
  page,
  request,
}) => {
  const filed = await request.post('/api/complaints', {
    data: {
      client_id: 'e2e-complaint-elsewhere-01',
      subject: '窗口午休时间无人值守',
      facts: '中午12点半到窗口办理，无人接待。',
      contact: '13900139000',
    },
  });
  expect(filed.status(), await filed.text()).toBeLessThan(300);
  const number: string = (await filed.json()).complaint_no;
  const code: string = (await filed.json()).query_code;
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

  await page.goto('/track/complaint');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('投诉查询');
  const find = page.getByTestId('complaint-lookup');
  await find.getByTestId('complaint-find-submit').click();
  await expect(page.getByTestId('error-summary').getByRole('link')).toHaveText(['请填写投诉编号。', '请填写查询码。']);
  // The contact phone in place of the code: the one generic answer, nothing kept.
  await find.getByLabel('投诉编号').fill(number.toLowerCase());
  await find.getByLabel('查询码').fill('13900139000');
  await find.getByTestId('complaint-find-submit').click();
  await expect(page.getByTestId('error-summary').getByRole('link')).not.toHaveText(['请填写投诉编号。', '请填写查询码。']);
  await expect(page.getByTestId('error-summary')).not.toBeEmpty();
  await expect(page.getByTestId('complaint')).toHaveCount(0);

  await find.getByLabel('查询码').fill(code.toLowerCase());
  await find.getByTestId('complaint-find-submit').click();
  await expect(page.getByTestId('complaint')).toContainText(number);
  await expect(page.getByTestId('complaint')).toContainText('窗口午休时间无人值守');
  await page.reload();
  await expect(page.getByTestId('complaint')).toContainText(number);
  // Kept with the code the person typed (normalised), shown for noting down.
  await expect(page.getByTestId('complaint-code')).toHaveText(code);
});
