// The service guide edited by its department on the admin desk (/staff/admin/, 1280×800): a fee
// corrected there reaches a citizen's offline copy on its next online visit, and a form version
// is published from the editor (refused while it does not validate, previewed in the real form
// page) and is the one the citizens' form then uses.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { signIn, waitForServiceWorker } from './helpers';

const DESK = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

/** The 公安 部门审核 on the admin desk's 办事指南 page, item `code` chosen. */
async function reviewer(browser: Browser, code: string): Promise<Page> {
  const desk = await (await browser.newContext(DESK)).newPage();
  await signIn(desk, 'ga', 'demo-ga-2026');
  await desk.goto('/staff/admin/');
  await expect(desk.getByRole('heading', { level: 1, name: '办事指南与网上申请表格' })).toBeVisible();
  await desk.getByTestId('guide-item').selectOption(code);
  await expect(desk.getByTestId('g-name')).toBeVisible();
  await expect(desk.getByText(`事项编码 ${code}`)).toBeVisible();
  return desk;
}

test('a department corrects a fee and an offline guide shows it after its next online visit', async ({ page, context, browser }) => {
  // A citizen's phone visits the item once: the guide keeps it for offline reading.
  await page.goto('/guide/GA-001');
  await waitForServiceWorker(page);
  await page.reload();
  await expect(page.getByText('工本费每证20元')).toBeVisible();

  const desk = await reviewer(browser, 'GA-001');
  await expect(desk.getByTestId('g-fee-standard')).toHaveValue('工本费每证20元');
  // A blank basis is refused with the field named; nothing is saved.
  await desk.getByTestId('g-fee-standard').fill('工本费每证25元');
  const basis = await desk.getByTestId('g-fee-basis').inputValue();
  await desk.getByTestId('g-fee-basis').fill('');
  await desk.getByTestId('guide-save').click();
  await expect(desk.getByTestId('guide-refused')).toContainText('收费依据');
  await expect(desk.getByTestId('g-fee-basis')).toHaveAttribute('aria-invalid', 'true');
  // What was typed is still there; the basis put back, the correction is saved.
  await expect(desk.getByTestId('g-fee-standard')).toHaveValue('工本费每证25元');
  await desk.getByTestId('g-fee-basis').fill(basis);
  await desk.getByTestId('guide-save').click();
  await expect(desk.getByTestId('guide-saved')).toContainText('已保存');
  const check = await desk.request.get('/api/services/GA-001');
  expect((await check.json()).service.fee.standard).toBe('工本费每证25元');

  // Offline before any new visit: the phone still shows its copy.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText('工本费每证20元')).toBeVisible();
  // The next online visit brings the correction (no five-minute cache in the way) …
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByText('工本费每证25元')).toBeVisible();
  // … and the copy kept for offline reading is the new one.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText('工本费每证25元')).toBeVisible();
  await expect(page.getByText('工本费每证20元')).toHaveCount(0);
  await context.setOffline(false);
});

test('a form version is published from the editor and the citizens form uses it', async ({ page, browser }) => {
  const desk = await reviewer(browser, 'GA-004');
  await expect(desk.getByText('现行版本：第1版')).toBeVisible();
  const editor = desk.getByTestId('form-definition');
  const current = JSON.parse(await editor.inputValue());

  // Invalid first: a choice without options, and a question whose id is taken.
  const invalid = structuredClone(current);
  const firstId = invalid.sections[0].fields[0].id;
  invalid.sections[0].fields.push(
    { id: 'pickup', label: { zh: '领取方式' }, kind: 'choice', options: [] },
    { id: firstId, label: { zh: '备注' }, kind: 'text' },
  );
  await editor.fill(JSON.stringify(invalid, null, 2));
  await desk.getByTestId('form-check').click();
  const problems = desk.getByTestId('form-problems');
  await expect(problems).toContainText('第1部分');
  await expect(problems).toContainText('「领取方式」（pickup）');
  await expect(problems).toContainText('选择题须至少有一个选项');
  await expect(problems).toContainText(`编号「${firstId}」重复`);
  // Publishing it is refused with the same reasons; nothing is published.
  await desk.getByTestId('form-publish').click();
  await desk.getByTestId('form-confirm-publish').click();
  await expect(desk.getByTestId('form-problems')).toContainText('领取方式');
  expect((await (await desk.request.get('/api/services/GA-004')).json()).form.version).toBe(1);

  // Valid: a new optional question, previewed in the real form page, then published.
  const valid = structuredClone(current);
  valid.sections[0].fields.push({ id: 'pickup_note', label: { zh: '领取说明', en: 'Pick-up note' }, kind: 'text' });
  await editor.fill(JSON.stringify(valid, null, 2));
  await desk.getByTestId('form-check').click();
  await expect(desk.getByTestId('form-ok')).toBeVisible();
  await desk.getByTestId('form-preview-button').click();
  const preview = desk.frameLocator('[data-testid="form-preview"]');
  await expect(preview.getByText('领取说明')).toBeVisible();
  await desk.getByTestId('form-publish').click();
  await expect(desk.getByTestId('form-confirm')).toContainText('将发布为第2版');
  await desk.getByTestId('form-confirm-publish').click();
  await expect(desk.getByTestId('form-published')).toContainText('已发布第2版');
  await expect(desk.getByText('现行版本：第2版')).toBeVisible();

  // A citizen starting the form now gets version 2.
  await page.goto('/guide/apply/GA-004');
  await expect(page.getByText('领取说明')).toBeVisible();
  const detail = await (await page.request.get('/api/services/GA-004')).json();
  expect(detail.form.version).toBe(2);
  expect(detail.form_versions).toEqual([1, 2]);
});
