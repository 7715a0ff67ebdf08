// The disclosure catalog offline: keep it (progress to 100%), search it and read a saved 正文
// with the network gone, then receive a change made on the server meanwhile.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const serverBin = resolve(__dirname, '..', '..', process.env.GUICHET_SERVER_BIN ?? 'target/server/guichet-server');

async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
    }
  });
}

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
