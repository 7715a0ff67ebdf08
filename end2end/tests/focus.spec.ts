// Focus and titles: after every navigation — a link inside a bundle, a link to another bundle,
// the skip link, 在线预审申请 and 确认提交 — the focus is on the new page's <h1>, so that a
// screen reader announces it; every page's title is 「<page> - 行政服务中心」, with 「错误：」
// first while it shows an error.
import { test, expect, type Page } from '@playwright/test';
import { submitGa001InApp } from './helpers';

const SUFFIX = ' - 行政服务中心';

/** The focus is on the page's one <h1>, and the title is that heading's (or `title`). */
async function landedOn(page: Page, heading: string | RegExp, title?: string) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(heading);
  await expect(h1).toBeFocused();
  const text = (await h1.textContent())!.trim();
  await expect(page).toHaveTitle((title ?? text) + SUFFIX);
}

test('a link inside a bundle and a link to another bundle both land on the new heading', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: '主导航' });
  // Inside the shell: /track.
  await nav.getByRole('link', { name: '办件查询', exact: true }).click();
  await expect(page).toHaveURL('/track');
  await landedOn(page, '办件查询');
  // To the shell's other pages from /track's own links.
  await page.getByRole('navigation', { name: '查询与投诉' }).getByRole('link', { name: '投诉查询' }).click();
  await expect(page).toHaveURL('/track/complaint');
  await landedOn(page, '投诉查询');
  // Another bundle (a full page load): the guide, then the drafts, then back to the shell.
  await nav.getByRole('link', { name: '办事指南', exact: true }).click();
  await expect(page).toHaveURL('/guide');
  await landedOn(page, '办事指南');
  await nav.getByRole('link', { name: '我的草稿', exact: true }).click();
  await expect(page).toHaveURL('/guide/drafts');
  await landedOn(page, /我的草稿/);
  await nav.getByRole('link', { name: '设置', exact: true }).click();
  await expect(page).toHaveURL('/settings');
  await landedOn(page, '设置');
});

test('a page opened directly keeps the focus at the top, and the skip link moves it to the heading', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveTitle('设置' + SUFFIX);
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The next Tab goes on from the page's content, not back to the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(inMain).toBe(true);
});

test('在线预审申请 lands on the form heading and 确认提交 on the receipt heading', async ({ page }) => {
  // 在线预审申请 loads the forms bundle: its heading has the focus.
  await page.goto('/guide/GA-001');
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/\/guide\/apply\/GA-001/);
  await landedOn(page, /\S/);
  // 确认提交 loads the receipt (the drafts bundle): its heading has the focus, its own title.
  await submitGa001InApp(page, '王五');
  await landedOn(page, '申请已提交', '回执');
});

test('every citizen page has its own title, in Chinese and in English, and an error adds 「错误：」', async ({ page }) => {
  const pages: [string, string][] = [
    ['/', '网上办事大厅'],
    ['/track', '办件查询'],
    ['/track/complaint', '投诉查询'],
    ['/track/complaint/new', '我要投诉'],
    ['/settings', '设置'],
    ['/no/such/place', '找不到该页面'],
    ['/guide', '办事指南'],
    ['/disclosure', '政府信息公开'],
  ];
  for (const [path, title] of pages) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title + SUFFIX);
  }
  // Every page of every bundle: the title is the heading's.
  for (const path of ['/guide/GA-001', '/guide/drafts', '/disclosure/guides']) {
    await page.goto(path);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeVisible();
    await expect(page, path).toHaveTitle((await h1.textContent())!.trim() + SUFFIX);
  }
  // An error state: 办件查询 sent empty.
  await page.goto('/track');
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page).toHaveTitle('错误：办件查询' + SUFFIX);
  await page.getByTestId('track-case-no').fill('20260101-GA-000001');
  await page.getByTestId('track-query-code').fill('AAAA-BBBB-CCCC');
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-error')).toHaveText('办件编号或查询码不正确。');
  await expect(page).toHaveTitle('错误：办件查询' + SUFFIX);
  // English.
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveTitle(/Track a case - Administrative Service Center$/);
  // The error shown again in English (the switch rebuilds the page's text).
  await page.getByTestId('track-submit').click();
  await expect(page).toHaveTitle('Error: Track a case - Administrative Service Center');
  await page.goto('/settings');
  await expect(page).toHaveTitle('Settings - Administrative Service Center');
});
