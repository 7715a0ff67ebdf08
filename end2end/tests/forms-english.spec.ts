// The forms in English and for everyone: a form filled in English shows no Chinese but what is
// marked lang="zh-CN"; personal questions carry autocomplete tokens and format hints; 修改 on
// the check page comes back to it; the declaration must be ticked; GA-003 asks for the power of
// attorney only when someone else applies; the blank and filled printable forms (表单下载); and
// axe finds nothing in the default, elderly and English modes at 360 and 1280 px.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { canonical, fileItem, PERSON } from './helpers';

type Mode = 'default' | 'elderly' | 'english';
const MODES: Mode[] = ['default', 'elderly', 'english'];
const PDF = { name: 'id.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

/** Sets the language and elderly mode before any page of the context loads. */
async function setMode(page: Page, mode: Mode) {
  await page.addInitScript((m) => {
    localStorage.setItem('guichet.lang', m === 'english' ? 'en' : 'zh-CN');
    localStorage.setItem('guichet.elderly', m === 'elderly' ? '1' : '0');
  }, mode);
}

/** axe's findings on the page, as short lines (empty when none). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe at 360 and 1280 px. */
async function axeBothWidths(page: Page, where: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
    expect(await axe(page), `${where} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

/** Visible Chinese text of the main content that no lang="zh-CN" element marks. */
async function unmarkedChinese(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.querySelector('main') ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !/[\u2e80-\u9fff]/.test(text)) continue;
      if (parent.closest('[hidden]')) continue;
      const marked = parent.closest('[lang]');
      if (marked && marked !== document.documentElement && marked.getAttribute('lang') === 'zh-CN') continue;
      found.push(text.trim());
    }
    return found;
  });
}

async function saved(page: Page) {
  await expect(page.getByTestId('saved')).not.toBeEmpty();
}

test('GA-003 in English: English throughout, autocomplete, hints, 修改 back to check, declaration', async ({ page }) => {
  await setMode(page, 'english');
  await page.goto('/guide/GA-003');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificate of no criminal record');
  // The power of attorney says when it is needed.
  await expect(page.locator('table.materials')).toContainText('When someone else applies on your behalf');
  await expect(page.getByTestId('print-blank')).toHaveAttribute('href', '/guide/drafts/print?item=GA-003');
  expect(await unmarkedChinese(page)).toEqual([]);

  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/draft=/);
  await expect(page.locator('#q-name')).toBeVisible();
  await expect(page.locator('#q-name')).toHaveAttribute('autocomplete', 'name');
  await expect(page.locator('#q-phone')).toHaveAttribute('autocomplete', 'tel');
  await expect(page.locator('#q-address')).toHaveAttribute('autocomplete', 'street-address');
  await expect(page.locator('#q-id_no')).toHaveAttribute('aria-describedby', 'hint-id_no');
  await expect(page.locator('#hint-id_no')).toContainText('18 characters');
  await expect(page.locator('#hint-phone')).toContainText('11-digit');
  await expect(page.getByText("Applicant's ID card number")).toBeVisible();
  expect(await unmarkedChinese(page)).toEqual([]);

  // Errors are English, label and message alike.
  await page.getByTestId('continue').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Applicant's name: This field is required.");
  expect(await unmarkedChinese(page)).toEqual([]);
  await page.locator('#q-name').fill(PERSON.name);
  await page.locator('#q-id_no').fill(PERSON.id_no);
  await page.locator('#q-phone').fill(PERSON.phone);
  await page.locator('#q-address').fill(PERSON.address);
  await saved(page);
  // What the person typed in Chinese is marked as Chinese.
  await page.getByTestId('continue').click();
  await page.locator('#q-purpose').fill('Employment');
  await page.getByTestId('continue').click();
  await expect(page.getByText('Is someone else applying on your behalf?')).toBeVisible();
  await page.getByLabel('No, I am applying myself').check();
  await page.getByTestId('continue').click();
  // Applying oneself: no power of attorney asked.
  await expect(page.getByTestId('file-material_1')).toBeAttached();
  await expect(page.locator('#field-material_2')).toBeHidden();
  await page.getByTestId('file-material_1').setInputFiles(PDF);
  await expect(page.getByTestId('files-material_1')).toContainText('id.pdf');
  await page.getByTestId('continue').click();
  await expect(page).toHaveURL(/step=check/);
  await expect(page.getByTestId('answer-name')).toHaveText(PERSON.name);
  await expect(page.getByTestId('answer-name').locator('[lang="zh-CN"]')).toHaveText(PERSON.name);
  expect(await unmarkedChinese(page)).toEqual([]);

  // Submitting without the declaration: its error in the summary, linked to the tick box.
  await page.getByTestId('submit').click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Declaration: Please read and tick the declaration');
  await expect(page.getByTestId('declaration')).toHaveAttribute('aria-invalid', 'true');
  expect(await unmarkedChinese(page)).toEqual([]);
  await axeBothWidths(page, 'check page with the declaration error, English');

  // Change, then continue: back to the check page, not the next step.
  await page.locator('.change a').first().click();
  await expect(page).toHaveURL(/step=applicant.*return=check/);
  await page.locator('#q-name').fill('李四');
  await saved(page);
  await page.getByTestId('continue').click();
  await expect(page).toHaveURL(/step=check/);
  await expect(page.getByTestId('answer-name')).toHaveText('李四');

  await page.getByTestId('declaration').check();
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL(/\/guide\/receipt\//);
  await expect(page.getByTestId('case-no')).toHaveText(/-GA-/);
});

test('GA-003 needs the power of attorney only when an agent applies, on the server too', async ({ page, request }) => {
  await setMode(page, 'default');
  await page.goto('/guide/GA-003');
  await page.getByTestId('start-apply').click();
  await expect(page.locator('#q-name')).toBeVisible();
  await page.goto(page.url() + '&step=agent');
  await page.getByLabel('是，委托代理人').check();
  await expect(page.locator('#field-agent_name')).toBeVisible();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('代理人姓名');
  await page.getByLabel('否，本人办理').check();
  await page.getByTestId('continue').click();
  await expect(page.locator('#field-material_2')).toBeHidden();

  // The server's validation is the same function: without an agent, no power of attorney.
  const alone = await fileItem(request, 'GA-003', { ...PERSON, purpose: '就业', has_agent: 'no' }, ['material_1']);
  expect(alone.case_no).toMatch(/-GA-/);
  const agent = { agent_name: '李四', agent_id_no: PERSON.id_no, agent_phone: PERSON.phone, agent_address: PERSON.address };
  const answers = { declaration: true, ...PERSON, purpose: '就业', has_agent: 'yes', ...agent };
  const hash = createHash('sha256').update(canonical({ answers, form_version: 1, item_code: 'GA-003' })).digest('hex');
  const refused = await request.post('/api/submissions', {
    data: { client_id: 'f'.repeat(32), item_code: 'GA-003', form_version: 1, answers, content_hash: hash },
  });
  expect(refused.status()).toBe(422);
  expect(await refused.text()).toContain('material_2');
});

test('the printable form, blank and from a draft, on A4', async ({ page }) => {
  await setMode(page, 'default');
  await page.goto('/guide/GA-003');
  await page.getByTestId('print-blank').click();
  await expect(page).toHaveURL('/guide/drafts/print?item=GA-003');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无犯罪记录证明开具申请表');
  await expect(page).toHaveTitle('无犯罪记录证明开具申请表 - 行政服务中心');
  await expect(page.getByTestId('print-id_no').locator('.print-cell')).toHaveCount(18);
  await expect(page.getByTestId('print-has_agent')).toContainText('☐');
  await expect(page.getByTestId('print-agent_name')).toContainText('如适用');
  await expect(page.locator('.print-checklist li')).toHaveCount(2);
  await expect(page.locator('.print-checklist')).toContainText('委托他人代为办理的');
  await expect(page.locator('.print-form')).toContainText('本人承诺所填信息');
  await expect(page.locator('.print-sign')).toContainText('申请人（签名）');
  await expect(page.getByTestId('print')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', path: process.env.PRINT_PDF_DIR ? `${process.env.PRINT_PDF_DIR}/blank.pdf` : undefined });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // From a draft: its answers in the boxes, its choices ticked.
  await page.goto('/guide/GA-003');
  await page.getByTestId('start-apply').click();
  await page.locator('#q-name').fill('王五');
  await page.locator('#q-id_no').fill(PERSON.id_no);
  await saved(page);
  await page.goto('/guide/drafts');
  await page.getByTestId('print-draft').click();
  await expect(page).toHaveURL(/\/guide\/drafts\/print\?draft=/);
  await expect(page.getByTestId('print-name')).toContainText('王五');
  await expect(page.getByTestId('print-id_no').locator('.print-cell').last()).toHaveText('X');
  // A draft shows only the questions its answers show.
  await expect(page.getByTestId('print-agent_name')).toHaveCount(0);
  const filled = await page.pdf({ format: 'A4', path: process.env.PRINT_PDF_DIR ? `${process.env.PRINT_PDF_DIR}/draft.pdf` : undefined });
  expect(filled.length).toBeGreaterThan(1000);
});

for (const mode of MODES) {
  test(`axe finds nothing on the form, its errors and the printable form (${mode})`, async ({ page }) => {
    await setMode(page, mode);
    await page.goto('/guide/GA-001');
    await page.getByTestId('start-apply').click();
    await expect(page.locator('#q-name')).toBeVisible();
    await axeBothWidths(page, `form step, ${mode}`);
    await page.getByTestId('continue').click();
    await expect(page.getByTestId('error-summary')).toBeFocused();
    await axeBothWidths(page, `form errors, ${mode}`);
    if (mode === 'english') expect(await unmarkedChinese(page)).toEqual([]);
    await page.goto('/guide/drafts/print?item=GA-001');
    await expect(page.locator('.print-form')).toBeVisible();
    await axeBothWidths(page, `printable form, ${mode}`);
    if (mode === 'english') expect(await unmarkedChinese(page)).toEqual([]);
    await page.goto('/guide/drafts');
    await page.getByTestId('print-draft').first().click();
    await expect(page.locator('.print-form')).toBeVisible();
    await axeBothWidths(page, `printable draft, ${mode}`);
  });
}
