// 咨询 and 预约 end to end: a question written offline and sent by the outbox when the line comes
// back, answered and published on the staff's front desk, read by the citizen and shown as a
// 常见问题 on the item page; a booking made and cancelled; a refused booking (full slot) that
// offers the nearest free slots and keeps what was typed; a third booking refused with its
// message; a no-show marked on the desk. axe finds nothing on any of the new pages, in default,
// elderly and English modes.
import { test, expect, request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn, waitForServiceWorker } from './helpers';

test.describe.configure({ mode: 'serial' });

type Staff = { api: APIRequestContext; csrf: string };

function baseURL(): string {
  return test.info().project.use.baseURL ?? 'http://127.0.0.1:8181';
}

async function staffApi(username: string, password: string): Promise<Staff> {
  const api = await newRequest.newContext({ baseURL: baseURL() });
  const login = await api.post('/api/staff/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  return { api, csrf: (await login.json()).csrf_token };
}

/** A valid 居民身份证号码 (GB 11643) of someone born in 1980 in 北京朝阳, numbered `seq`. */
function idNumber(seq: number): string {
  const body = `11010519800101${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** axe's findings on the whole page, as readable lines. */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** No axe finding in default, elderly and English modes (the page is left as it was). */
async function axeInEveryMode(page: Page) {
  expect(await axe(page), 'default mode').toEqual([]);
  await page.getByTestId('elderly-switch').click();
  expect(await axe(page), 'elderly mode').toEqual([]);
  await page.getByTestId('elderly-switch').click();
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await axe(page), 'English').toEqual([]);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** The first bookable slot of GA from `from` at `start` (any start when not given). */
async function freeSlot(request: APIRequestContext, start?: string, skip = 0) {
  const slots = await (await request.get('/api/bookings/slots?department=GA&days=14')).json();
  let seen = 0;
  for (const day of slots.dates) {
    for (const slot of day.slots) {
      if (slot.bookable && (!start || slot.start === start)) {
        if (seen++ >= skip) return { date: day.date as string, start: slot.start as string, left: slot.left as number };
      }
    }
  }
  throw new Error('no free slot');
}

/** Books through the API as the outbox would. */
async function bookApi(request: APIRequestContext, slot: { date: string; start: string }, id_no: string) {
  const reply = await request.post('/api/bookings', {
    data: {
      client_id: `e2e-${Math.random().toString(16).slice(2)}`,
      department: 'GA',
      date: slot.date,
      start: slot.start,
      name: '李四',
      id_no,
      phone: '13900139000',
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return reply.json();
}

let asked: { number: string; code: string };

test('a question asked offline goes when the line is back, and the receipt gives number and code', async ({
  page,
  context,
}) => {
  await page.goto('/guide/GA-001');
  await expect(page.getByTestId('item-ask')).toBeVisible();
  await waitForServiceWorker(page);
  await page.goto('/contact');
  await expect(page.locator('h1')).toHaveText('咨询与预约');
  await expect(page).toHaveTitle('咨询与预约 - 行政服务中心');
  await axeInEveryMode(page);

  await context.setOffline(true);
  await page.goto('/contact/ask?item=GA-001');
  await expect(page.locator('h1')).toHaveText('我要咨询');
  await expect(page.getByTestId('ask-item')).toContainText('居民身份证');
  // Nothing typed: the error summary names each field, and the title says so.
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page.getByTestId('error-summary')).toContainText('请填写您要咨询的问题。');
  await expect(page).toHaveTitle(/^错误：/);
  await expect(page.getByTestId('question')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('name')).toHaveAttribute('autocomplete', 'name');
  await expect(page.getByTestId('phone')).toHaveAttribute('autocomplete', 'tel');
  await axeInEveryMode(page);

  await page.getByTestId('question').fill('身份证过期了还能用来办理户口迁移吗？我叫王五，电话13700137000。');
  await page.getByTestId('name').fill('王五');
  await page.getByTestId('phone').fill('13700137000');
  await page.getByTestId('publish-allowed').check();
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-waiting')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('1');

  await context.setOffline(false);
  const receipt = page.getByTestId('ask-receipt');
  await expect(receipt).toBeVisible({ timeout: 20_000 });
  const number = (await page.getByTestId('receipt-number').textContent())!.trim();
  const code = (await page.getByTestId('receipt-code').textContent())!.trim();
  expect(number).toMatch(/^ZX\d{8}-\d{4}$/);
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('ask-due')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  // The codes never break across lines.
  const box = await page.getByTestId('receipt-number').boundingBox();
  expect(box!.height).toBeLessThan(40);
  await axeInEveryMode(page);
  asked = { number, code };
});

test('the department answers and publishes; the citizen reads the answer and the item shows the FAQ', async ({
  page,
  browser,
}) => {
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const staff = await staffContext.newPage();
  await signIn(staff, 'ga', 'demo-ga-2026');
  await expect(staff.getByTestId('nav-front')).toBeVisible();
  await staff.goto('/staff/front/');
  await expect(staff.locator('h1')).toHaveText('咨询与预约');
  const card = staff.locator(`[data-testid=front-consultation][data-number="${asked.number}"]`);
  await expect(card).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  await card.getByTestId('front-answer').fill('可以。身份证过期不影响办理户口迁移，请携带户口簿到窗口办理。');
  await card.getByTestId('front-publish-too').check();
  await card.getByTestId('front-faq-question').fill('身份证过期了还能用来办理户口迁移吗？');
  await card.getByTestId('front-answer-submit').click();
  await expect(card).toHaveCount(0);
  // 电子监察 lists the demo's late question.
  await staff.getByTestId('front-late-tab').click();
  await expect(staff.getByTestId('front-late').first()).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  await staffContext.close();

  await page.goto('/contact/answers');
  await expect(page.locator('h1')).toHaveText('咨询答复');
  // (Each test is a new browser profile: the question is looked up, not found on the device.)
  await page.getByTestId('lookup-number').fill(asked.number);
  await page.getByTestId('lookup-code').fill(asked.code.toLowerCase());
  await page.getByTestId('lookup-submit').click();
  await expect(page.getByTestId('lookup-result').getByTestId('asked-answer')).toContainText('请携带户口簿');
  await axeInEveryMode(page);
  // A wrong code: the summary says so.
  await page.getByTestId('lookup-code').fill('AAAA-AAAA-AAAA');
  await page.getByTestId('lookup-submit').click();
  await expect(page.getByTestId('error-summary')).toContainText('咨询编号或查询码不正确');

  await page.goto('/guide/GA-001');
  const faq = page.getByTestId('item-faq');
  await expect(faq).toContainText('身份证过期了还能用来办理户口迁移吗？');
  await expect(faq).not.toContainText('13700137000');
});

test('a booking is made, listed on the device and cancelled', async ({ page, request }) => {
  const slot = await freeSlot(request);
  await page.goto('/contact/book?department=GA&item=GA-001');
  await expect(page.locator('h1')).toHaveText('预约办理');
  await page.locator(`input[name=book-day][value="${slot.date}"]`).check();
  await page.locator(`input[name=book-slot][value="${slot.start}"]`).check();
  await page.getByTestId('name').fill('赵六');
  await page.getByTestId('id_no').fill(idNumber(11));
  await page.getByTestId('phone').fill('13600136000');
  await axeInEveryMode(page);
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('book-receipt')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('receipt-number')).toHaveText(/^YY\d{8}-\d{4}$/);
  await axeInEveryMode(page);

  await page.goto('/contact/bookings');
  const booking = page.getByTestId('booking').first();
  await expect(booking.getByTestId('booking-state')).toHaveText('已预约');
  await axeInEveryMode(page);
  await booking.getByTestId('booking-cancel').click();
  await booking.getByTestId('booking-cancel-confirm').click();
  await expect(booking.getByTestId('booking-state')).toHaveText('已取消', { timeout: 20_000 });
});

test('a full slot is refused with the nearest free slots, keeping what was typed; a third booking is refused', async ({
  page,
  request,
}) => {
  const admin = await staffApi('zhongxin', 'demo-admin-2026');
  // One place at 16:30 for this test: the first day where it is still free.
  const set = await admin.api.post('/api/staff/contact-settings/capacity', {
    headers: { 'X-CSRF-Token': admin.csrf },
    data: { department: 'GA', start: '16:30', capacity: 1 },
  });
  expect(set.status(), await set.text()).toBe(200);
  try {
    const last = await freeSlot(request, '16:30');
    expect(last.left).toBe(1);
    await page.goto('/contact/book?department=GA');
    await page.locator(`input[name=book-day][value="${last.date}"]`).check();
    await page.locator('input[name=book-slot][value="16:30"]').check();
    await page.getByTestId('name').fill('孙七');
    await page.getByTestId('id_no').fill(idNumber(12));
    await page.getByTestId('phone').fill('13500135000');
    // Someone else takes the last place meanwhile.
    await bookApi(request, last, idNumber(13));
    await page.getByTestId('book-submit').click();
    await expect(page.getByTestId('error-summary')).toContainText('已约满', { timeout: 20_000 });
    await expect(page.getByTestId('nearest-slot').first()).toBeVisible();
    await expect(page.getByTestId('name')).toHaveValue('孙七');
    await expect(page.getByTestId('id_no')).toHaveValue(idNumber(12));
    await axeInEveryMode(page);
    await page.getByTestId('nearest-slot').first().click();
    await page.getByTestId('book-submit').click();
    await expect(page.getByTestId('book-receipt')).toBeVisible({ timeout: 20_000 });
  } finally {
    await admin.api.post('/api/staff/contact-settings/capacity', {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { department: 'GA', start: null, capacity: 4 },
    });
    await admin.api.dispose();
  }

  // Two open bookings at GA for one ID number: the third is refused, naming the rule.
  const person = idNumber(14);
  await bookApi(request, await freeSlot(request, undefined, 0), person);
  await bookApi(request, await freeSlot(request, undefined, 1), person);
  const third = await freeSlot(request, undefined, 2);
  await page.goto('/contact/book?department=GA');
  await page.locator(`input[name=book-day][value="${third.date}"]`).check();
  await page.locator(`input[name=book-slot][value="${third.start}"]`).check();
  await page.getByTestId('name').fill('周八');
  await page.getByTestId('id_no').fill(person);
  await page.getByTestId('phone').fill('13400134000');
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('error-summary')).toContainText('最多 2 个', { timeout: 20_000 });
  await expect(page.getByTestId('id_no')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('name')).toHaveValue('周八');
});

test('the window desk marks a no-show once the slot is over', async ({ page, request }) => {
  const slot = await freeSlot(request);
  const booked = await bookApi(request, slot, idNumber(15));
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const days = Math.round((Date.parse(slot.date) - Date.parse(today)) / 86_400_000) + 1;
  const moved = await request.post('/api/test/clock', { data: { offset_days: days } });
  expect(moved.status()).toBe(200);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'ga-ck', 'demo-ga-ck-2026');
    await page.goto('/staff/front/');
    await page.getByTestId('front-date').fill(slot.date);
    const row = page.locator(`[data-testid=front-booking][data-number="${booked.booking_no}"]`);
    await expect(row).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await row.getByTestId('front-no-show').click();
    await expect(row.getByTestId('front-booking-status')).toHaveText('未到场');
  } finally {
    await request.post('/api/test/clock', { data: { offset_days: 0 } });
  }
});

test('every contact page has its title and, after a link, the focus on its heading', async ({ page }) => {
  const SUFFIX = ' - 行政服务中心';
  await page.goto('/contact');
  await expect(page).toHaveTitle('咨询与预约' + SUFFIX);
  // Links inside the bundle: the new page's heading has the focus, the title is its name.
  for (const [testLink, heading] of [
    ['/contact/answers', '咨询答复'],
    ['/contact/book', '预约办理'],
    ['/contact/bookings', '我的预约'],
  ]) {
    await page.goto('/contact');
    await page.locator(`main a[href="${testLink}"]`).click();
    await expect(page).toHaveURL(testLink);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(heading);
    await expect(h1).toBeFocused();
    await expect(page).toHaveTitle(heading + SUFFIX);
  }
  // Back to the hub by the crumb.
  await page.locator('main .crumbs a').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page).toHaveTitle('咨询与预约' + SUFFIX);
  // An error state, then English.
  await page.goto('/contact/book?department=GA');
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page).toHaveTitle('错误：预约办理' + SUFFIX);
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveTitle('Error: Book an appointment - Administrative Service Center');
  await page.goto('/contact/ask?item=GA-001');
  await expect(page).toHaveTitle(/^Ask a question - Administrative Service Center$/);
  await page.getByTestId('lang-switch').click();
});
