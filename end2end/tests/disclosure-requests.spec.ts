// 依申请公开 end to end: a request written offline and sent once; the agency's 补正 on day 5
// answered in the app, which restarts the clock; one extension and no second; a partial
// disclosure whose attachment the requester opens offline; an unanswered request overdue in
// 电子监察; a 补正 after the 7 working days refused with its reason.
//
// Time is the demo server's test clock (`--test-clock`), moved in whole days and put back
// after each test; staff sign in again after a move (sessions live in the server's time).
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileItem, signIn, waitForServiceWorker } from './helpers';

/** Serious and critical axe findings inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** 县教育局: the demo officer `gk-jy` handles its requests. */
const JY = '11331024002497839G';
const OFFICER = ['gk-jy', 'demo-gk-jy-2026'] as const;

const PERSON_REQUEST = {
  agency: JY,
  applicant_type: 'natural_person',
  name: '张三',
  id_type: 'resident_id',
  id_no: '11010519491231002X',
  phone: '13800138000',
  description: '县教育局2026年义务教育招生工作方案',
  delivery: 'online',
  format: 'electronic',
};

async function moveClock(request: APIRequestContext, days: number) {
  const moved = await request.post('/api/test/clock', { data: { offset_days: days } });
  expect(moved.status()).toBe(200);
}

test.afterEach(async ({ request }) => {
  await moveClock(request, 0);
});

/** Files a request through the API (as the outbox would): case number and query code. */
async function fileRequest(request: APIRequestContext, description = PERSON_REQUEST.description) {
  return fileItem(request, 'YSQGK', { ...PERSON_REQUEST, description });
}

/** An officer signed in on /staff is sent on to the 依申请公开 desk, a bundle of its own. */
async function onDisclosureDesk(desk: Page) {
  await expect(desk).toHaveURL(/\/staff\/gk\/$/);
  await expect(desk.getByTestId('staff-me')).toBeVisible();
  await expect(desk.getByTestId('gk-tab')).toHaveAttribute('aria-current', 'page');
}

/** Opens one request on the officer's desk. */
async function openOnDesk(desk: Page, caseNo: string) {
  await signIn(desk, ...OFFICER);
  await onDisclosureDesk(desk);
  await desk.getByTestId('gk-row').filter({ hasText: caseNo }).getByRole('button', { name: caseNo }).click();
  await expect(desk.getByTestId('gk-case-no')).toContainText(caseNo);
}

/** Looks a case up on 办件查询 and waits for its view. */
async function follow(page: Page, caseNo: string, queryCode: string) {
  await page.goto('/track');
  await page.getByTestId('track-case-no').fill(caseNo);
  await page.getByTestId('track-query-code').fill(queryCode);
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(caseNo);
}

test('a request written offline is sent once when the line is back, with its receipt dates', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  // From a catalog entry's link: the agency and the description are filled in.
  const prefill = encodeURIComponent(JSON.stringify({ agency: JY, description: '县教育局关于2026年中考招生的通知（县教发〔2026〕3号）' }));
  await page.goto(`/guide/apply/YSQGK?prefill=${prefill}`);
  await expect(page).toHaveURL(/draft=/);
  await waitForServiceWorker(page);
  await expect(page.locator(`input[name="q-agency"][value="${JY}"]`)).toBeChecked();

  await context.setOffline(true);
  await page.getByTestId('continue').click();
  await page.locator('input[name="q-applicant_type"][value="natural_person"]').check();
  await page.getByTestId('continue').click();
  await page.locator('#q-name').fill('李四');
  await page.locator('input[name="q-id_type"][value="resident_id"]').check();
  await page.locator('#q-id_no').fill('11010519491231002X');
  await page.getByTestId('continue').click();
  await page.locator('#q-phone').fill('13800138000');
  await page.getByTestId('continue').click();
  await expect(page.locator('#q-description')).toHaveValue(/县教发〔2026〕3号/);
  await page.locator('input[name="q-delivery"][value="online"]').check();
  await page.locator('input[name="q-format"][value="electronic"]').check();
  await page.getByTestId('continue').click();
  const submissions: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/submissions')) submissions.push(r.status());
  });
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('1');

  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toContainText('0', { timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GK-\d+$/);
  await expect(page.getByTestId('counted-from')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('reply-by')).toContainText(/\d{4}-\d{2}-\d{2}/);
  expect(submissions).toEqual([201]);
});

