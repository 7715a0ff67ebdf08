// The disclosure catalog offline: keep it (progress to 100%), search it and read a saved 正文
// with the network gone, then receive a change made on the server meanwhile; keep every 正文;
// fill the storage mid-download (the origin's quota made small through the DevTools protocol).
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { waitForServiceWorker, serverBin as helperServerBin } from './helpers';

// Free room left to the site in the storage-full test: a few pages of the feed with every 正文.
const ROOM = Number(process.env.GUICHET_E2E_CATALOG_ROOM ?? 400_000);

const serverBin = helperServerBin();

// Waits for the first results (the page has settled on its source), then searches.
async function search(page: Page, text: string) {
  await expect(page.getByTestId('catalog-total')).toBeVisible();
  await page.getByTestId('catalog-q').fill(text);
  await page.getByTestId('catalog-search').click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId('catalog-total')).toBeVisible();
}

test('keep the catalog, search and read it offline, then receive a change', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  // A document with a 文号 from the demo data, found through the public API.
  const listing = await (await request.get('/api/catalog/entries?page_size=100')).json();
  const sample = listing.entries.find((e: any) => e.doc_no && e.validity === 'valid');
  expect(sample).toBeTruthy();

  await page.goto('/disclosure');
  await waitForServiceWorker(page);
  await page.getByTestId('catalog-keep').click();
  const progress = page.getByTestId('catalog-progress');
  await expect(progress.locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await expect(progress).toContainText('100%');
  await expect(page.getByTestId('catalog-status')).toContainText(`本机已保存 ${listing.total} 条目录`);
  await expect(page.getByTestId('catalog-status')).toContainText('上次更新');

  // Save one 正文 for offline reading.
  await page.goto(`/disclosure/entry/${sample.index_no}`);
  await page.getByTestId('entry-save').click();
  await expect(page.getByTestId('entry-saved')).toBeVisible();

  await context.setOffline(true);
  await page.goto('/disclosure');
  await expect(page.getByTestId('online-state')).toHaveText('离线');
  await expect(page.getByTestId('catalog-source')).toContainText('本机');
  await search(page, sample.doc_no);
  await expect(page.getByTestId('catalog-source')).toContainText('本机');
  const first = page.getByTestId('catalog-results').locator('li').first();
  await expect(first).toContainText(sample.title);
  await expect(first.locator('mark').first()).toBeVisible();

  await search(page, sample.agency);
  await expect(page.getByTestId('catalog-total')).toContainText('共');
  await expect(page.getByTestId('catalog-results').locator('li').first()).toContainText(sample.agency);

  // Open it and read the saved 正文, offline.
  await search(page, sample.doc_no);
  await page.getByTestId('catalog-results').getByRole('link', { name: sample.title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sample.title);
  await expect(page.getByTestId('catalog-entry')).toContainText(sample.index_no);
  await expect(page.getByTestId('entry-saved')).toBeVisible();
  await expect(page.getByTestId('entry-body').locator('.body-text p').first()).toBeVisible();

  // Meanwhile the center retitles the document; back online, the app receives it.
  const retitled = `${sample.title}（修订稿）`;
  execFileSync(serverBin, ['catalog-touch', '--data-dir', process.env.GUICHET_E2E_DATA_DIR!, '--index-no', sample.index_no, '--title', retitled]);
  await context.setOffline(false);
  await page.goto('/disclosure');
  await expect(page.getByTestId('online-state')).toHaveText('在线');
  await expect(page.getByTestId('catalog-status')).toContainText('上次更新');
  await search(page, '修订稿');
  await expect(page.getByTestId('catalog-source')).toContainText('本机');
  await expect(page.getByTestId('catalog-results')).toContainText(retitled, { timeout: 20_000 });
});

/** What the local copy holds, read straight from IndexedDB (the app's database `guichet`). */
async function localCopy(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guichet');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['catalog_entries', 'catalog_bodies', 'catalog_meta']);
    const ask = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const entries = tx.objectStore('catalog_entries');
    const count = await ask(entries.count());
    const bodies = await ask(tx.objectStore('catalog_bodies').count());
    const keys = (await ask(entries.getAllKeys())) as string[];
    const newest = await ask(entries.index('by_revision').openCursor(null, 'prev'));
    const any = (await ask(entries.getAll(null, 1)))[0] as { title: string } | undefined;
    const sync = await ask(tx.objectStore('catalog_meta').get('sync'));
    db.close();
    return {
      count,
      bodies,
      distinct: new Set(keys).size,
      newestRevision: (newest?.value?.revision as number | undefined) ?? 0,
      sampleTitle: any?.title ?? '',
      sync: sync as { entries: number; revision: number; cursor: string; complete: boolean; all_bodies: boolean },
    };
  });
}

