// Where each citizen entry page's start-up time goes on a mid-range phone (issue 16): the CPU
// slowed 4× through the DevTools protocol, a cold load (fresh context, no service worker yet)
// until the network is idle and 1.5 s more. Prints, per page, the renderer's own counters
// (`Performance.getMetrics`: script, layout, style, all tasks), a CPU profile's self time by
// kind (the bundle's wasm, its JavaScript glue, the browser's native work, garbage collection)
// with the heaviest functions, and the layouts from a trace (how many, the longest, and those
// forced by script). `GUICHET_E2E_PORT=8191 npx playwright test -c bench startup`.
// wasm functions are numbered, not named: release builds carry no name section.
import { test } from '@playwright/test';

const PAGES = ['/', '/guide', '/guide/GA-001', '/disclosure', '/track'];
const rows: string[] = [];

for (const path of PAGES) {
  test(`start-up of ${path}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] });
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents as any[];
    const { profile } = await cdp.send('Profiler.stop');
    const metrics = Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m: any) => [m.name, m.value]),
    );
    await context.close();

    const kinds = new Map<string, number>();
    const functions = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((n: any) => [n.id, n]));
    profile.samples!.forEach((id: number, i: number) => {
      const frame = (nodes.get(id) as any).callFrame;
      const url: string = frame.url;
      const name: string = frame.functionName || '(anonymous)';
      const ms = (profile.timeDeltas![i] ?? 0) / 1000;
      const kind = url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : name.startsWith('(') ? name : 'browser';
      kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
      if (kind !== '(idle)') {
        const key = `${name} ${url.split('/').pop()}`.trim();
        functions.set(key, (functions.get(key) ?? 0) + ms);
      }
    });
    const layouts = trace.filter((e) => e.name === 'Layout' && e.ph === 'X');
    const forced = layouts.filter((e) => e.args?.beginData?.stackTrace?.length);
    const ms = (x: number) => `${Math.round(x)}`;
    const kind = (k: string) => ms(kinds.get(k) ?? 0);
    rows.push(
      `| ${path} | ${ms(metrics.TaskDuration * 1000)} | ${ms(metrics.ScriptDuration * 1000)} | ` +
        `${ms(metrics.LayoutDuration * 1000)} | ${ms(metrics.RecalcStyleDuration * 1000)} | ` +
        `${kind('wasm')} | ${kind('js')} | ${kind('(program)')} | ${kind('(garbage collector)')} | ` +
        `${layouts.length} | ${ms(Math.max(0, ...layouts.map((e) => e.dur)) / 1000)} | ${forced.length} |`,
    );
    const heaviest = [...functions.entries()]
      .filter(([k]) => !k.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${ms(v)} ms`);
    console.log(`${path}: heaviest: ${heaviest.join('; ')}`);
  });
}

test.afterAll(() => {
  console.log('CPU 4× slower, cold load; times in ms');
  console.log('| page | all tasks | script | layout | style | wasm (self) | JS glue (self) | browser native | GC | layouts | longest layout | forced layouts |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
});
