// Writes a static first screen into the index.html of each citizen entry bundle (issue 16), so
// that a first visit paints its page from HTML before the bundle's wasm has arrived and run.
//
// The screen is the app's own: each entry page is rendered by the release build in headless
// Chromium with every /api request left unanswered (so it is exactly what the app paints before
// its data comes), and the body's elements are copied into the document as they are, marked
// `data-first-screen`, `inert` and `aria-hidden` (a picture of the page: the app mounts in its
// place, removing it in the same task, so nothing is shown twice). Their ids, test ids, roles
// and names are dropped so that nothing can find a node that is about to go. A small script in
// <head> keeps the screen hidden (before anything is painted) where it would not be the app's
// first paint: on another path or with a query, in English, in elderly mode; elsewhere it holds
// the app's start until the screen's largest paint is reported (see `headScript`).
//
// Usage: node scripts/first-screen.mjs DIST BASE_URL  (a server answering BASE_URL from DIST;
// scripts/first-screen.sh starts one). Run after the Trunk builds, before stamp-sw.sh.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../end2end/package.json', import.meta.url)));
const { chromium } = require('@playwright/test');

/** The entry bundles' documents and the page each one pictures. */
const ENTRY_PAGES = [
  ['index.html', '/'],
  ['guide/index.html', '/guide'],
  ['disclosure/index.html', '/disclosure'],
];

const MARK = 'data-first-screen';

const [dist, base] = process.argv.slice(2);
if (!dist || !base) {
  console.error('usage: node scripts/first-screen.mjs DIST BASE_URL');
  process.exit(2);
}

/** The script that hides the screen where the app's first paint would differ from it, and
 * otherwise holds the app's start (`guichetFirstScreen`, awaited by Trunk's loader) until the
 * browser has reported the screen's largest paint, 250 ms at most. The browser forgets a paint
 * whose element is removed before the paint is presented: on a fast line the wasm can come
 * first, and the page's largest paint would then wait for the app. On a weak line the paint is
 * reported long before the wasm comes, and nothing waits. */
function headScript(path) {
  return (
    '(function(){var d=document.documentElement,hide=location.pathname!==' +
    JSON.stringify(path) +
    '||location.search!=="";try{var s=localStorage,l=s.getItem("guichet.lang");' +
    'hide=hide||s.getItem("guichet.elderly")==="1"||(l!==null&&l!==d.lang)}catch(e){}' +
    'if(hide){d.classList.add("no-first-screen");return}' +
    'if(document.visibilityState==="visible")window.guichetFirstScreen=new Promise(function(r){' +
    'setTimeout(r,250);try{new PerformanceObserver(function(l,o){o.disconnect();r()})' +
    '.observe({type:"largest-contentful-paint",buffered:true})}catch(e){r()}})})()'
  );
}

/** Trunk's loader, which starts the wasm, and the same holding it for the screen. */
const LOADER_START = 'const wasm=await init(';
const LOADER_HELD = 'await window.guichetFirstScreen;' + LOADER_START;

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
try {
  for (const [file, path] of ENTRY_PAGES) {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    // Left unanswered: the page stays as it is before its data comes.
    await page.route('**/api/**', () => {});
    await page.goto(base + path, { waitUntil: 'domcontentloaded' });
    await page.locator('main#main h1').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const nodes = await page.evaluate((mark) => {
      // What the first screen shows: not the skip link (off the screen until focused) nor the
      // footer (below main, which is a screen tall).
      const kept = [...document.body.children].filter(
        (node) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'FOOTER'].includes(node.tagName) && !node.classList.contains('skip-link'),
      );
      return kept.map((node) => {
        const copy = node.cloneNode(true);
        for (const element of [copy, ...copy.querySelectorAll('*')]) {
          // Nothing that finds, names or routes (the stylesheet selects none of these), so that
          // nothing can find a node that is about to go, and the document stays small.
          for (const name of ['id', 'for', 'data-testid', 'data-path', 'aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-label', 'aria-expanded', 'role', 'rel', 'name', 'autocomplete', 'method', 'action']) {
            element.removeAttribute(name);
          }
        }
        copy.setAttribute(mark, '');
        copy.setAttribute('inert', '');
        copy.setAttribute('aria-hidden', 'true');
        return copy.outerHTML;
      });
    }, MARK);
    await context.close();
    if (nodes.length === 0) throw new Error(`first-screen: ${path} rendered nothing`);
    const target = join(dist, file);
    let html = readFileSync(target, 'utf8');
    if (html.includes(MARK)) throw new Error(`first-screen: ${target} already has a first screen`);
    const at = html.lastIndexOf('</body>');
    const head = html.indexOf('</head>');
    if (at < 0 || head < 0) throw new Error(`first-screen: ${target} has no </head> or </body>`);
    html = html.slice(0, at) + nodes.join('') + html.slice(at);
    html = html.slice(0, head) + `<script>${headScript(path)}</script>` + html.slice(head);
    if (html.split(LOADER_START).length !== 2) throw new Error(`first-screen: ${target}: Trunk's loader not found once`);
    html = html.replace(LOADER_START, LOADER_HELD);
    writeFileSync(target, html);
    console.log(`first-screen: ${path} → ${file} (${nodes.length} elements, ${html.length} bytes)`);
  }
} finally {
  await browser.close();
}
