// Online pre-review end to end: drafts that survive a reload, submissions made offline that are
// sent once when the line is back, a lost response that does not make a second case, a refused
// record that does not block the others, and a photo scaled on the device and uploaded.
import { test, expect, type Page } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { waitForServiceWorker } from './helpers';

// A valid 居民身份证号码 (the standard's example) and mobile number.
const ID = '11010519491231002X';
const PHONE = '13800138000';

/** A solid-colour PNG of w×h pixels: large enough that the app must scale it. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set([40 + (x % 200), 90, 160], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function saved(page: Page) {
  await expect(page.getByTestId('saved')).toContainText('已自动保存');
}

/** Opens item `code`'s form; first waits for the service worker to control the page unless
 * `withWorker` is false (the tests below go offline and expect other pages to load). */
async function start(page: Page, code: string, withWorker = true) {
  await page.goto(`/guide/${code}`);
  if (withWorker) await waitForServiceWorker(page);
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/draft=/);
  await expect(page.locator('#q-name')).toBeVisible();
}

async function fillApplicant(page: Page, name = '张三') {
  await page.locator('#q-name').fill(name);
  await page.locator('#q-id_no').fill(ID);
  await page.locator('#q-phone').fill(PHONE);
  await page.locator('#q-address').fill('城关镇人民路1号');
  await saved(page);
}

/** GA-001 (居民身份证换领): applicant, details (two choices), agent; no uploads. */
async function fillGa001(page: Page, name: string, withWorker = true) {
  await start(page, 'GA-001', withWorker);
  await fillApplicant(page, name);
  await page.getByTestId('continue').click();
  await page.locator('#q-reason').check();
  await page.locator('#q-delivery').check();
  await page.getByTestId('continue').click();
  await page.locator('#q-has_agent').check();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-name')).toHaveText(name);
  await page.getByTestId('declaration').check();
}

test('a half-filled draft survives a reload exactly', async ({ page }) => {
  await start(page, 'GA-001');
  await page.locator('#q-name').fill('李四');
  await page.locator('#q-id_no').fill(ID);
  await saved(page);
  await page.reload();
  await expect(page.locator('#q-name')).toHaveValue('李四');
  await expect(page.locator('#q-id_no')).toHaveValue(ID);
  await expect(page.locator('#q-phone')).toHaveValue('');
  // The error summary names what is missing and links to it.
  await page.getByTestId('continue').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('手机号码');
  await expect(page.locator('#q-phone')).toHaveAttribute('aria-invalid', 'true');
  await page.goto('/guide/drafts');
  await expect(page.getByTestId('draft')).toHaveCount(1);
  await expect(page.getByTestId('draft')).toContainText('居民身份证换领');
});

test('offline submission waits, then is sent once with a photo scaled and uploaded', async ({ page, context }) => {
  await start(page, 'GA-003');
  await fillApplicant(page);
  await page.getByTestId('continue').click();
  await page.locator('#q-purpose').fill('就业');
  await page.getByTestId('continue').click();
  await page.locator('#q-has_agent').check();
  await page.getByTestId('continue').click();
  // A 3000×2400 PNG: the app scales it to 2000 px and stores a JPEG.
  const big = png(3000, 2400);
  await page.getByTestId('file-material_1').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: big });
  const list = page.getByTestId('files-material_1');
  await expect(list).toContainText('id-card.jpg');
  const dims = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('guichet');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all: any[] = await new Promise((ok) => {
      const r = db.transaction('attachments').objectStore('attachments').getAll();
      r.onsuccess = () => ok(r.result);
    });
    const bitmap = await createImageBitmap(all[0].blob);
    return { w: bitmap.width, h: bitmap.height, type: all[0].blob.type, size: all[0].blob.size };
  });
  expect(dims).toMatchObject({ w: 2000, h: 1600, type: 'image/jpeg' });
  await saved(page);
  await page.getByTestId('continue').click();
  await page.getByTestId('declaration').check();

  await context.setOffline(true);
  const submissions: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/submissions')) submissions.push(r.status());
  });
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('1');
  await page.goto('/guide/drafts');
  await expect(page.getByTestId('outbox-record')).toHaveCount(1);
  await expect(page.getByTestId('outbox-state')).toHaveText('等待发送');

  const uploaded = page.waitForResponse((r) => r.url().includes('/api/uploads') && r.status() === 201);
  await context.setOffline(false);
  await uploaded;
  await expect(page.getByTestId('pending-count')).toContainText('0');
  await expect(page.getByTestId('outbox-summary')).toBeVisible();
  expect(submissions).toEqual([201]);
  await page.goBack();
  await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/);
});

