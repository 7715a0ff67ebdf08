// Accessibility of every citizen page and state, in each display mode: axe-core must find no
// violation at all (any impact) on the whole document, in the default mode, in elderly mode
// (适老化: large text, high contrast) and in English, at a phone's width (the project's default
// viewport, 360×740) and at a desk's (1280×800).
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The display modes, as the app stores them in `localStorage` before its first paint. */
const MODES = [
  { name: 'default', lang: 'zh-CN', elderly: '0' },
  { name: 'elderly', lang: 'zh-CN', elderly: '1' },
  { name: 'English', lang: 'en', elderly: '0' },
] as const;

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

/** A page in a state: where to go, then what to do there before checking. */
type Visit = { name: string; path: string; act?: (page: Page) => Promise<void> };

/** Every page of the citizen app, and the states worth checking apart (errors, results). */
const VISITS: Visit[] = [
  { name: 'home', path: '/' },
  { name: 'guide', path: '/guide' },
  { name: 'item', path: '/guide/GA-001' },
  { name: 'item with a representative', path: '/guide/GA-003' },
  { name: 'form', path: '/guide/GA-003', act: startForm },
  {
    name: 'form with errors',
    path: '/guide/GA-003',
    act: async (page) => {
      await startForm(page);
      await page.locator('form button[type=submit]').last().click();
      await expect(page.locator('[role=alert], .error-summary').first()).toBeVisible();
    },
  },
  { name: 'drafts', path: '/guide/drafts' },
  { name: 'disclosure catalog', path: '/disclosure' },
  {
    name: 'catalog search with no result',
    path: '/disclosure',
    act: async (page) => {
      const search = page.getByRole('searchbox').first();
      await search.fill('没有这样的文件zzqx');
      await search.press('Enter');
      await page.waitForTimeout(300);
    },
  },
  { name: 'disclosure guides', path: '/disclosure/guides' },
  { name: 'track', path: '/track' },
  {
    name: 'track with errors',
    path: '/track',
    act: async (page) => {
      await page.locator('main form button[type=submit]').first().click();
      await page.waitForTimeout(300);
    },
  },
  { name: 'complaint lookup', path: '/track/complaint' },
  { name: 'new complaint', path: '/track/complaint/new' },
  {
    name: 'new complaint with errors',
    path: '/track/complaint/new',
    act: async (page) => {
      await page.locator('main form button[type=submit]').first().click();
      await expect(page.locator('.error-summary').first()).toBeVisible();
    },
  },
  { name: 'blank form to print', path: '/guide/drafts/print?item=GA-003' },
  { name: 'settings', path: '/settings' },
  { name: 'not found', path: '/no/such/place' },
  { name: 'staff sign-in', path: '/staff' },
];

async function startForm(page: Page) {
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/draft=/);
  await expect(page.locator('main h1')).toBeVisible();
}

/** Every axe violation on the page, as readable lines (rule, impact, first targets). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

for (const viewport of VIEWPORTS) {
  for (const mode of MODES) {
    test.describe(`${mode.name} at ${viewport.width}px`, () => {
      test.use({ viewport });
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(({ lang, elderly }) => {
          localStorage.setItem('guichet.lang', lang);
          localStorage.setItem('guichet.elderly', elderly);
        }, mode);
      });
      for (const visit of VISITS) {
        test(`${visit.name}: axe finds nothing`, async ({ page }) => {
          await page.goto(visit.path);
          await expect(page.locator('main h1').first()).toBeVisible();
          await expect(page.locator('html')).toHaveAttribute('lang', mode.lang);
          if (visit.act) await visit.act(page);
          expect(await violations(page)).toEqual([]);
        });
      }
    });
  }
}

// The village service room's pages (issue 17): 设置 with 代办 mode on and the operator's
// details, and 代办今日一览 with a villager's draft, in each display mode and width.
for (const viewport of VIEWPORTS) {
  for (const mode of MODES) {
    test.describe(`village room, ${mode.name} at ${viewport.width}px`, () => {
      test.use({ viewport });
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(({ lang, elderly }) => {
          localStorage.setItem('guichet.lang', lang);
          localStorage.setItem('guichet.elderly', elderly);
        }, mode);
      });
      test('settings with 代办 mode and the day view: axe finds nothing', async ({ page }) => {
        await page.goto('/settings');
        await page.getByTestId('village-on').check();
        await page.getByTestId('village-name').fill('王代办');
        await page.getByTestId('village-phone').fill('13900139000');
        await page.getByTestId('village-save').click();
        await expect(page.getByTestId('village-message')).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await page.goto('/guide/drafts/day');
        await page.getByTestId('village-item').selectOption('GA-001');
        await page.getByTestId('village-start').click();
        await expect(page).toHaveURL(/draft=/);
        await page.locator('#q-name').fill('赵大山');
        await expect(page.getByTestId('saved')).toBeVisible();
        await page.goto('/guide/drafts/day');
        await expect(page.getByTestId('villager')).toHaveCount(1);
        await expect(page.locator('html')).toHaveAttribute('lang', mode.lang);
        expect(await violations(page)).toEqual([]);
      });
    });
  }
}
