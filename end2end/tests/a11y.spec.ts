// Accessibility of every citizen page and state, in each display mode: axe-core must find no
// violation at all (any impact) on the whole document, in the default mode, in elderly mode
// (适老化: large text, high contrast) and in English, at a phone's width (the project's default
// viewport, 360×740) and at a desk's (1280×800).
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn, waitForServiceWorker } from './helpers';

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
  // 咨询 and 预约 (the /contact bundle): each page empty, with data, and with errors.
  { name: 'contact hub', path: '/contact' },
  { name: 'ask', path: '/contact/ask?item=GA-001', act: (page) => expect(page.getByTestId('ask-item')).toBeVisible() },
  { name: 'ask without an item', path: '/contact/ask' },
  {
    name: 'ask with errors',
    path: '/contact/ask?item=GA-001',
    act: async (page) => {
      await page.getByTestId('ask-submit').click();
      await expect(page.getByTestId('error-summary')).toBeFocused();
    },
  },
  {
    name: 'ask waiting to be sent (offline)',
    path: '/contact/ask?item=GA-001',
    act: async (page) => {
      await page.context().setOffline(true);
      await fillQuestion(page);
      await expect(page.getByTestId('ask-waiting')).toBeVisible();
    },
  },
  { name: 'ask sent (its receipt)', path: '/contact/ask?item=GA-001', act: askQuestion },
  { name: 'answers, none on the device', path: '/contact/answers', act: (page) => expect(page.getByTestId('answers-none')).toBeVisible() },
  {
    name: 'answers with a question of the device',
    path: '/contact/ask?item=GA-001',
    act: async (page) => {
      await askQuestion(page);
      await page.getByTestId('ask-receipt').getByRole('link').click();
      await expect(page.getByTestId('answers-list')).toBeVisible();
    },
  },
  {
    name: 'answers lookup with errors',
    path: '/contact/answers',
    act: async (page) => {
      await page.getByTestId('lookup-submit').click();
      await expect(page.getByTestId('error-summary')).toBeFocused();
    },
  },
  { name: 'book', path: '/contact/book?department=GA&item=GA-001', act: chooseSlot },
  { name: 'book, choosing the department', path: '/contact/book', act: (page) => expect(page.getByTestId('department').locator('option').nth(1)).toBeAttached() },
  {
    name: 'book with errors',
    path: '/contact/book?department=GA',
    act: async (page) => {
      await chooseSlot(page);
      await page.getByTestId('book-submit').click();
      await expect(page.getByTestId('error-summary')).toBeFocused();
    },
  },
  {
    // Offline (the service worker serves the page): a date and a time to send as a request.
    name: 'book offline (a request for a time)',
    path: '/contact/bookings',
    act: async (page) => {
      await waitForServiceWorker(page);
      await page.context().setOffline(true);
      await page.goto('/contact/book?department=GA');
      await expect(page.getByTestId('book-date')).toBeVisible();
    },
  },
  { name: 'book confirmed (its receipt)', path: '/contact/book?department=GA', act: book },
  { name: 'bookings, none on the device', path: '/contact/bookings', act: (page) => expect(page.getByTestId('bookings-none')).toBeVisible() },
  {
    name: 'bookings with a booking, cancel asked',
    path: '/contact/book?department=GA',
    act: async (page) => {
      await book(page);
      await page.getByTestId('book-receipt').getByRole('link').click();
      await expect(page.getByTestId('booking-state')).toHaveAttribute('data-status', 'booked');
      await page.getByTestId('booking-cancel').click();
      await expect(page.getByTestId('booking-cancel-confirm')).toBeFocused();
    },
  },
];

/** Fills 我要咨询 and sends it. */
async function fillQuestion(page: Page) {
  await page.getByTestId('question').fill('窗口周六上班吗？');
  await page.getByTestId('name').fill('王五');
  await page.getByTestId('phone').fill('13700137000');
  await page.getByTestId('ask-submit').click();
}

/** Asks a question online: the receipt is shown. */
async function askQuestion(page: Page) {
  await fillQuestion(page);
  await expect(page.getByTestId('ask-receipt')).toBeVisible({ timeout: 20_000 });
}

/** Ticks the first day with places, then its first free slot. */
async function chooseSlot(page: Page) {
  await page.locator('label:not(.full) > input[name=book-day]').first().check();
  await page.locator('input[name=book-slot]:not([disabled])').first().check();
}

/** A valid 居民身份证号码 (GB 11643) numbered `seq` (one per booking: a person may hold two). */
function idNumber(seq: number): string {
  const body = `11010519800101${String(seq % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

let bookings = 100 + Math.floor(Math.random() * 800);

/** Books the first free slot: the confirmation is shown. */
async function book(page: Page) {
  await chooseSlot(page);
  await page.getByTestId('name').fill('赵六');
  await page.getByTestId('id_no').fill(idNumber(bookings++));
  await page.getByTestId('phone').fill('13600136000');
  await page.getByTestId('book-submit').click();
  await expect(page.getByTestId('book-receipt')).toBeVisible({ timeout: 20_000 });
}

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
          // The app's heading: a first screen's picture (aria-hidden) is not the page yet.
          await expect(page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
          await expect(page.locator('html')).toHaveAttribute('lang', mode.lang);
          if (visit.act) await visit.act(page);
          expect(await violations(page)).toEqual([]);
        });
      }
    });
  }
}

// The staff's front desk (咨询答复, 电子监察, 今日预约) in elderly mode and in English: signed in
// first (the sign-in form is in Chinese), then the mode set as the citizen app stores it.
for (const viewport of VIEWPORTS) {
  for (const mode of MODES.filter((m) => m.name !== 'default')) {
    test(`front desk, ${mode.name} at ${viewport.width}px: axe finds nothing`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await signIn(page, 'ga', 'demo-ga-2026');
      await page.evaluate(({ lang, elderly }) => {
        localStorage.setItem('guichet.lang', lang);
        localStorage.setItem('guichet.elderly', elderly);
      }, mode);
      await page.goto('/staff/front/');
      await expect(page.locator('main h1').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', mode.lang);
      for (const tab of ['front-questions-tab', 'front-late-tab', 'front-bookings-tab']) {
        await page.getByTestId(tab).click();
        await page.waitForTimeout(300);
        expect(await violations(page), tab).toEqual([]);
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
