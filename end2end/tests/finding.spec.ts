// Finding a service: the guide's search as you type (「sfz」 finds 居民身份证, offline too after
// one visit), the 个人/法人 filter and a life event (一件事), the home page's one search box
// landing on the guide's results or the catalog's, 热门事项, and on the catalog page: search
// first, advice when nothing is found, numbered pages. Each page passes axe in default, elderly
// and English modes at 360 px and 1280 px.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitForServiceWorker } from './helpers';

/** Every axe finding (any impact) inside `main`. */
async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('「sfz」 finds 居民身份证 as you type, and again offline after one visit', async ({ page, context }) => {
  await page.goto('/guide');
  await waitForServiceWorker(page);
  await expect(page).toHaveTitle(/办事指南/);
  const box = page.getByLabel('搜索办事事项');
  await box.fill('sfz');
  const results = page.locator('ul.results');
  await expect(results.getByRole('link', { name: '居民身份证换领' })).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText('身份证');
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toHaveText('找到 1 个事项');
  await expect(page).toHaveURL(/\/guide\?q=sfz$/);
  // Full pinyin and a keyword find it too.
  await box.fill('shenfenzheng');
  await expect(results.getByRole('link', { name: '居民身份证换领' })).toBeVisible();
  await box.fill('xyzxyz');
  await expect(page.getByText('没有找到与「xyzxyz」相符的事项')).toBeVisible();

  await context.setOffline(true);
  await page.goto('/guide?q=sfz');
  await expect(page.locator('ul.results').getByRole('link', { name: '居民身份证换领' })).toBeVisible();
  await page.getByLabel('搜索办事事项').fill('jiehun');
  await expect(page.locator('ul.results').getByRole('link', { name: '内地居民结婚登记' })).toBeVisible();
  await context.setOffline(false);
});

test('个人办事 / 法人办事 and a life event narrow the guide', async ({ page }) => {
  await page.goto('/guide');
  const company = page.getByRole('button', { name: '法人办事' });
  await company.click();
  await expect(company).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/for=company/);
  // Departments are folded; a company's items are there, a person's are not.
  // (Inside a folded department a link is not in the accessibility tree: found by its text.)
  await expect(page.locator('details.dept a', { hasText: '公章刻制备案' })).toHaveCount(1);
  await expect(page.locator('details.dept a', { hasText: '居民身份证换领' })).toHaveCount(0);
  const police = page.locator('details.dept').filter({ hasText: '县公安局' });
  await police.locator('summary').click();
  await expect(police.getByRole('link', { name: '公章刻制备案' })).toBeVisible();

  await page.getByRole('button', { name: '个人办事' }).click();
  await page.getByRole('button', { name: '出生' }).click();
  await expect(page).toHaveURL(/event=birth/);
  const results = page.locator('ul.results');
  await expect(results.getByRole('link', { name: '出生医学证明补发' })).toBeVisible();
  await expect(results.getByRole('link', { name: '社会保障卡申领' })).toBeVisible();
  await expect(results.getByRole('link', { name: '有限责任公司设立登记' })).toHaveCount(0);
  // Pressed again, the event lets go.
  await page.getByRole('button', { name: '出生' }).click();
  await expect(page.locator('ul.results')).toHaveCount(0);
});

test('the home page search lands on the guide or the catalog, and shows 热门事项', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('home-popular').getByRole('link')).toHaveCount(6);
  const box = page.getByLabel('搜索办事事项或政府信息');
  await box.fill('身份证');
  await page.getByTestId('home-search-items').click();
  await expect(page).toHaveURL(/\/guide\?q=%E8%BA%AB/);
  await expect(page.locator('ul.results').getByRole('link', { name: '居民身份证换领' })).toBeVisible();
  await expect(page.getByLabel('搜索办事事项')).toHaveValue('身份证');

  await page.goto('/');
  await page.getByLabel('搜索办事事项或政府信息').fill('通知');
  await page.getByTestId('home-search-catalog').click();
  await expect(page).toHaveURL(/\/disclosure\?q=/);
  await expect(page.getByTestId('catalog-q')).toHaveValue('通知');
  await expect(page.getByTestId('catalog-total')).toBeVisible();
});

test('the catalog searches first, advises when nothing is found, and numbers its pages', async ({ page }) => {
  await page.goto('/disclosure');
  await expect(page.getByTestId('catalog-total')).toBeVisible();
  const search = await page.getByTestId('catalog-q').boundingBox();
  const keep = await page.getByTestId('catalog-keep').boundingBox();
  expect(search!.y).toBeLessThan(keep!.y);

  const pager = page.getByRole('navigation', { name: '翻页' });
  await expect(pager.getByRole('link', { name: '第 1 页' })).toHaveAttribute('aria-current', 'page');
  await pager.getByRole('link', { name: '第 2 页' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager.getByRole('link', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('catalog-prev')).toBeVisible();

  await page.goto('/disclosure?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E8%AF%8D%E8%AF%AD');
  const advice = page.getByTestId('catalog-no-results');
  await expect(advice).toContainText('没有找到与「没有这个词语」相符的政府信息');
  await expect(advice.getByTestId('catalog-advice-request')).toHaveAttribute('href', '/guide/apply/YSQGK');
});

test('the finding pages pass axe in every mode and width', async ({ page, context }) => {
  test.setTimeout(180_000);
  const pages: [string, (p: Page) => Promise<void>][] = [
    ['/', async (p) => { await expect(p.getByTestId('home-popular')).toBeVisible(); }],
    ['/guide?q=sfz&for=person', async (p) => { await expect(p.locator('ul.results mark').first()).toBeVisible(); }],
    ['/guide?event=birth', async (p) => { await expect(p.locator('ul.results li').first()).toBeVisible(); }],
    ['/guide?q=xyzxyz', async (p) => { await expect(p.locator('p.empty').first()).toBeVisible(); }],
    ['/disclosure', async (p) => { await expect(p.getByTestId('catalog-total')).toBeVisible(); }],
    ['/disclosure?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E8%AF%8D%E8%AF%AD', async (p) => { await expect(p.getByTestId('catalog-no-results')).toBeVisible(); }],
  ];
  const modes: [string, string][] = [['zh-CN', '0'], ['zh-CN', '1'], ['en', '0']];
  for (const [lang, elderly] of modes) {
    await context.addInitScript(([l, e]) => {
      localStorage.setItem('guichet.lang', l);
      localStorage.setItem('guichet.elderly', e);
    }, [lang, elderly]);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready(page);
        await expect(page.locator('h1')).toHaveCount(1);
        expect(await axeViolations(page), `${path} ${lang} elderly=${elderly} ${width}px`).toEqual([]);
      }
    }
  }
});
