// Files (issue 19, docs/files.md): a 10 MB PDF attached in the app reaches the server whole
// through a proxy that cuts the connection after every megabyte, the outbox resuming its
// upload where the server stands (bytes sent measured against the file's size); and, with
// PostgreSQL and the database file store (GUICHET_DATABASE_URL and GUICHET_FILE_STORE=database,
// as scripts/test.sh runs it), two server instances on one database: uploaded through one,
// submitted through the other, opened on the desk through either.
import { test, expect, request as newRequest, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ga003AtMaterials, pdf, storedRecords, serverBin as helperServerBin } from './helpers';

const port = Number(process.env.GUICHET_E2E_PORT ?? 8181);
const CUT_EVERY = 1024 * 1024;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A TCP proxy to the server that cuts each connection once `cutEvery` bytes went up it,
 * counting every byte sent up (the uplink, which a village's line is short of). */
function cuttingProxy(listenPort: number, target: number, cutEvery: number) {
  const stats = { up: 0, cuts: 0 };
  const server: Server = createServer((client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    let sent = 0;
    let cut = false;
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => {
      stats.up += data.length;
      if (cut) return;
      if (sent + data.length >= cutEvery) {
        cut = true;
        // What fits before the cut goes through; then the line drops.
        upstream.write(data.subarray(0, cutEvery - sent), () => close());
        stats.cuts += 1;
        sent = cutEvery;
        return;
      }
      sent += data.length;
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  return new Promise<{ stats: typeof stats; close: () => Promise<void> }>((resolve) =>
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({ stats, close: () => new Promise<void>((done) => server.close(() => done())) }),
    ),
  );
}

/** Fills GA-003 (无犯罪记录证明) at `origin` with `file` as its first material, up to the
 * declaration. */
async function fillGa003(page: Page, origin: string, file: Buffer) {
  await ga003AtMaterials(page, origin);
  await page
    .getByTestId('file-material_1')
    .setInputFiles({ name: '无犯罪记录 申请.pdf', mimeType: 'application/pdf', buffer: file });
  await expect(page.getByTestId('files-material_1')).toContainText('无犯罪记录 申请.pdf');
  await page.getByTestId('continue').click();
  await page.getByTestId('declaration').check();
}

/** A staff API session at `baseURL`. */
async function desk(baseURL: string, username = 'ga', password = 'demo-ga-2026') {
  const api = await newRequest.newContext({ baseURL });
  const login = await api.post('/api/staff/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  return api;
}

/** The attachments IndexedDB holds: id → size. */
async function storedAttachments(page: Page): Promise<Record<string, number>> {
  return Object.fromEntries((await storedRecords(page, 'attachments')).map((a) => [a.id, a.blob.size]));
}

test("an attachment's id is its SHA-256, hashed by SubtleCrypto or, on plain http without it, by the app", async ({ browser, baseURL }) => {
  const file = pdf(300_000, 7);
  for (const secure of [true, false]) {
    const context = await browser.newContext({ baseURL });
    if (!secure) {
      // What a page served over plain http sees: no `crypto.subtle` outside a secure context.
      await context.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
    }
    const page = await context.newPage();
    await fillGa003(page, '', file);
    expect(await page.evaluate(() => typeof crypto.subtle)).toBe(secure ? 'object' : 'undefined');
    expect(await storedAttachments(page)).toEqual({ [sha256(file)]: file.length });
    await context.close();
  }
});

test('a 10 MB PDF arrives whole through a line cut every megabyte', async ({ page }) => {
  test.setTimeout(180_000);
  const proxy = await cuttingProxy(port + 1, port, CUT_EVERY);
  try {
    const file = pdf(10_000_000, 19);
    await fillGa003(page, `http://127.0.0.1:${port + 1}`, file);
    const before = proxy.stats.up;
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/, { timeout: 150_000 });
    const sent = proxy.stats.up - before;
    const caseNo = (await page.getByTestId('case-no').textContent())!;
    console.log(
      `files: ${file.length} B PDF sent as ${sent} B up the proxy (${(sent / file.length).toFixed(3)}x), ` +
        `${proxy.stats.cuts} cuts`,
    );
    expect(proxy.stats.cuts).toBeGreaterThanOrEqual(9);
    expect(sent).toBeLessThan(1.3 * file.length);

    // Whole, as the desk reads it.
    const ga = await desk(`http://127.0.0.1:${port}`);
    const id = sha256(file);
    const got = await ga.get(`/api/staff/cases/${caseNo}/files/${id}`);
    expect(got.status()).toBe(200);
    expect(sha256(await got.body())).toBe(id);
    expect(got.headers()['content-disposition']).toContain(
      "filename*=UTF-8''%E6%97%A0%E7%8A%AF%E7%BD%AA%E8%AE%B0%E5%BD%95%20%E7%94%B3%E8%AF%B7.pdf",
    );
  } finally {
    await proxy.close();
  }
});

test('two instances on one PostgreSQL share the files', async ({ page }) => {
  test.skip(
    !process.env.GUICHET_DATABASE_URL || process.env.GUICHET_FILE_STORE !== 'database',
    'needs GUICHET_DATABASE_URL and GUICHET_FILE_STORE=database (scripts/test.sh)',
  );
  test.setTimeout(120_000);
  const other = port + 2;
  const data = mkdtempSync(`${tmpdir()}/guichet-e2e-second-`);
  const server: ChildProcess = spawn(
    helperServerBin(),
    ['--listen', `127.0.0.1:${other}`, '--dist', resolve('..', 'dist'), '--data-dir', data, '--demo', '--test-clock',
      '--insecure-cookie', '--filings-per-client-per-hour', '10000'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  try {
    const second = `http://127.0.0.1:${other}`;
    await expect
      .poll(async () => (await fetch(`${second}/api/health`).catch(() => undefined))?.status, { timeout: 30_000 })
      .toBe(200);
    // The app is on the first instance; its uploads go to the second.
    let uploads = 0;
    await page.route('**/api/uploads/**', (route) => {
      uploads += 1;
      return route.continue({ url: route.request().url().replace(`:${port}/`, `:${other}/`) });
    });
    const file = pdf(1_500_000, 7);
    await fillGa003(page, `http://127.0.0.1:${port}`, file);
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('case-no')).toHaveText(/^\d{8}-GA-\d+$/, { timeout: 60_000 });
    expect(uploads).toBeGreaterThan(2);
    const caseNo = (await page.getByTestId('case-no').textContent())!;
    const id = sha256(file);
    for (const origin of [`http://127.0.0.1:${port}`, second]) {
      const ga = await desk(origin);
      const got = await ga.get(`/api/staff/cases/${caseNo}/files/${id}`);
      expect(got.status(), origin).toBe(200);
      expect(sha256(await got.body())).toBe(id);
      const part = await ga.get(`/api/staff/cases/${caseNo}/files/${id}`, { headers: { Range: 'bytes=0-8' } });
      expect(part.status()).toBe(206);
      expect((await part.body()).toString()).toBe('%PDF-1.4\n');
    }
  } finally {
    server.kill('SIGTERM');
    rmSync(data, { recursive: true, force: true });
  }
});
