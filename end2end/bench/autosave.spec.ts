// Autosave latency in Chromium: from the input event to the IndexedDB transaction's complete
// (strict durability), over 200 edits. The app announces each completed save with a
// `guichet:draft-saved` event carrying [input time, saved time] (performance.now()).
// Edits are 400 ms apart so that each one is saved on its own; the 300 ms debounce is part of
// the measured time by design, so the write itself is reported too (latency − 300 ms).
import { test } from '@playwright/test';

test('autosave latency', async ({ page }) => {
  await page.goto('/guide/GA-001');
  await page.getByTestId('start-apply').click();
  await page.waitForURL(/draft=/);
  const input = page.locator('#q-address');
  await page.evaluate(() => {
    (window as any).__saves = [];
    window.addEventListener('guichet:draft-saved', (e: any) => (window as any).__saves.push(e.detail[1] - e.detail[0]));
  });
  const edits = 200;
  for (let i = 0; i < edits; i++) {
    await input.pressSequentially(String(i % 10));
    await page.waitForTimeout(400);
  }
  const saves: number[] = await page.evaluate(() => (window as any).__saves);
  saves.sort((a, b) => a - b);
  const q = (p: number) => saves[Math.min(saves.length - 1, Math.floor(p * saves.length))];
  const r = (x: number) => x.toFixed(1);
  console.log(`autosave: ${saves.length} saves of ${edits} edits`);
  console.log(`input → transaction complete (ms): p50 ${r(q(0.5))}, p95 ${r(q(0.95))}, max ${r(saves[saves.length - 1])}`);
  console.log(`write alone, minus the 300 ms debounce (ms): p50 ${r(q(0.5) - 300)}, p95 ${r(q(0.95) - 300)}`);
});
