// End-to-end tests: the release build of the app, served by the real server on a fresh SQLite
// database, driven in Debian's Chromium. scripts/test.sh builds both before running these.
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';

const port = Number(process.env.GUICHET_E2E_PORT ?? 8181);
// The server's data folder, known to the tests so they can run `guichet-server catalog-touch`
// on the same database (serve.sh creates it and deletes it on exit).
process.env.GUICHET_E2E_DATA_DIR ??= `${tmpdir()}/guichet-e2e-${port}-${process.pid}`;

export default defineConfig({
  testDir: './tests',
  // Two cores and one server: one worker keeps timings honest and the machine responsive.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    serviceWorkers: 'allow',
    locale: 'zh-CN',
    viewport: { width: 360, height: 740 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `bash ./serve.sh ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
