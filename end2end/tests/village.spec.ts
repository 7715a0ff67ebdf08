// The village service room (村级便民服务室, issue 17): in 代办 mode an operator files for several
// villagers on one computer whose line comes and goes. Three villagers' forms are filled and
// submitted offline, with the operator's agent answers filled in; all three are sent in one go
// when the line returns, each villager has their own case and receipt, and the day's list
// prints. Once the cases are concluded and the retention time has passed (the browser's clock
// moved with Playwright's `page.clock`), their ID numbers and phones are gone from IndexedDB
// while their case numbers remain.
import { test, expect, request as newRequest, type Page } from '@playwright/test';
import { PERSON, storedRecords, waitForServiceWorker } from './helpers';

/** An ID number of Beijing's Chaoyang district born on `birth` (YYYYMMDD) with a valid check
 * digit (GB 11643). */
function idNumber(birth: string, seq: string): string {
  const body = `110105${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const OPERATOR = { name: '王代办', phone: '13900139000', id_no: PERSON.id_no, address: '城关镇村委会' };
const VILLAGERS = [
  { name: '赵大山', id_no: idNumber('19560312', '001'), phone: '13800138011' },
  { name: '钱小河', id_no: idNumber('19610725', '002'), phone: '13800138022' },
  { name: '孙玉兰', id_no: idNumber('19700101', '004'), phone: '13800138033' },
];

function baseURL(): string {
  return test.info().project.use.baseURL ?? 'http://127.0.0.1:8181';
}

/** Turns 代办 mode on with the operator's details. */
async function villageMode(page: Page) {
  await page.goto('/settings');
  await waitForServiceWorker(page);
  await page.getByTestId('village-on').check();
  await page.getByTestId('village-name').fill(OPERATOR.name);
  await page.getByTestId('village-phone').fill(OPERATOR.phone);
  await page.getByTestId('village-id').fill(OPERATOR.id_no);
  await page.getByTestId('village-address').fill(OPERATOR.address);
  await page.getByTestId('village-days').fill('30');
  await page.getByTestId('village-save').click();
  await expect(page.getByTestId('village-message')).toContainText('已保存');
}

/** From the day view: starts GA-001 for a villager (the form opens with the agent answers). */
async function start(page: Page) {
  await page.getByTestId('village-item').selectOption('GA-001');
  await page.getByTestId('village-start').click();
  await expect(page).toHaveURL(/\/guide\/apply\/GA-001\?draft=/);
}

/** Fills the villager's part of GA-001, checks the operator's agent answers, and submits. */
async function fileFor(page: Page, villager: (typeof VILLAGERS)[number]) {
  await page.locator('#q-name').fill(villager.name);
  await page.locator('#q-id_no').fill(villager.id_no);
  await page.locator('#q-phone').fill(villager.phone);
  await page.locator('#q-address').fill('城关镇东村1号');
  await expect(page.getByTestId('saved')).toContainText('已自动保存');
  await page.getByTestId('continue').click();
  await page.locator('#q-reason').check();
  await page.locator('#q-delivery').check();
  await page.getByTestId('continue').click();
  // The agent section: filled in from the operator's details, once recorded.
  await expect(page.locator('#q-agent_name')).toHaveValue(OPERATOR.name);
  await expect(page.locator('#q-agent_phone')).toHaveValue(OPERATOR.phone);
  await expect(page.locator('#q-agent_id_no')).toHaveValue(OPERATOR.id_no);
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-name')).toHaveText(villager.name);
  await page.getByTestId('declaration').check();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
}

/** Every value of every store of the app's database, as JSON text. */
async function database(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['drafts', 'outbox', 'tracked_cases', 'receipts', 'attachments', 'village', 'kv']) {
    out[name] = JSON.stringify(await storedRecords(page, name));
  }
  return out;
}

test('three villagers filed offline are sent in one go, each with a receipt; the day prints; personal data goes after the retention time', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await villageMode(page);
  await page.goto('/guide/drafts/day');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('代办今日一览');
  await expect(page.getByTestId('village-storage')).toContainText('浏览器允许');

  // The first form opens online (the item is kept for offline use), then the line drops.
  await start(page);
  await context.setOffline(true);
  await fileFor(page, VILLAGERS[0]);
  for (const villager of VILLAGERS.slice(1)) {
    await page.goto('/guide/drafts/day');
    await start(page);
    await fileFor(page, villager);
  }
  await page.goto('/guide/drafts/day');
  const groups = page.getByTestId('villager');
  await expect(groups).toHaveCount(3);
  for (const villager of VILLAGERS) {
    const group = groups.filter({ hasText: villager.name });
    await expect(group.getByTestId('village-kind')).toHaveText('等待发送');
    await expect(group).toContainText(villager.id_no.slice(-4));
  }
  await expect(page.getByTestId('village-refresh')).toBeDisabled();

  // The line returns: all three go, and every case is looked up once the outbox is empty.
  const sent: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/submissions')) sent.push(r.status());
  });
  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toContainText('0');
  await expect(page.getByTestId('village-case-no')).toHaveCount(3);
  await expect(page.getByTestId('village-case-state')).toHaveCount(3);
  expect(sent).toEqual([201, 201, 201]);
  const cases: Record<string, string> = {};
  for (const villager of VILLAGERS) {
    const group = groups.filter({ hasText: villager.name });
    await expect(group.getByTestId('village-case-state')).toContainText('截至');
    const text = (await group.getByTestId('village-case-no').textContent())!;
    cases[villager.name] = text.match(/\d{8}-GA-\d+/)![0];
  }
  expect(new Set(Object.values(cases)).size).toBe(3);

  // Found by name and by the ID number's last digits.
  await page.getByTestId('village-search').fill(VILLAGERS[1].id_no.slice(-4));
  await expect(groups).toHaveCount(1);
  await expect(groups).toContainText(VILLAGERS[1].name);
  await page.getByTestId('village-search').fill(VILLAGERS[2].name);
  await expect(groups).toHaveCount(1);
  await expect(groups).toContainText(cases[VILLAGERS[2].name]);
  await page.getByTestId('village-search').fill('');
  await expect(groups).toHaveCount(3);

  // The day's list on paper: every villager with their case, without buttons or the header.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('village-print')).toBeHidden();
  await expect(page.getByTestId('village-link').first()).toBeHidden();
  for (const villager of VILLAGERS) {
    const group = groups.filter({ hasText: villager.name });
    await expect(group).toBeVisible();
    await expect(group).toContainText(cases[villager.name]);
  }
  await page.emulateMedia({ media: 'screen' });

  // Each villager's own receipt.
  for (const villager of VILLAGERS) {
    await page.goto('/guide/drafts/day');
    await groups.filter({ hasText: villager.name }).getByTestId('village-link').click();
    await expect(page).toHaveURL(/\/guide\/receipt\//);
    await expect(page.getByTestId('case-no')).toHaveText(cases[villager.name]);
  }

  // The center concludes the three cases; the day view learns it.
  const api = await newRequest.newContext({ baseURL: baseURL() });
  const login = await api.post('/api/staff/login', { data: { username: 'ga', password: 'demo-ga-2026' } });
  expect(login.status()).toBe(200);
  const csrf = (await login.json()).csrf_token;
  for (const caseNo of Object.values(cases)) {
    for (const [expected, body] of [
      ['submitted', { action: 'pass_prereview' }],
      ['pre_review_passed', { action: 'accept' }],
      ['accepted', { action: 'start' }],
      ['in_progress', { action: 'conclude', decision: 'approve', result: '证件已制作' }],
    ] as const) {
      const reply = await api.post(`/api/staff/cases/${caseNo}/actions`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { ...body, expected_state: expected },
      });
      expect(reply.status(), await reply.text()).toBe(200);
    }
  }
  await api.dispose();
  await page.goto('/guide/drafts/day');
  await page.getByTestId('village-refresh').click();
  await expect(page.getByTestId('village-message')).toContainText('已刷新 3 件');
  await expect(page.getByTestId('village-case-state').first()).toContainText('办结');
  let stored = await database(page);
  for (const villager of VILLAGERS) {
    expect(stored.tracked_cases).toContain(villager.id_no);
    expect(stored.tracked_cases).toContain(villager.phone);
  }
  await expect(page.getByTestId('village-cleared')).toHaveCount(0);

  // 31 days later by the browser's clock: the answers of the concluded cases are removed.
  await page.clock.setFixedTime(Date.now() + 31 * 86_400_000);
  await page.goto('/guide/drafts/day');
  await expect(page.getByTestId('village-cleared')).toHaveCount(3);
  stored = await database(page);
  const everything = Object.values(stored).join('\n');
  for (const villager of VILLAGERS) {
    expect(everything).not.toContain(villager.id_no);
    expect(everything).not.toContain(villager.phone);
    expect(stored.tracked_cases).toContain(cases[villager.name]);
    expect(stored.receipts).toContain(cases[villager.name]);
    // Still found under their name, with the state.
    const group = groups.filter({ hasText: villager.name });
    await expect(group).toContainText(cases[villager.name]);
    await expect(group.getByTestId('village-case-state')).toContainText('办结');
  }
  expect(stored.tracked_cases).toContain('query_code');
  // A refresh does not bring the answers back.
  await page.getByTestId('village-refresh').click();
  await expect(page.getByTestId('village-message')).toContainText('已刷新 3 件');
  stored = await database(page);
  for (const villager of VILLAGERS) expect(stored.tracked_cases).not.toContain(villager.id_no);
});

test("the operator clears one villager's data at once; the others stay", async ({ page }) => {
  await villageMode(page);
  await page.goto('/guide/drafts/day');
  for (const villager of VILLAGERS.slice(0, 2)) {
    await start(page);
    await page.locator('#q-name').fill(villager.name);
    await page.locator('#q-id_no').fill(villager.id_no);
    await expect(page.getByTestId('saved')).toContainText('已自动保存');
    await page.goto('/guide/drafts/day');
  }
  const groups = page.getByTestId('villager');
  await expect(groups).toHaveCount(2);
  const first = groups.filter({ hasText: VILLAGERS[0].name });
  await first.getByTestId('village-clear').click();
  await expect(first).toContainText('办件编号、查询码和状态保留');
  await first.getByTestId('village-clear-yes').click();
  await expect(groups).toHaveCount(1);
  await expect(groups).toContainText(VILLAGERS[1].name);
  const stored = await database(page);
  expect(stored.drafts).not.toContain(VILLAGERS[0].id_no);
  expect(stored.drafts).toContain(VILLAGERS[1].id_no);
});

test('without 代办 mode the day view says how to turn it on', async ({ page }) => {
  await page.goto('/guide/drafts/day');
  await expect(page.getByTestId('village-off')).toContainText('设置');
});
