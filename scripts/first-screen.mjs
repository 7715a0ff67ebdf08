// Writes a static first screen into the index.html of each citizen entry bundle (issue 16), so
// that a first visit paints its page from HTML before the bundle's wasm has arrived and run.
//
// The screen is the app's own: each entry page is rendered by the release build in headless
// Chromium with every /api request left unanswered (so it is exactly what the app paints before
// its data comes), and the body's elements are copied into the document as they are, marked
// `data-first-screen`, `inert` and `aria-hidden` (a picture of the page: the app mounts in its
// place, removing it in the same task, so nothing is shown twice). Their ids and test ids are
// dropped so that nothing can find a node that is about to go. A small script in <head> keeps
// the screen hidden (before anything is painted) where it would not be the app's first paint:
// on another path or with a query, in English, in elderly mode.
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
 * tells the app when the browser has reported the screen's largest paint. */
function headScript(path) {
  return (
    '(function(){var d=document.documentElement,hide=location.pathname!==' +
    JSON.stringify(path) +
    '||location.search!=="";try{var s=localStorage,l=s.getItem("guichet.lang");' +
    'hide=hide||s.getItem("guichet.elderly")==="1"||(l!==null&&l!==d.lang)}catch(e){}' +
    'if(hide){d.classList.add("no-first-screen");return}' +
    // The app waits for the screen's largest paint before it takes its place (app.rs).
    'try{new PerformanceObserver(function(l,o){o.disconnect();d.setAttribute("data-first-screen-shown","");' +
    'dispatchEvent(new Event("guichet-first-screen"))}).observe({type:"largest-contentful-paint",buffered:true})}catch(e){}})()'
  );
}

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
      const kept = [...document.body.children].filter((node) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE'].includes(node.tagName));
      return kept.map((node) => {
        const copy = node.cloneNode(true);
        for (const element of [copy, ...copy.querySelectorAll('*')]) {
          for (const name of ['id', 'for', 'data-testid', 'aria-describedby', 'aria-labelledby', 'aria-controls']) {
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
    writeFileSync(target, html);
    console.log(`first-screen: ${path} → ${file} (${nodes.length} elements, ${html.length} bytes)`);
  }
} finally {
  await browser.close();
}