test('keep every 正文: an entry never opened reads offline', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const listing = await (await request.get('/api/catalog/entries?page_size=100')).json();
  const never = listing.entries[listing.entries.length - 1];
  const { body } = await (await request.get(`/api/catalog/entry?index_no=${encodeURIComponent(never.index_no)}`)).json();
  const paragraph = body.blocks.find((b: any) => b.type === 'paragraph');
  expect(paragraph).toBeTruthy();

  await page.goto('/disclosure');
  await waitForServiceWorker(page);
  await page.getByTestId('catalog-all-bodies').check();
  await page.getByTestId('catalog-keep').click();
  await expect(page.getByTestId('catalog-progress').locator('progress')).toHaveAttribute('value', '100', { timeout: 90_000 });
  await expect(page.getByTestId('catalog-status')).toContainText(`本机已保存 ${listing.total} 条目录`);
  await expect(page.getByTestId('catalog-status')).toContainText('已保存全部正文');
  const stored = await localCopy(page);
  expect(stored.bodies).toBe(listing.total);

  await context.setOffline(true);
  await page.goto(`/disclosure/entry/${never.index_no}`);
  await expect(page.getByTestId('online-state')).toHaveText('离线');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(never.title);
  await expect(page.getByTestId('entry-saved')).toBeVisible();
  await expect(page.getByTestId('entry-body')).toContainText(paragraph.text);
});

test('storage full: a plain message, what is kept stays usable, then it resumes without duplicates', async ({ page, context, request }) => {
  test.setTimeout(180_000);
  const listing = await (await request.get('/api/catalog/entries?page_size=1')).json();
  await page.goto('/disclosure');
  await waitForServiceWorker(page);
  const feed: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/catalog/changes')) feed.push(r.url());
  });

  // Leave room for a little of the catalog only (its pages with every 正文 are ~0.2 MB each).
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + ROOM });
  await page.getByTestId('catalog-all-bodies').check();
  await page.getByTestId('catalog-keep').click();
  const problem = page.getByTestId('catalog-problem');
  await expect(problem).toHaveText(/本机存储空间已满/, { timeout: 60_000 });
  await expect(problem).toContainText('已保存的目录仍可使用');

  // What was stored is whole: each page with its cursor, each entry with its 正文, once.
  const partial = await localCopy(page);
  expect(partial.count).toBeGreaterThan(0);
  expect(partial.count).toBeLessThan(listing.total);
  expect(partial.sync.complete).toBe(false);
  expect(partial.sync.entries).toBe(partial.count);
  expect(partial.distinct).toBe(partial.count);
  expect(partial.bodies).toBe(partial.count);
  expect(partial.newestRevision).toBe(partial.sync.revision);
  await expect(page.getByTestId('catalog-status')).toContainText(`本机已保存 ${partial.count} 条目录`);

  // …and searchable, on the device.
  await search(page, partial.sampleTitle);
  await expect(page.getByTestId('catalog-source')).toContainText('本机');
  await expect(page.getByTestId('catalog-results').locator('li').first()).toContainText(partial.sampleTitle);

  // Room again: "update now" resumes from the stored cursor and completes, nothing twice.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  const resumedAt = feed.length;
  await page.getByTestId('catalog-keep').click();
  await expect(page.getByTestId('catalog-progress').locator('progress')).toHaveAttribute('value', '100', { timeout: 90_000 });
  await expect(problem).toHaveCount(0);
  expect(new URL(feed[resumedAt]).searchParams.get('since')).toBe(partial.sync.cursor);
  const full = await localCopy(page);
  expect(full.count).toBe(listing.total);
  expect(full.distinct).toBe(listing.total);
  expect(full.bodies).toBe(listing.total);
  expect(full.sync.entries).toBe(listing.total);
  expect(full.sync.complete).toBe(true);
  await expect(page.getByTestId('catalog-status')).toContainText(`本机已保存 ${listing.total} 条目录`);
});
