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

/** The entry bundles' documents and the pages each one pictures (a document serves every path of
 * its bundle; the head script shows the picture of the path it is on, if it has one). */
const ENTRY_PAGES = [
  ['index.html', ['/', '/track']],
  // And each item page's, which the server puts in (crates/server/src/item_page.rs).
  ['guide/index.html', ['/guide']],
  ['disclosure/index.html', ['/disclosure']],
];

const MARK = 'data-first-screen';

const [dist, base] = process.argv.slice(2);
if (!dist || !base) {
  console.error('usage: node scripts/first-screen.mjs DIST BASE_URL');
  process.exit(2);
}

/** The script that hides the pictures where the app's first paint would differ from them, and
 * otherwise shows the one of this path and holds the app's start (`guichetFirstScreen`, awaited
 * by the loader) until the browser has reported the picture's largest paint, 250 ms at most.
 *
 * The browser forgets a paint whose element is removed before the paint is presented: on a fast
 * line the wasm could come first, and the page's largest paint would then wait for the app.
 *
 * The bundle's script and wasm (`links`, taken out of the document) are requested only then:
 * on a weak line the picture's stylesheet has the line to itself, and the wasm (200 KB, a
 * second at 1.6 Mbps) follows it. Where no picture is shown they are requested at once. */
function headScript(paths, links) {
  // With several pictures, all stay hidden until the body's end chooses (`chooserScript`).
  const others = paths.length > 1 ? 'd.classList.add("no-first-screen");window.guichetFirstScreenOf=p;' : '';
  return (
    '(function(){var d=document.documentElement,p=location.pathname,hide=' +
    JSON.stringify(paths) +
    '.indexOf(p)<0&&d.getAttribute("data-first-screen-of")!==p||location.search!=="",loading=0;' +
    'function load(){if(!loading){loading=1;document.head.insertAdjacentHTML("beforeend",' +
    JSON.stringify(links) +
    ')}}' +
    'try{var s=localStorage,l=s.getItem("guichet.lang");' +
    'hide=hide||s.getItem("guichet.elderly")==="1"||(l!==null&&l!==d.lang)}catch(e){}' +
    'if(hide){d.classList.add("no-first-screen");load();return}' +
    others +
    'if(document.visibilityState!=="visible"){load();return}' +
    'window.guichetFirstScreen=new Promise(function(r){function go(){load();r()}' +
    'setTimeout(go,250);try{new PerformanceObserver(function(l,o){o.disconnect();go()})' +
    '.observe({type:"largest-contentful-paint",buffered:true})}catch(e){go()}})})()'
  );
}

/** Where a document pictures several pages: run once the pictures are parsed (before anything is
 * painted, as they are hidden until then), it removes those of other paths and shows the rest. */
const chooserScript =
  '(function(){var p=window.guichetFirstScreenOf;if(p===undefined)return;' +
  'document.querySelectorAll("body>[' + MARK + ']").forEach(function(e){if(e.getAttribute("' + MARK + '")!==p)e.remove()});' +
  'document.documentElement.classList.remove("no-first-screen")})()';

/** Trunk's loader imports the bundle's script at once; the same, importing it once the picture
 * has been painted (the head script has then added its preload). */
const LOADER_START = /import init,\*as bindings from"([^"]+)";const wasm=await init\(([^)]*)\);/g;
const loaderHeld = (_, script, options) =>
  'await window.guichetFirstScreen;const bindings=await import(' +
  JSON.stringify(script) +
  '),init=bindings.default;const wasm=await init(' +
  options +
  ');';

/** Trunk's preloads of the bundle's script and wasm, which the head script adds when it is time. */
const PRELOADS = [/<link[^>]* rel=modulepreload[^>]*>/g, /<link[^>]* rel=preload[^>]*>/g];

/** The body's elements of `path` as the app paints them before its data comes, marked. */
async function picture(browser, path) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  // Left unanswered: the page stays as it is before its data comes.
  await page.route('**/api/**', () => {});
  await page.goto(base + path, { waitUntil: 'domcontentloaded' });
  await page.locator('main#main h1').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const nodes = await page.evaluate(
    ([mark, path]) => {
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
        copy.setAttribute(mark, path);
        copy.setAttribute('inert', '');
        copy.setAttribute('aria-hidden', 'true');
        return copy.outerHTML;
      });
    },
    [MARK, path],
  );
  await context.close();
  if (nodes.length === 0) throw new Error(`first-screen: ${path} rendered nothing`);
  return nodes;
}

/** `html` with each of `patterns` found exactly once and replaced by `by`. */
function replaceOnce(html, pattern, by, what) {
  const found = html.match(pattern)?.length ?? 0;
  if (found !== 1) throw new Error(`first-screen: ${what} found ${found} times, not once`);
  return html.replace(pattern, by);
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
try {
  for (const [file, paths] of ENTRY_PAGES) {
    const nodes = [];
    for (const path of paths) nodes.push(...(await picture(browser, path)));
    const target = join(dist, file);
    let html = readFileSync(target, 'utf8');
    if (html.includes(MARK)) throw new Error(`first-screen: ${target} already has a first screen`);
    const links = [];
    for (const pattern of PRELOADS) {
      // Chromium ignores a fetch preload's integrity (and says so in the console); the loader's
      // own fetch of the wasm has none.
      const take = (link) => (links.push(link.includes('rel=preload') ? link.replace(/ integrity=[^ >]+/, '') : link), '');
      html = replaceOnce(html, pattern, take, `${target}: Trunk's preload ${pattern}`);
    }
    html = replaceOnce(html, LOADER_START, loaderHeld, `${target}: Trunk's loader`);
    const at = html.lastIndexOf('</body>');
    const head = html.indexOf('</head>');
    if (at < 0 || head < 0) throw new Error(`first-screen: ${target} has no </head> or </body>`);
    const chooser = paths.length > 1 ? `<script>${chooserScript}</script>` : '';
    html = html.slice(0, at) + nodes.join('') + chooser + html.slice(at);
    html = html.slice(0, head) + `<script>${headScript(paths, links.join(''))}</script>` + html.slice(head);
    writeFileSync(target, html);
    console.log(`first-screen: ${paths.join(' ')} → ${file} (${nodes.length} elements, ${html.length} bytes)`);
  }
} finally {
  await browser.close();
}
