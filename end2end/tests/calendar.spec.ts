// Deadlines past the published calendar: a case whose deadline falls in the first year no State
// Council notice covers shows it as provisional to the citizen (办件查询) and on the desk; a center
// administrator then enters that year's notice on the desk (starting from the statutory days,
// adding a make-up Saturday), previews the deadlines it moves, confirms, and the citizen's
// deadline moves and loses its note, with the change in the case's timeline.
//
// The demo server's clock (`--test-clock`) is moved to the Wednesday before that make-up
// Saturday, so the test holds whatever day it runs on, until the embedded calendar covers it.
import { test, expect, request as newRequest, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileCase, signIn } from './helpers';

/** Serious and critical axe findings inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const DAY = 86_400_000;

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in China (UTC+8), at 00:00 UTC of that date. */
function chinaToday(): Date {
  return new Date(iso(new Date(Date.now() + 8 * 3_600_000)) + 'T00:00:00Z');
}

test('a deadline in an unpublished year is provisional until an administrator publishes the notice', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL;
  // A session lives in the server's time: sign in again once its clock has moved.
  const signInApi = async () => {
    const api = await newRequest.newContext({ baseURL });
    const login = await api.post('/api/staff/login', { data: { username: 'zhongxin', password: 'demo-admin-2026' } });
    expect(login.status()).toBe(200);
    return { api, csrf: (await login.json()).csrf_token as string };
  };
  const before = await signInApi();
  const overview = await (await before.api.get('/api/staff/calendar')).json();
  await before.api.dispose();
  const years = overview.years as { year: number; provisional: boolean }[];
  const lastOfficial = Math.max(...years.filter((y) => !y.provisional).map((y) => y.year));
  const year = lastOfficial + 1;
  // The make-up Saturday of the test's notice, and the Wednesday before it.
  let saturday = new Date(`${year}-01-04T00:00:00Z`);
  while (saturday.getUTCDay() !== 6) saturday = new Date(saturday.getTime() + DAY);
  const wednesday = new Date(saturday.getTime() - 3 * DAY);
  const monday = new Date(saturday.getTime() + 2 * DAY);
  const offset = Math.round((wednesday.getTime() - chinaToday().getTime()) / DAY);
  expect(Math.abs(offset), 'the test clock moves at most a year').toBeLessThanOrEqual(366);

  const moved = await request.post('/api/test/clock', { data: { offset_days: offset } });
  expect(moved.status()).toBe(200);
  const { api: admin, csrf } = await signInApi();
  try {
    // A GA-003 (3 working days) accepted on that Wednesday: Thu, Fri, then Monday, provisionally.
    const filed = await fileCase(request);
    for (const [expected, action] of [
      ['submitted', 'pass_prereview'],
      ['pre_review_passed', 'accept'],
    ]) {
      const reply = await admin.post(`/api/staff/cases/${filed.case_no}/actions`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { action, expected_state: expected },
      });
      expect(reply.status(), await reply.text()).toBe(200);
    }

    const citizen = await browser.newContext();
    const app = await citizen.newPage();
    const follow = async () => {
      await app.goto('/track');
      await app.getByTestId('track-case-no').fill(filed.case_no);
      await app.getByTestId('track-query-code').fill(filed.query_code);
      await app.getByTestId('track-submit').click();
      await expect(app.getByTestId('case-no')).toHaveText(filed.case_no);
    };
    await follow();
    await expect(app.getByTestId('case-deadline')).toContainText(iso(monday));
    await expect(app.getByTestId('deadline-provisional')).toHaveText(
      `${year}年节假日安排尚未公布，暂按法定节假日推算，公布后自动更新。`,
    );
    await app.screenshot({ path: test.info().outputPath('calendar-track-provisional-360.png'), fullPage: true });
    expect(await axeViolations(app, 'main')).toEqual([]);

    const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const desk = await staff.newPage();
    await signIn(desk, 'zhongxin', 'demo-admin-2026');
    await desk.getByRole('button', { name: '待办事项' }).click();
    const row = desk.getByTestId('queue').locator('tr').filter({ hasText: filed.case_no });
    await expect(row.getByTestId('deadline-provisional')).toBeVisible();

    // The notice, entered on the admin desk from the statutory days with a make-up Saturday added.
    await desk.getByTestId('nav-admin').click();
    await expect(desk).toHaveURL(/\/staff\/admin\/$/);
    await desk.getByRole('button', { name: '节假日安排' }).click();
    await expect(desk.getByTestId(`calendar-year-${year}`)).toBeVisible();
    await desk.getByTestId('cal-year').selectOption(String(year));
    await desk.getByTestId('cal-start').click();
    const text = await desk.getByTestId('cal-text').inputValue();
    expect(text.split('\n')[0]).toBe(`元旦 ${year}-01-01`);
    await desk.getByTestId('cal-text').fill(text.replace(/^(元旦 [^\n]*)/, `$1；调休 ${iso(saturday)}`));

    // Bad input first: no notice reference, then a make-up day on a weekday.
    await desk.getByTestId('cal-preview').click();
    await expect(desk.getByTestId('cal-effect')).toHaveCount(0);
    await desk.getByTestId('cal-notice').fill('国办发明电〔测试〕1号');
    const good = await desk.getByTestId('cal-text').inputValue();
    await desk.getByTestId('cal-text').fill(good.replace(`调休 ${iso(saturday)}`, `调休 ${iso(monday)}`));
    await desk.getByTestId('cal-preview').click();
    await expect(desk.getByTestId('cal-error')).toContainText(`调休上班日${iso(monday)}不是周六或周日`);
    await desk.getByTestId('cal-text').fill(good);
    await desk.getByTestId('cal-preview').click();

    const effect = desk.getByTestId('cal-effect');
    await expect(effect).toBeVisible();
    const move = desk.getByTestId('cal-moves').locator('tr').filter({ hasText: filed.case_no });
    await expect(move).toContainText(iso(monday));
    await expect(move).toContainText(iso(saturday));
    await desk.screenshot({ path: test.info().outputPath('calendar-preview-1280.png'), fullPage: true });
    expect(await axeViolations(desk, 'main')).toEqual([]);
    // Nothing changed yet.
    await follow();
    await expect(app.getByTestId('deadline-provisional')).toBeVisible();

    await desk.getByTestId('cal-publish').click();
    await desk.getByTestId('cal-confirm').click();
    await expect(desk.getByTestId('cal-done')).toContainText(`${year}年节假日安排已发布`);
    await expect(desk.getByTestId('cal-history')).toContainText('国办发明电〔测试〕1号');

    // The citizen's deadline moved to the make-up Saturday, without the note, and says why.
    await follow();
    await expect(app.getByTestId('case-deadline')).toContainText(iso(saturday));
    await expect(app.getByTestId('deadline-provisional')).toHaveCount(0);
    await expect(app.locator('.timeline')).toContainText(`节假日安排公布，办理期限由${iso(monday)}调整为${iso(saturday)}`);
    await app.screenshot({ path: test.info().outputPath('calendar-track-360.png'), fullPage: true });

    // Audited on the case: who moved it.
    const detail = await (await admin.get(`/api/staff/cases/${filed.case_no}`)).json();
    const audit = detail.actions.find((a: { action: string }) => a.action === 'deadline_moved');
    expect(audit.detail.notice).toBe('国办发明电〔测试〕1号');
    expect(audit.staff_id).toBeTruthy();
    await citizen.close();
    await staff.close();
  } finally {
    await request.post('/api/test/clock', { data: { offset_days: 0 } });
    await admin.dispose();
  }
});
