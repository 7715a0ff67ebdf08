// One draft, one case (issue #17): a draft open in two tabs and sent from both makes one case,
// and both tabs show the same receipt; the same draft exported to a file and sent again from a
// second computer — where no device can know — makes a second case that the desk flags as a
// probable duplicate of the first, with a link to it, without refusing it.
import { test, expect, type Page } from '@playwright/test';
import { fillGa001ToCheck as fillToCheck, signIn, waitForServiceWorker } from './helpers';

/** The desk's cases whose applicant matches `name`. */
async function casesOf(desk: Page, name: string): Promise<string[]> {
  const found = await desk.request.get(`/api/staff/queue?q=${encodeURIComponent(name)}&closed=true`);
  expect(found.status()).toBe(200);
  return ((await found.json()).items as { case_no: string }[]).map((c) => c.case_no);
}

/** From a draft reopened on its last step, on to the check page. */
async function onToCheck(page: Page, name: string) {
  for (let step = 0; step < 4 && !(await page.getByTestId('answer-name').isVisible()); step++) {
    await page.getByTestId('continue').click();
  }
  await expect(page.getByTestId('answer-name')).toHaveText(name);
}

test('a draft sent from two tabs at once makes one case, and both tabs show its receipt', async ({ page, context }) => {
  // Both tabs go to the receipt page, whose outbox sends the one record. The tab that did not
  // send learns of the receipt at its outbox's next tick (30 s): no cross-tab signal yet.
  test.setTimeout(90_000);
  await fillToCheck(page, '钱多多');
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('answer-name')).toHaveText('钱多多');
  for (const tab of [page, other]) await tab.getByTestId('declaration').check();

  await Promise.all([page.getByTestId('submit').click(), other.getByTestId('submit').click()]);
  for (const tab of [page, other]) {
    await expect(tab).toHaveURL(/\/guide\/receipt\//);
    await expect(tab.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/, { timeout: 40_000 });
  }
  const caseNo = await page.getByTestId('case-no').textContent();
  await expect(other.getByTestId('case-no')).toHaveText(caseNo!);
  expect(new URL(page.url()).pathname).toBe(new URL(other.url()).pathname);

  const desk = await context.browser()!.newPage();
  await signIn(desk, 'ga', 'demo-ga-2026');
  expect(await casesOf(desk, '钱多多')).toEqual([caseNo]);
  await desk.close();
});

test('a stale tab cannot revive or resend a draft sent from another tab', async ({ page, context }) => {
  await fillToCheck(page, '孙小满');
  const stale = await context.newPage();
  await stale.goto(page.url());
  await expect(stale.getByTestId('answer-name')).toHaveText('孙小满');
  await page.getByTestId('declaration').check();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/);
  const caseNo = await page.getByTestId('case-no').textContent();

  // The stale tab, still on the check page, sends too: it is shown the same receipt.
  await stale.getByTestId('declaration').check();
  await stale.getByTestId('submit').click();
  await expect(stale.getByTestId('case-no')).toHaveText(caseNo!);
  await page.goto('/guide/drafts');
  await expect(page.getByTestId('draft')).toHaveCount(0);
});

test('the same draft sent again from a second computer is flagged on the desk as a probable duplicate', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await fillToCheck(page, '李一鸣');
  // The village room exports the day's drafts to a USB stick before sending.
  await page.goto('/guide/drafts');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  await page.getByTestId('continue-draft').click();
  await onToCheck(page, '李一鸣');
  await page.getByTestId('declaration').check();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/);
  const first = (await page.getByTestId('case-no').textContent())!;

  // Another computer imports the file and sends the same answers.
  const second = await browser.newContext();
  const tab = await second.newPage();
  await tab.goto('/guide/drafts');
  await waitForServiceWorker(tab);
  await tab.getByTestId('import').setInputFiles(file!);
  await expect(tab.getByTestId('drafts-message')).toContainText('新增 1 份');
  await tab.getByTestId('continue-draft').click();
  await onToCheck(tab, '李一鸣');
  await tab.getByTestId('declaration').check();
  await tab.getByTestId('submit').click();
  await expect(tab.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/);
  const again = (await tab.getByTestId('case-no').textContent())!;
  expect(again).not.toBe(first);
  await second.close();

  const desk = await browser.newPage();
  await signIn(desk, 'ga', 'demo-ga-2026');
  await desk.goto(`/staff/?case=${again}`);
  await expect(desk.getByTestId('desk-case-no')).toHaveText(again);
  const flag = desk.getByTestId('desk-duplicate');
  await expect(flag).toContainText('可能重复申报');
  await flag.getByRole('button', { name: first }).click();
  await expect(desk.getByTestId('desk-case-no')).toHaveText(first);
  await expect(desk.getByTestId('desk-duplicate')).toHaveCount(0);
  await desk.close();
});
