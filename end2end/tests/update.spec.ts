// A new version never swaps underneath the person: when a new build is deployed, the page
// offers "reload" inline, the old version keeps serving, and the new one takes over only when
// the person chooses. The test deploys for real: it runs its own server on the build, then
// restarts it on the same port with a copy of the build whose service worker differs.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const serverBin = process.env.GUICHET_SERVER_BIN ?? path.join(root, 'target/server/guichet-server');
const port = Number(process.env.GUICHET_E2E_UPDATE_PORT ?? 8182);
const origin = `http://127.0.0.1:${port}`;

async function startServer(dist: string, data: string): Promise<ChildProcess> {
  const server = spawn(serverBin, ['--listen', `127.0.0.1:${port}`, '--dist', dist, '--data-dir', data], {
    env: { ...process.env, RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error('the server did not start');
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

test('a new version is offered inline and loads when the person chooses', async ({ page }) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-update-'));
  const data = path.join(work, 'data');
  // The next build: the same files, a service worker with another version stamp.
  const nextDist = path.join(work, 'dist-next');
  fs.cpSync(path.join(root, 'dist'), nextDist, { recursive: true });
  for (const compressed of ['sw.js.br', 'sw.js.gz']) fs.rmSync(path.join(nextDist, compressed), { force: true });
  const worker = fs.readFileSync(path.join(nextDist, 'sw.js'), 'utf8');
  fs.writeFileSync(path.join(nextDist, 'sw.js'), worker.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));

  let server = await startServer(path.join(root, 'dist'), data);
  try {
    await page.goto(origin + '/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
        );
      }
    });
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    await stopServer(server);
    server = await startServer(nextDist, data);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    // Until the person chooses, the page is still controlled by the old worker.
    const controllerVersion = () =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(String(event.data));
            navigator.serviceWorker.controller?.postMessage({ type: 'VERSION' }, [channel.port2]);
          }),
      );
    expect(await controllerVersion()).not.toContain('-next');

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button').click()]);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上办事大厅');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    expect(await controllerVersion()).toContain('-next');
  } finally {
    await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});