test('a response lost after the server answered gives the same case on retry', async ({ page }) => {
  await fillGa001(page, '王五');
  let first: { case_no: string } | undefined;
  await page.route('**/api/submissions', async (route) => {
    if (!first) {
      const response = await route.fetch();
      first = await response.json();
      await route.abort('failed');
    } else {
      await route.continue();
    }
  });
  const replay = page.waitForResponse((r) => r.url().endsWith('/api/submissions') && r.status() === 200);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
  // The outbox backs off a few seconds; "retry now" skips the wait. (In-app navigation: a
  // reload in the middle of the send is the lease's business, tested in tests/outbox.rs.)
  await page.getByTestId('pending-count').click();
  await expect(page.getByTestId('outbox-state')).toHaveText('发送未成功，稍后自动重试');
  await page.getByRole('button', { name: '立即重试' }).click();
  const response = await replay;
  expect(response.headers()['idempotent-replayed']).toBe('true');
  const body = await response.json();
  expect(first?.case_no).toBeTruthy();
  expect(body.case_no).toBe(first?.case_no);
  await page.goBack();
  await expect(page.getByTestId('case-no')).toHaveText(first!.case_no);
});

test('a refused record is set aside with its reason and another still goes through', async ({ page, context }) => {
  await fillGa001(page, '赵六');
  await context.setOffline(true);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
  await fillGa001(page, '钱七');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('pending-count')).toContainText('2');

  // The first record sent is tampered with on the way: the server refuses it (hash mismatch).
  let tampered = false;
  await page.route('**/api/submissions', async (route) => {
    if (!tampered) {
      tampered = true;
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.answers.name = '篡改';
      await route.continue({ postData: JSON.stringify(body) });
    } else {
      await route.continue();
    }
  });
  await page.goto('/guide/drafts');
  await context.setOffline(false);
  await expect(page.locator('[data-state="refused"]')).toHaveCount(1);
  await expect(page.locator('[data-state="refused"]')).toContainText('未被受理');
  await expect(page.locator('[data-state="refused"] [data-testid="outbox-error"]')).not.toBeEmpty();
  await expect(page.getByTestId('outbox-record')).toHaveCount(1);
  await expect(page.getByTestId('pending-count')).toContainText('0');
  // Fixing it reopens the draft; resubmitting makes a new record that is accepted.
  await page.getByTestId('fix-record').click();
  await expect(page.getByTestId('submit')).toBeVisible();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(/-GA-/);
});

test('a submission queued in the guide bundle is sent by the shell bundle alone', async ({ page, context }) => {
  await fillGa001(page, '孙八');
  await context.setOffline(true);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('receipt-waiting')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('1');
  // The person leaves the guide for the home page (another bundle, served offline by the
  // service worker), and the line comes back there: the shell's outbox sends the record.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
  await expect(page.getByTestId('pending-count')).toContainText('1');
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/submissions') && r.status() === 201);
  await context.setOffline(false);
  const answer = await (await sent).json();
  await expect(page.getByTestId('pending-count')).toContainText('0');
  await expect(page).toHaveURL('/');
  // 办件查询 follows the case the device sent, with nothing to retype, and shows its state.
  await page.goto('/track');
  await expect(page.getByTestId('tracked-cases')).toContainText(answer.case_no);
  await expect(page.getByTestId('tracked-cases')).toContainText('提交预审');
});

test.describe('on a first visit whose worker is not installed yet', () => {
  test.use({ serviceWorkers: 'block' });

  test('a submission made offline says it waits on this page, and opens its receipt when the line is back', async ({
    page,
    context,
  }) => {
    await fillGa001(page, '周九', false);
    await context.setOffline(true);
    await page.getByTestId('submit').click();
    // Not the browser's error page: the form's own page says where the application is.
    await expect(page.getByTestId('queued-offline')).toContainText('待发送');
    await expect(page.getByTestId('queued-offline')).toBeFocused();
    await expect(page.getByTestId('pending-count')).toContainText('1');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('居民身份证');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/submissions') && r.status() === 201);
    await context.setOffline(false);
    const answer = await (await sent).json();
    await expect(page).toHaveURL(/\/guide\/receipt\//);
    await expect(page.getByTestId('case-no')).toHaveText(answer.case_no);
  });
});

test('办件查询 asks for both the case number and the query code, and lists no case at first', async ({ page }) => {
  await page.goto('/track');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('办件查询');
  await expect(page.getByTestId('tracked-cases')).toHaveCount(0);
  await page.getByTestId('track-case-no').fill('20260101-GA-1');
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-error')).toBeVisible();
});
