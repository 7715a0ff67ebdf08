// Drafts end to end: the export file of a shared village computer (export, delete, import back
// exactly; a damaged or foreign file refused without touching what is stored), a draft
// carried over to a form version published after it was started, and a device whose storage
// fills up while a form is being filled (the origin's quota made small through the DevTools
// protocol).
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { storedRecords, serverBin as helperServerBin } from './helpers';

const serverBin = helperServerBin();
const ID = '11010519491231002X';
const PHONE = '13800138000';
const OTHER_PHONE = '13900139000';

async function start(page: Page, code: string) {
  await page.goto(`/guide/${code}`);
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/draft=/);
  await expect(page.locator('#q-name')).toBeVisible();
}

async function saved(page: Page) {
  await expect(page.getByTestId('saved')).toContainText('已自动保存');
}

/** The drafts as IndexedDB holds them: id → (answers text, form version). */
async function storedDrafts(page: Page): Promise<Record<string, { answers: string; form_version: number }>> {
  const drafts = await storedRecords(page, 'drafts');
  return Object.fromEntries(drafts.map((d) => [d.id, { answers: d.answers, form_version: d.form_version }]));
}

test('drafts exported to a file come back exactly; a damaged or foreign file is refused and loses nothing', async ({ page }) => {
  await start(page, 'GA-001');
  await page.locator('#q-name').fill('周九');
  await page.locator('#q-id_no').fill(ID);
  await page.locator('#q-phone').fill(PHONE);
  await saved(page);
  await page.goto('/guide/drafts');
  await expect(page.getByTestId('draft')).toHaveCount(1);
  const before = await storedDrafts(page);
  expect(Object.keys(before)).toHaveLength(1);

  // Export to a file.
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  await expect(page.getByTestId('drafts-message')).toContainText('草稿已导出');
  const exported = JSON.parse(readFileSync(file!, 'utf8'));
  expect(exported.format).toBe('guichet-drafts');
  expect(exported.drafts).toHaveLength(1);

  // Delete it (after the inline confirmation).
  await page.getByTestId('delete-draft').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('draft')).toHaveCount(0);
  await expect(page.getByText('没有草稿。')).toBeVisible();
  expect(await storedDrafts(page)).toEqual({});

  // Import the file: the draft is back with its answers exactly.
  await page.getByTestId('import').setInputFiles(file!);
  await expect(page.getByTestId('drafts-message')).toContainText('新增 1 份');
  await expect(page.getByTestId('draft')).toHaveCount(1);
  expect(await storedDrafts(page)).toEqual(before);

  // A damaged file (cut short) and a foreign one: a plain error, nothing lost.
  const text = readFileSync(file!, 'utf8');
  const damaged = { name: 'drafts.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) };
  await page.getByTestId('import').setInputFiles(damaged);
  await expect(page.getByTestId('drafts-message')).toHaveText('这不是本网站导出的草稿文件。');
  expect(await storedDrafts(page)).toEqual(before);
  await page.reload();
  const foreign = { name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"张三","drafts":"x"}') };
  await page.getByTestId('import').setInputFiles(foreign);
  await expect(page.getByTestId('drafts-message')).toHaveText('这不是本网站导出的草稿文件。');
  await expect(page.getByTestId('draft')).toHaveCount(1);
  expect(await storedDrafts(page)).toEqual(before);

  // And the form opens with what was typed.
  await page.getByTestId('continue-draft').click();
  await expect(page.locator('#q-name')).toHaveValue('周九');
  await expect(page.locator('#q-id_no')).toHaveValue(ID);
  await expect(page.locator('#q-phone')).toHaveValue(PHONE);
});

