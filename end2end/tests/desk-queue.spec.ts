// The window desk at a counter's screen (1280×800): a clerk finds a case by the last four
// digits of the applicant's ID number, reads what was submitted in words (the form's labels,
// a choice by its label, the file by its name with a link) and every time in Beijing time, and
// the history names who acted. The browser runs in New York time, so a time rendered in the
// device's zone, or left in UTC, shows up; the page's text is also scanned for UTC-looking
// times. An irreversible move (不予受理) asks for confirmation in the page, with the focus on it.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileItem, PERSON, signIn } from './helpers';

test.use({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/New_York' });

/** Serious and critical axe findings inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** An instant as the desk must show it: Beijing time, `YYYY-MM-DD HH:MM`. */
function beijing(rfc3339: string): string {
  return new Date(Date.parse(rfc3339) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A valid 居民身份证号码 born 1990-03-07 in 110105, with a random sequence (GB 11643 check). */
function idNumber(): string {
  const base = `11010519900307${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return base + '10X98765432'[sum % 11];
}

/** Times that are not Beijing wall-clock text: ISO stamps, `Z`, `UTC`, an offset. */
const UTC_LOOKING = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b|\bUTC\b|GMT|[+-]\d{2}:\d{2}\b/;

async function expectOnlyBeijingTimes(page: Page, receivedAt: string) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(UTC_LOOKING);
  // The same instant written in UTC is nowhere on the page.
  expect(text).not.toContain(receivedAt.slice(0, 16).replace('T', ' '));
}

test('a window clerk finds a case by the last four ID digits and reads it in words, in Beijing time', async ({
  page,
  request,
}) => {
  const id_no = idNumber();
  const filed = await fileItem(
    request,
    'GA-003',
    { ...PERSON, name: '张小三', id_no, purpose: '就业', has_agent: 'no' },
    ['material_1'],
    { material_1: '身份证 复印件.pdf' },
  );
  const received = beijing(filed.received_at);

  await signIn(page, 'ga', 'demo-ga-2026');
  await expect(page.getByTestId('queue')).toBeVisible();
  expect(await axeViolations(page, 'main')).toEqual([]);

  await page.getByTestId('queue-q').fill(id_no.slice(-4));
  await page.getByRole('button', { name: '查找', exact: true }).click();
  const row = page.getByTestId('queue-row').filter({ hasText: filed.case_no });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell', { name: '张*三', exact: true })).toBeVisible();
  await expect(row).toContainText('无犯罪记录证明');
  await expect(row).toContainText(received);
  await expectOnlyBeijingTimes(page, filed.received_at);
  await page.screenshot({ path: test.info().outputPath('desk-queue-1280.png') });

  await row.getByRole('button', { name: filed.case_no }).click();
  await expect(page.getByTestId('desk-case-no')).toHaveText(filed.case_no);
  const answers = page.getByTestId('desk-answers');
  await expect(answers).toContainText('申请人姓名');
  await expect(answers).toContainText('张小三');
  // A choice by its label, never its code.
  await expect(answers.locator('dt:has-text("是否委托他人代为办理") + dd')).toHaveText('否，本人办理');
  // The agent's fields are hidden by show_if: left out.
  await expect(answers).not.toContainText('代理人姓名');
  await expect(page.getByTestId('desk-received')).toHaveText(received);
  await expect(page.getByTestId('desk-materials')).toContainText('已收到');

  // The file opens from the desk with its name and the right headers.
  const link = answers.getByRole('link', { name: '身份证 复印件.pdf' });
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(file.headers()['content-disposition']).toContain(
    "inline; filename=\"___ ___.pdf\"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E5%A4%8D%E5%8D%B0%E4%BB%B6.pdf",
  );

  // 不予受理 is final: the page says so and asks first, with the focus on the question.
  await page.getByTestId('move-refuse').click();
  await expect(page.getByTestId('confirm-title')).toBeFocused();
  await expect(page.getByTestId('confirm-text')).toContainText('不能撤销');
  expect(await axeViolations(page, 'main')).toEqual([]);
  await expect(page.getByTestId('move-cancel')).toHaveText('取消');
  await page.getByTestId('move-cancel').click();
  await expect(page.getByTestId('confirm-title')).toHaveCount(0);
  await expect(page.getByTestId('desk-state')).toHaveText('提交预审');

  // A move: the history names the clerk, in Beijing time.
  const clerk = (await page.getByTestId('staff-me').innerText()).trim();
  await page.getByTestId('move-pass_prereview').click();
  await expect(page.getByTestId('desk-state')).toHaveText('预审通过');
  const history = page.getByTestId('desk-history').locator('li');
  await expect(history.first()).toContainText('提交申请');
  await expect(history.first()).toContainText(received);
  await expect(history.last()).toContainText('预审通过');
  await expect(history.last()).toContainText(`· ${clerk}（县公安局）`);
  await expectOnlyBeijingTimes(page, filed.received_at);
  await page.screenshot({ path: test.info().outputPath('desk-case-1280.png'), fullPage: true });

  // 电子监察 too shows no UTC time.
  await page.getByTestId('tab-overdue').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('电子监察（超期）');
  await expectOnlyBeijingTimes(page, filed.received_at);
});
