// Helpers shared by the specs: filing a case through the API as the app's outbox would, and
// signing in on the staff desk, waiting for the service worker to control a page, a test PDF,
// and reading what the app keeps in IndexedDB.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** The server's binary, as `serve.sh` finds it: `GUICHET_SERVER_BIN`, else `server/guichet-server`
 * under `CARGO_TARGET_DIR` (a worktree's own), else under the repository's `target/`. */
export function serverBin(): string {
  const root = resolve(__dirname, '..', '..');
  if (process.env.GUICHET_SERVER_BIN) return resolve(root, process.env.GUICHET_SERVER_BIN);
  return resolve(root, process.env.CARGO_TARGET_DIR ?? 'target', 'server', 'guichet-server');
}

/** Canonical JSON as the core crate writes it: keys sorted by UTF-8 bytes, no spaces. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      Buffer.compare(Buffer.from(a), Buffer.from(b)),
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Files a pre-review of `item_code` (form version 1) through the API, as the app's outbox would:
 * each of `fileFields` gets one small PDF uploaded first. */
export async function fileItem(
  request: APIRequestContext,
  itemCode: string,
  answers: Record<string, unknown>,
  fileFields: string[] = [],
  fileNames: Record<string, string> = {},
) {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  // The demo's forms (all but the disclosure request) end with a declaration, ticked.
  const all: Record<string, unknown> = itemCode === 'YSQGK' ? { ...answers } : { declaration: true, ...answers };
  for (const field of fileFields) {
    const upload = await request.post(`/api/uploads?item_code=${itemCode}&form_version=1&field_id=${field}`, {
      headers: { 'Content-Type': 'application/pdf' },
      data: pdf,
    });
    expect(upload.status()).toBe(201);
    const file = await upload.json();
    all[field] = [{ upload_id: file.upload_id, name: fileNames[field] ?? `${field}.pdf`, media_type: file.media_type, size: file.size }];
  }
  const hash = createHash('sha256')
    .update(canonical({ answers: all, form_version: 1, item_code: itemCode }))
    .digest('hex');
  const response = await request.post('/api/submissions', {
    data: {
      client_id: randomBytes(16).toString('hex'),
      item_code: itemCode,
      form_version: 1,
      answers: all,
      content_hash: hash,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { case_no: string; query_code: string; received_at: string };
}

/** The applicant of the demo's personal forms. */
export const PERSON = {
  name: '张三',
  id_no: '11010519491231002X',
  phone: '13800138000',
  address: '城关镇人民路1号',
};

/** Files a GA-003 (无犯罪记录证明) pre-review through the API, as the app's outbox would. */
export async function fileCase(request: APIRequestContext) {
  return fileItem(request, 'GA-003', { ...PERSON, purpose: '就业', has_agent: 'no' }, ['material_1']);
}

/** Signs in on the staff desk (`/staff`) as a demo account. */
export async function signIn(desk: Page, username: string, password: string) {
  await desk.goto('/staff');
  await desk.getByLabel('用户名').fill(username);
  await desk.getByLabel('密码').fill(password);
  await desk.getByRole('button', { name: '登录' }).click();
  await expect(desk.getByTestId('staff-me')).toBeVisible();
}

/** Waits until the service worker is active and controls `page` (the first visit is not
 * controlled until the worker claims it). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
    }
  });
}

/** Opens GA-001 (居民身份证换领) from its guide page and fills it in the app as `name` up to
 * the check page, unsent. */
export async function fillGa001ToCheck(page: Page, name: string) {
  await page.goto('/guide/GA-001');
  await waitForServiceWorker(page);
  await page.getByTestId('start-apply').click();
  await expect(page).toHaveURL(/\/guide\/apply\/GA-001/);
  await page.locator('#q-name').fill(name);
  await page.locator('#q-id_no').fill(PERSON.id_no);
  await page.locator('#q-phone').fill(PERSON.phone);
  await page.locator('#q-address').fill(PERSON.address);
  await expect(page.getByTestId('saved')).toContainText('已自动保存');
  await page.getByTestId('continue').click();
  await page.locator('#q-reason').check();
  await page.locator('#q-delivery').check();
  await page.getByTestId('continue').click();
  await page.locator('#q-has_agent').check();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-name')).toHaveText(name);
}

/** Opens GA-001 (居民身份证换领) from its guide page, fills it in the app as `name` and presses
 * 确认提交; returns on the receipt with its case number. */
export async function submitGa001InApp(page: Page, name: string) {
  await fillGa001ToCheck(page, name);
  await page.getByTestId('declaration').check();
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL(/\/guide\/receipt\//);
  await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/);
  return (await page.getByTestId('case-no').textContent())!;
}

/** A PDF of `size` bytes that no compression shrinks (xorshift from `seed`). */
export function pdf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('%PDF-1.4\n');
  let x = seed >>> 0 || 1;
  for (let i = 9; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Every record of one store of the app's IndexedDB, a Blob field given as its size and type. */
export async function storedRecords(page: Page, store: string): Promise<any[]> {
  return page.evaluate(async (store) => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('guichet');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all: any[] = await new Promise((ok) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return all.map((record) =>
      Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, v instanceof Blob ? { size: v.size, type: v.type } : v]),
      ),
    );
  }, store);
}

/** Starts GA-003 (无犯罪记录证明) at `origin` ('' for the base URL) and fills it up to its
 * materials step. */
export async function ga003AtMaterials(page: Page, origin: string) {
  await page.goto(`${origin}/guide/GA-003`);
  await page.getByTestId('start-apply').click();
  await expect(page.locator('#q-name')).toBeVisible();
  await page.locator('#q-name').fill(PERSON.name);
  await page.locator('#q-id_no').fill(PERSON.id_no);
  await page.locator('#q-phone').fill(PERSON.phone);
  await page.locator('#q-address').fill(PERSON.address);
  await expect(page.getByTestId('saved')).toContainText('已自动保存');
  await page.getByTestId('continue').click();
  await page.locator('#q-purpose').fill('就业');
  await page.getByTestId('continue').click();
  await page.locator('#q-has_agent').check();
  await page.getByTestId('continue').click();
}