test('the agency asks for a supplement on day 5; the requester supplements in the app and the clock restarts', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const filed = await fileRequest(request, '教育局的那个文件');
  await moveClock(request, 5);
  const desk = await (await browser.newContext()).newPage();
  await openOnDesk(desk, filed.case_no);
  await desk.getByTestId('gk-action-request_supplement').click();
  await desk.getByTestId('gk-missing').fill('所需信息的名称或文号\n信息的大致形成时间');
  await desk.getByTestId('gk-submit-request_supplement').click();
  await expect(desk.getByTestId('gk-state')).toContainText('待补正');

  const citizen = await (await browser.newContext()).newPage();
  await follow(citizen, filed.case_no, filed.query_code);
  await expect(citizen.getByTestId('case-supplement')).toContainText('所需信息的名称或文号');
  await citizen.getByTestId('amend').click();
  await expect(citizen).toHaveURL(/\/guide\/apply\/YSQGK\?draft=/);
  // The supplement draft starts from the request's answers: go to the description.
  await expect(citizen.getByTestId('supplement-banner')).toBeVisible();
  const wanted = new URL(citizen.url());
  wanted.searchParams.set('step', 'wanted');
  await citizen.goto(wanted.toString());
  await citizen.locator('#q-description').fill('县教育局关于2026年义务教育招生工作的通知（县教发〔2026〕5号）');
  await citizen.getByTestId('continue').click();
  await citizen.getByTestId('submit').click();
  // The receipt (a page of another bundle) once the 补正 is sent: only then leave for 办件查询,
  // or the two navigations collide.
  await expect(citizen).toHaveURL(/\/guide\/receipt\//);
  await expect(citizen.getByTestId('case-no')).toHaveText(filed.case_no, { timeout: 20_000 });
  await expect(citizen.getByTestId('pending-count')).toContainText('0');

  await follow(citizen, filed.case_no, filed.query_code);
  await expect(citizen.getByTestId('case-state')).toContainText('办理中');
  await expect(citizen.getByTestId('case-supplement')).toHaveCount(0);
  // The clock counts 20 working days afresh from the supplement (5 days after the filing).
  const view = await (
    await request.post('/api/cases/lookup', { data: { case_no: filed.case_no, query_code: filed.query_code } })
  ).json();
  expect(view.state).toBe('running');
  // The clock restarts from 20 working days: counted from today when the supplement arrives
  // before 17:30 Beijing time, from the next working day after it (Art. 31), one day more left.
  const afterHours = new Date(Date.now() + 8 * 3600_000).getUTCHours() * 60 + new Date(Date.now() + 8 * 3600_000).getUTCMinutes() >= 17 * 60 + 30;
  expect(view.working_days_left).toBe(afterHours ? 21 : 20);
  const supplemented = view.timeline.find((e: { event: string }) => e.event === 'supplement_received');
  expect(supplemented).toBeTruthy();
});

