// Publishing the catalog from the admin desk (issue 12): an agency's 信息公开工作人员 publishes an
// entry with an attachment at 1280×800; a citizen phone (360×740) that had kept the catalog
// offline finds it after its next sync, also offline; the attachment downloads publicly with
// its Chinese name; another agency's officer gets 403 from the API and nothing changes.
import { test, expect, type Page } from '@playwright/test';
import { signIn, waitForServiceWorker } from './helpers';

const JY = '11331024002497839G'; // 县教育局

async function search(page: Page, text: string) {
  await expect(page.getByTestId('catalog-total')).toBeVisible();
  await page.getByTestId('catalog-q').fill(text);
  await page.getByTestId('catalog-search').click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId('catalog-total')).toBeVisible();
}

test('an officer publishes, a phone that kept the catalog finds it, another agency cannot edit it', async ({ browser, request }) => {
  test.setTimeout(180_000);
  // The citizen's phone keeps the catalog offline first.
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await phoneContext.newPage();
  await phone.goto('/disclosure');
  await waitForServiceWorker(phone);
  await phone.getByTestId('catalog-keep').click();
  await expect(phone.getByTestId('catalog-progress').locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });

  // The officer of 县教育局 publishes on the admin desk.
  const deskContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const desk = await deskContext.newPage();
  await signIn(desk, 'gk-jy', 'demo-gk-jy-2026');
  // An officer signed in on /staff is sent on to the 依申请公开 desk first.
  await expect(desk).toHaveURL(/\/staff\/gk\/$/);
  await desk.goto('/staff/publish/');
  await expect(desk.getByTestId('catalog-desk')).toBeVisible();
  await expect(desk.getByTestId('catalog-desk')).toContainText('县教育局');
  const title = '关于做好春蕾助学金发放工作的通知';
  await desk.getByTestId('catalog-title').fill(title);
  await desk.getByTestId('catalog-doc-no').fill('县教发〔2026〕88号');
  await desk.getByTestId('catalog-issued-on').fill('2026-03-02');
  await desk.getByTestId('catalog-topic').selectOption('science_education');
  await desk.getByTestId('catalog-genre').selectOption('circular');
  await desk.getByTestId('catalog-keywords').fill('助学金 学生');
  await desk.getByTestId('catalog-summary').fill('春蕾助学金的对象、标准和发放时间。');
  await desk.getByTestId('catalog-body').fill('# 一、资助对象\n\n家庭经济困难的在校女生。\n\n# 二、发放时间\n\n每学期开学后一个月内。');
  await desk.getByTestId('catalog-file').setInputFiles({
    name: '附件1 申请表.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await expect(desk.getByTestId('catalog-files')).toContainText('附件1 申请表.pdf');
  await desk.getByTestId('catalog-save').click();
  const notice = desk.getByTestId('catalog-notice');
  await expect(notice).toContainText('已发布，索引号');
  const indexNo = /索引号 (\S+?)。/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(indexNo).toMatch(new RegExp(`^${JY}/\\d{4}-\\d{5}$`));
  await expect(desk.getByTestId('catalog-row').first()).toContainText(title);
  await expect(desk.getByTestId('catalog-row').first()).toHaveAttribute('data-index-no', indexNo);

  // Opened again, the form holds what was published: the desk reads the entry's card as text.
  await desk.getByTestId('catalog-edit').first().click();
  await expect(desk.getByTestId('catalog-title')).toHaveValue(title);
  await expect(desk.getByTestId('catalog-doc-no')).toHaveValue('县教发〔2026〕88号');
  await expect(desk.getByTestId('catalog-issued-on')).toHaveValue('2026-03-02');
  await expect(desk.getByTestId('catalog-topic')).toHaveValue('science_education');
  await expect(desk.getByTestId('catalog-genre')).toHaveValue('circular');
  await expect(desk.getByTestId('catalog-keywords')).toHaveValue('助学金 学生');
  await expect(desk.getByTestId('catalog-summary')).toHaveValue('春蕾助学金的对象、标准和发放时间。');
  await expect(desk.getByTestId('catalog-body')).toHaveValue(/一、资助对象[\s\S]*每学期开学后一个月内。/);
  await expect(desk.getByTestId('catalog-files')).toContainText('附件1 申请表.pdf');

  // The attachment is public, named in Chinese, not sniffed.
  const file = await request.get(`/api/catalog/attachment?index_no=${encodeURIComponent(indexNo)}&n=0`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toContain("filename*=UTF-8''%E9%99%84%E4%BB%B61%20");
  expect(file.headers()['x-content-type-options']).toBe('nosniff');

  // The phone syncs on its next visit, then finds the entry, offline too.
  await phone.goto('/disclosure');
  await expect(phone.getByTestId('catalog-status')).toContainText('上次更新');
  await search(phone, '春蕾助学金');
  await expect(phone.getByTestId('catalog-source')).toContainText('本机');
  await expect(phone.getByTestId('catalog-results')).toContainText(title, { timeout: 20_000 });
  await phoneContext.setOffline(true);
  await phone.goto('/disclosure');
  await search(phone, '春蕾助学金');
  await expect(phone.getByTestId('catalog-results')).toContainText(title);
  await phoneContext.setOffline(false);

  // Another agency's officer (县民政局): 403 on every change, and nothing changes.
  const before = await (await request.get(`/api/catalog/entry?index_no=${encodeURIComponent(indexNo)}`)).json();
  const login = await request.post('/api/staff/login', { data: { username: 'gk-mz', password: 'demo-gk-mz-2026' } });
  expect(login.status()).toBe(200);
  const headers = { 'X-CSRF-Token': (await login.json()).csrf_token as string };
  const edit = await request.post('/api/staff/catalog/update', {
    headers,
    data: { index_no: indexNo, title: '被别的机关改掉的标题', issued_on: '2026-03-02' },
  });
  expect(edit.status()).toBe(403);
  const withdraw = await request.post('/api/staff/catalog/withdraw', { headers, data: { index_no: indexNo } });
  expect(withdraw.status()).toBe(403);
  const after = await (await request.get(`/api/catalog/entry?index_no=${encodeURIComponent(indexNo)}`)).json();
  expect(after.entry.title).toBe(title);
  expect(after.entry.revision).toBe(before.entry.revision);

  // On the desk, withdrawing asks first, in the page.
  await desk.getByTestId('catalog-withdraw').first().click();
  await expect(desk.getByTestId('catalog-confirm')).toContainText('不能撤销');
  await desk.getByRole('button', { name: '取消' }).first().click();
  await expect(desk.getByTestId('catalog-confirm')).toHaveCount(0);
  await phoneContext.close();
  await deskContext.close();
});
