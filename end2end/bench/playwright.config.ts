// Benchmarks (they print numbers; they are not timed tests):
// `GUICHET_E2E_PORT=8191 npx playwright test -c bench`.
import base from '../playwright.config';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.GUICHET_E2E_PORT ?? 8181);

export default defineConfig({
  ...base,
  testDir: '.',
  timeout: 300_000,
  webServer: { ...(base.webServer as object), command: `bash ./serve.sh ${port}`, cwd: '..' } as never,
});