test('the agency extends once; a second extension is refused', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const filed = await fileRequest(request);
  await moveClock(request, 3);
  const desk = await (await browser.newContext()).newPage();
  await openOnDesk(desk, filed.case_no);
  const before = await desk.getByTestId('gk-due').textContent();
  await desk.getByTestId('gk-action-extend').click();
  await desk.getByTestId('gk-days-input').fill('10');
  await desk.getByTestId('gk-reason').fill('涉及多年档案，需要调取汇总');
  await desk.getByTestId('gk-submit-extend').click();
  await expect(desk.getByTestId('gk-extended')).toBeVisible();
  expect(await axeViolations(desk, 'main')).toEqual([]);
  await expect(desk.getByTestId('gk-due')).not.toHaveText(before ?? '');
  // The desk no longer offers it, and the server refuses it with its reason.
  await expect(desk.getByTestId('gk-action-extend')).toHaveCount(0);
  const again = await desk.evaluate(async (caseNo) => {
    const me = await (await fetch('/api/staff/me')).json();
    const response = await fetch(`/api/staff/disclosure/requests/${caseNo}/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ action: 'extend', working_days: 5, reason: '再次延长' }),
    });
    return { status: response.status, body: await response.json() };
  }, filed.case_no);
  expect(again.status).toBe(422);
  expect(JSON.stringify(again.body)).toContain('答复期限只能延长一次');
});

test('a partial disclosure is answered with an attachment the requester reads offline', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const filed = await fileRequest(request);
  const desk = await (await browser.newContext()).newPage();
  await openOnDesk(desk, filed.case_no);
  await desk.getByTestId('gk-action-reply').click();
  await desk.getByTestId('gk-reply-kind').selectOption('partly_disclosed');
  await desk.getByTestId('gk-reply-reason').selectOption('third_party_rights');
  await desk.getByTestId('gk-reply-basis').fill('《中华人民共和国政府信息公开条例》第十五条');
  await desk.getByTestId('gk-reply-text').fill('经审查，您申请的信息中涉及第三方个人信息的部分不予公开，其余部分予以公开，见附件。');
  const pdf = Buffer.from('%PDF-1.4\n% 答复书\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await desk.getByTestId('gk-file').setInputFiles({ name: '答复书.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(desk.getByTestId('gk-files')).toContainText('答复书.pdf');
  await desk.getByTestId('gk-submit-reply').click();
  await expect(desk.getByTestId('gk-state')).toContainText('已答复');

  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto('/');
  await waitForServiceWorker(citizen);
  await follow(citizen, filed.case_no, filed.query_code);
  await expect(citizen.getByTestId('reply-kind')).toHaveText('部分公开');
  await expect(citizen.getByTestId('reply-file')).toContainText('答复书.pdf');
  expect(await axeViolations(citizen, 'main')).toEqual([]);
  // The file was fetched with the view (kept by the service worker): readable offline.
  await expect
    .poll(() =>
      citizen.evaluate(async (caseNo) => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((k) => k.url.includes(`/api/cases/${caseNo}/files/`))) return true;
        }
        return false;
      }, filed.case_no),
    )
    .toBe(true);
  await context.setOffline(true);
  await citizen.reload();
  await citizen.getByTestId('tracked-cases').getByRole('button', { name: filed.case_no }).click();
  await expect(citizen.getByTestId('reply-kind')).toHaveText('部分公开');
  const download = citizen.waitForEvent('download');
  await citizen.getByTestId('reply-file').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('答复书.pdf');
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(path).equals(pdf)).toBe(true);
  await context.setOffline(false);
});

test('a request left unanswered appears overdue in 电子监察 and to the requester', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const filed = await fileRequest(request);
  // Six weeks on: more than 20 working days, whatever the holidays.
  await moveClock(request, 42);
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, ...OFFICER);
  await onDisclosureDesk(desk);
  await expect(desk.getByTestId('gk-row').filter({ hasText: filed.case_no })).toContainText('已超期');
  await desk.getByRole('button', { name: '电子监察' }).click();
  await expect(desk.locator('main')).toContainText(filed.case_no);

  const citizen = await (await browser.newContext()).newPage();
  await follow(citizen, filed.case_no, filed.query_code);
  await expect(citizen.getByTestId('case-deadline')).toContainText('已超期');
});

test('a supplement asked after the 7 working days is refused with a clear reason', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const filed = await fileRequest(request);
  await moveClock(request, 15);
  const desk = await (await browser.newContext()).newPage();
  await openOnDesk(desk, filed.case_no);
  await desk.getByTestId('gk-action-request_supplement').click();
  await desk.getByTestId('gk-missing').fill('文号');
  await desk.getByTestId('gk-submit-request_supplement').click();
  await expect(desk.getByTestId('gk-error')).toContainText('7个工作日内');
  // Nothing changed, and what was typed is still there.
  await expect(desk.getByTestId('gk-state')).toContainText('办理中');
  await expect(desk.getByTestId('gk-missing')).toHaveValue('文号');
});

test("an agency's 公开指南 with its annual table is readable offline after one visit", async ({ page, context }) => {
  test.setTimeout(60_000);
  await page.goto('/disclosure');
  await waitForServiceWorker(page);
  await page.getByTestId('gk-guides-link').click();
  await expect(page.getByTestId('gk-guide-list')).toContainText('县教育局');
  await page.goto(`/disclosure/guides/${JY}`);
  await expect(page.getByTestId('gk-guide')).toContainText('20个工作日');
  await expect(page.getByTestId('gk-annual-table')).toContainText('本年新收政府信息公开申请数量');
  await expect(page.getByTestId('gk-apply-link')).toHaveAttribute('href', /\/guide\/apply\/YSQGK\?prefill=/);
  expect(await axeViolations(page, 'main')).toEqual([]);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('gk-guide')).toContainText('20个工作日');
  await expect(page.getByTestId('gk-annual-table')).toBeVisible();
  await context.setOffline(false);
});

test("a center administrator's 依申请公开 desk opens on every agency's table 三, then one agency's", async ({
  browser,
}) => {
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, 'zhongxin', 'demo-admin-2026');
  await desk.goto('/staff/gk/');
  await expect(desk.getByTestId('gk-tab')).toHaveAttribute('aria-current', 'page');
  const caption = desk.getByTestId('gk-annual-table').locator('caption');
  // Last year's, for every agency together: not an error asking for an agency.
  await expect(caption).toHaveText(/^\d{4}年收到和处理政府信息公开申请情况（全部机关）$/);
  await expect(desk.locator('main')).not.toContainText('填写有误');
  await expect(desk.getByTestId('gk-annual-csv')).toHaveAttribute('href', /\/annual\/\d{4}\.csv$/);
  await desk.getByTestId('gk-annual-year').fill('2026');
  await desk.getByTestId('gk-annual-agency').selectOption({ label: '县教育局' });
  await desk.getByTestId('gk-annual-show').click();
  await expect(caption).toHaveText('2026年收到和处理政府信息公开申请情况（县教育局）');
  await expect(desk.getByTestId('gk-annual-csv')).toHaveAttribute('href', new RegExp(`agency=${JY}`));
  expect(await axeViolations(desk, 'main')).toEqual([]);
});
