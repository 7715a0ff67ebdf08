// What an update costs a device that already works offline (issue 15): the release build is
// deployed, a device installs it over the weak line of `line.ts`, then a build in which one
// bundle changed (the contact bundle's wasm, `changeOneBundle`) is deployed and the device's
// service worker updates. Per service worker: the bytes the line carried for the first install,
// and for the update with the time until the new version was installed. Both are measured on
// the same two builds: the worker of this tree, and the one before content hashes (`BEFORE`, a
// commit whose public/sw.js and scripts/stamp-sw.sh are taken from git).
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench update`.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeOneBundle, deployment, root } from '../tests/deploy';
import { line } from './line';

const BEFORE = '50224c1';
const serverPort = Number(process.env.GUICHET_E2E_PORT ?? 8181) + 4;
const linePort = serverPort + 1;
const rows: string[] = [];

/** A stamp-sw.sh (with its public/sw.js) as it was at `commit`, in `folder`. */
function stampAt(commit: string, folder: string): string {
  for (const file of ['public/sw.js', 'scripts/stamp-sw.sh']) {
    fs.mkdirSync(path.join(folder, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), execFileSync('git', ['-C', root, 'show', `${commit}:${file}`]));
  }
  fs.chmodSync(path.join(folder, 'scripts/stamp-sw.sh'), 0o755);
  return path.join(folder, 'scripts/stamp-sw.sh');
}

const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KiB`;

for (const worker of ['this tree', `before (${BEFORE})`]) {
  test(`an update after one bundle changed, service worker of ${worker}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-update-'));
    const { startServer, stopServer } = deployment(serverPort);
    const stamp = worker === 'this tree' ? path.join(root, 'scripts/stamp-sw.sh') : stampAt(BEFORE, work);
    const first = path.join(work, 'dist');
    fs.cpSync(path.join(root, 'dist'), first, { recursive: true });
    execFileSync(stamp, [first], { stdio: 'ignore' });
    const next = path.join(work, 'dist-next');
    changeOneBundle(first, next, 'contact', stamp);

    const { carried, stop } = await line(serverPort, linePort);
    let server = await startServer(first, path.join(work, 'data'));
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${linePort}/`);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      const installBytes = carried.bytes;

      await stopServer(server);
      server = await startServer(next, path.join(work, 'data'));
      carried.bytes = 0;
      const started = Date.now();
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
        const installing = registration?.installing;
        if (installing) {
          await new Promise<void>((resolve) =>
            installing.addEventListener('statechange', () => installing.state === 'installed' && resolve()),
          );
        }
      });
      const updateMs = Date.now() - started;
      await expect(page.getByTestId('update-banner')).toBeVisible();
      rows.push(`| ${worker} | ${kib(installBytes)} | ${kib(carried.bytes)} | ${(updateMs / 1000).toFixed(1)} s |`);
    } finally {
      await context.close();
      await stopServer(server);
      await stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
}

test.afterAll(() => {
  console.log('one 1.6 Mbps line with 150 ms round trip; the update: the contact bundle\'s wasm changed');
  console.log('| service worker | first visit of / until the worker is active (page and worker) | update: carried | update: until installed |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) console.log(row);
});