test('a full device: autosave says 存储空间不足, keeps what was typed and what was saved, and saves again once there is room', async ({ page, context }) => {
  test.setTimeout(120_000);
  await start(page, 'GA-001');
  await page.locator('#q-name').fill('周九');
  await saved(page);
  const before = Object.values(await storedDrafts(page));
  expect(before).toHaveLength(1);
  expect(JSON.parse(before[0].answers).name).toBe('周九');

  // No room left: the browser refuses writes with a QuotaExceededError. Chromium checks a write
  // against the room it last measured, kept for 30 s, so changes are made until one is refused.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  const status = page.getByTestId('saved');
  let phone = PHONE;
  let changes = 0;
  await expect(async () => {
    changes += 1;
    phone = changes % 2 === 1 ? PHONE : OTHER_PHONE;
    await page.locator('#q-phone').fill(phone);
    await expect(status).toContainText('未能保存：本机存储空间不足', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(status).not.toContainText('已自动保存');
  // What was typed stays on the page, and what was saved before stays saved.
  await expect(page.locator('#q-phone')).toHaveValue(phone);
  await expect(page.locator('#q-name')).toHaveValue('周九');
  const during = Object.values(await storedDrafts(page));
  expect(during).toHaveLength(1);
  expect(JSON.parse(during[0].answers).name).toBe('周九');

  // Room again: the next change is saved, with everything typed meanwhile.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.locator('#q-name').fill('周九九');
  await saved(page);
  const after = Object.values(await storedDrafts(page));
  expect(after).toHaveLength(1);
  const answers = JSON.parse(after[0].answers);
  expect(answers.name).toBe('周九九');
  expect(answers.phone).toBe(phone);
});

test("the validators' messages reach the form in words, not as keys", async ({ page }) => {
  // The forms bundle carries only the string slices it shows; the core's validators look
  // their messages up in them.
  await start(page, 'GA-001');
  await page.locator('#q-id_no').fill('1234');
  await page.getByTestId('continue').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('身份证号码应为18位，您输入了4位。');
  await expect(page.locator('#err-id_no')).toContainText('身份证号码应为18位');
  await expect(page.locator('#q-id_no')).toHaveAttribute('aria-describedby', /err-id_no/);
  await expect(summary).not.toContainText('id_card.');
  await expect(summary).not.toContainText('form.');
});

test('a draft started on one form version carries its answers over to the next and shows what it could not keep', async ({ page, request }) => {
  // GA-002, which no other spec files: its new version stays for the rest of the run.
  await start(page, 'GA-002');
  await page.locator('#q-name').fill('吴十');
  await page.locator('#q-id_no').fill(ID);
  await page.locator('#q-phone').fill(PHONE);
  await page.locator('#q-address').fill('城关镇人民路2号');
  await page.getByTestId('continue').click();
  await page.locator('#q-relation-1').check(); // 子女投靠父母
  await page.locator('#q-host_name').fill('吴父');
  await page.locator('#q-host_id_no').fill(ID);
  // Continuing saves at once (and the next step proves it was accepted).
  await page.getByTestId('continue').click();
  await expect(page).not.toHaveURL(/step=details/);
  const draftUrl = page.url();

  // The center publishes the next version: no more 被投靠人姓名, and 与投靠人关系 loses
  // 子女投靠父母.
  const current = (await (await request.get('/api/services/GA-002')).json()).form;
  const next = structuredClone(current);
  next.version = current.version + 1;
  for (const section of next.sections) {
    section.fields = section.fields.filter((f: any) => f.id !== 'host_name');
    for (const field of section.fields) {
      if (field.id === 'relation') field.options = field.options.filter((o: any) => o.value !== 'child');
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'guichet-form-'));
  const path = join(dir, 'GA-002.json');
  writeFileSync(path, JSON.stringify(next));
  execFileSync(serverBin, ['form-publish', '--data-dir', process.env.GUICHET_E2E_DATA_DIR!, '--file', path]);
  // The item's description may be kept five minutes (Cache-Control); a person coming back
  // later gets the new one. The test skips the wait.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');

  // Reopened, the draft offers the new version; carried over, it keeps what still fits.
  await page.goto(draftUrl);
  await expect(page.getByTestId('newer-version')).toContainText(`第${next.version}版`);
  await page.getByRole('button', { name: '转到新版表格继续填写' }).click();
  const dropped = page.getByTestId('dropped');
  await expect(dropped).toContainText('“被投靠人姓名”一项已取消');
  await expect(dropped).toContainText('吴父');
  await expect(dropped).toContainText('“与投靠人关系”中您原来的选项已不再提供');
  await expect(dropped).toContainText('子女投靠父母');
  await expect(page.getByTestId('newer-version')).toHaveCount(0);
  const stored = Object.values(await storedDrafts(page))[0];
  expect(stored.form_version).toBe(next.version);
  const answers = JSON.parse(stored.answers);
  expect(answers).toMatchObject({ name: '吴十', id_no: ID, phone: PHONE, address: '城关镇人民路2号', host_id_no: ID });
  expect(answers.host_name).toBeUndefined();
  expect(answers.relation).toBeUndefined();
  // The check page shows what was kept; the new version asks again for the relation only.
  await page.goto(draftUrl.replace(/step=[^&]*/, 'step=check'));
  await expect(page.getByTestId('answer-name')).toHaveText('吴十');
  await expect(page.getByTestId('answer-host_id_no')).toHaveText(ID);
  await expect(page.getByTestId('answer-host_name')).toHaveCount(0);
  await expect(page.getByTestId('answer-relation')).toHaveText('未填写');
  await page.goto('/guide/drafts');
  await expect(page.getByTestId('draft')).toContainText(`第${next.version}版`);
});
