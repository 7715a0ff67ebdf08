// Attaching a 10 MB PDF on a mid-range phone (CPU slowed 4× through the DevTools protocol):
// from choosing the file to seeing it listed under its material (read, type sniffed, hashed,
// stored in IndexedDB), and how long the main thread was blocked meanwhile (long tasks, and
// the blocking time over 50 ms each, as Lighthouse counts it). Three files, one after another,
// hashed by the browser's SubtleCrypto; then the same three with `crypto.subtle` hidden, as on
// a page served over plain http (not a secure context), where core's SHA-256 hashes them.
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench attach`.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ga003AtMaterials, pdf } from '../tests/helpers';

const SIZE = 10_000_000;

/** Opens GA-003's form at its materials step and attaches the three `files`, timing each. */
async function attachThree(page: Page, context: BrowserContext, files: string[]): Promise<string[]> {
  await ga003AtMaterials(page, '');
  await page.evaluate(() => {
    (window as any).__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const rows: string[] = [];
  for (const [n, file] of files.entries()) {
    await page.evaluate(() => ((window as any).__tasks = []));
    const started = await page.evaluate(() => performance.now());
    // From a file on disk, as a person chooses it: a buffer would be sent into the page as
    // base64 and decoded there by Playwright, on the main thread that is being measured.
    await page.getByTestId('file-material_1').setInputFiles(file);
    const name = file.split('/').pop()!;
    await expect(page.getByTestId('files-material_1')).toContainText(name, { timeout: 120_000 });
    const [ended, tasks] = await page.evaluate(() => [performance.now(), (window as any).__tasks]);
    const during = (tasks as number[][]).filter(([start]) => start >= started - 1);
    const longest = Math.max(0, ...during.map(([, d]) => d));
    const blocking = during.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
    rows.push(`${n + 1} | ${Math.round(ended - started)} ms | ${Math.round(longest)} ms | ${Math.round(blocking)} ms`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return rows;
}

test('attach a 10 MB PDF', async ({ browser }) => {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-attach-'));
  const files = [1, 2, 3].map((n) => {
    const file = join(folder, `材料${n}.pdf`);
    writeFileSync(file, pdf(SIZE, 40 + n));
    return file;
  });
  const subtle = await browser.newContext();
  const withSubtle = await attachThree(await subtle.newPage(), subtle, files);
  await subtle.close();
  const plain = await browser.newContext();
  await plain.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
  const withCore = await attachThree(await plain.newPage(), plain, files);
  await plain.close();
  rmSync(folder, { recursive: true, force: true });
  console.log(`attach a ${SIZE / 1e6} MB PDF, CPU 4× slower (load ${require('node:os').loadavg()[0].toFixed(2)})`);
  console.log('| hashed by | file | chosen → listed | longest task | blocking time (> 50 ms) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of withSubtle) console.log(`| SubtleCrypto | ${row} |`);
  for (const row of withCore) console.log(`| core (no crypto.subtle) | ${row} |`);
});
