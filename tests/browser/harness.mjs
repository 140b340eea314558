// Shared by the browser tests (tests/browser/*.test.mjs) and the screenshot script: the server,
// Chromium, and ways to read what the page shows. Not a test file itself (node --test only runs
// *.test.mjs here).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The built files the page needs. A missing one fails the test (never a silent skip). */
export function assertBuilt() {
  const needed = ['pkg/corroborate.js', 'pkg/corroborate_bg.wasm', 'www/corpus/manifest.json'];
  const missing = needed.filter((file) => !existsSync(`${ROOT}${file}`));
  assert.deepEqual(missing, [],
    `the page is not built: ${missing.join(', ')} missing. Run \`npm run build\` first (it builds pkg/ and www/corpus/).`);
  if (!existsSync(CHROMIUM)) {
    assert.fail(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or run \`bash scripts/toolchain.sh --browser\`), or set CHROMIUM=/path/to/chromium`);
  }
}

/** The documents the page's corpus section lists: [{ title, source, date, dateText }]. */
export function readCorpusSection(page) {
  return page.evaluate(() => [...document.querySelectorAll('#corpus-docs > li')].map((li) => ({
    title: li.querySelector('cite')?.textContent ?? '',
    source: li.querySelector('.source')?.textContent ?? '',
    date: li.querySelector('time')?.getAttribute('datetime') ?? '',
    dateText: li.querySelector('time')?.textContent ?? '',
  })));
}

/** The static server of `npm start` on a free port; `{ root, base }` as in scripts/serve.mjs. */
export async function startServer(options = {}) {
  const { startServer: start } = await import('../../scripts/serve.mjs');
  return start({ port: 0, quiet: true, ...options });
}

/** The server and the browser of the test file that called {@link useServerAndBrowser}. */
export let server;
export let browser;

/**
 * Registers the test file's hooks: before its tests, the built files are checked and a server and
 * a Chromium started (into the live bindings `server` and `browser` above, which the file imports);
 * after them, both are closed. Each test file runs in its own process, so each has its own pair.
 */
export function useServerAndBrowser() {
  before(async () => {
    assertBuilt();
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** A headless Chromium with its own fresh profile (chromium.launch makes a temporary one). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A new page (own context: own storage) that records every problem: console errors from the page
 * and its workers, uncaught exceptions, HTTP errors, and requests that leave the server's origin.
 */
export async function newPage(browser, server, {
  viewport = { width: 1280, height: 900 }, colorScheme = 'light', serviceWorkers = 'block', permissions = [],
} = {}) {
  // Service workers are blocked unless a test asks for them (offline.test.mjs, hygiene.test.mjs):
  // a page served from a worker's cache would hide the routes other tests set up.
  const context = await browser.newContext({ viewport, colorScheme, serviceWorkers, permissions });
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  const problems = { consoleErrors: [], pageErrors: [], offOrigin: [], httpErrors: [], requests: [] };
  const onConsole = (where) => (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(`${where}: ${msg.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (err) => problems.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  context.on('request', (request) => {
    const url = request.url();
    problems.requests.push(url);
    if (!(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:'))) {
      problems.offOrigin.push(url);
    }
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.httpErrors.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, problems, origin };
}

export const status = (page) => page.locator('#status');

/** The status line's kind (`data-kind`) and text. */
export const statusOf = (page) => page.evaluate(() => {
  const s = document.querySelector('#status');
  return { kind: s.dataset.kind, text: s.textContent };
});

/**
 * The corpus panel's next settled status matching `pattern`, read in the same step as the wait.
 * Only a status set since the last one this returned counts (the page writes each status as a
 * new text node), so a stale "Added 1 document." cannot stand in for the next one while the
 * next add has not yet said it is busy.
 */
export async function panelStatus(page, pattern, timeout = 60_000) {
  const handle = await page.waitForFunction((src) => {
    const s = document.querySelector('#corpus-status');
    const node = s && s.firstChild;
    if (!node || node === window.__seenPanelStatus || s.dataset.kind === 'busy') return false;
    if (!new RegExp(src).test(s.textContent)) return false;
    window.__seenPanelStatus = node;
    return s.textContent;
  }, pattern.source, { timeout });
  return handle.jsonValue();
}

/** Waits until the checker has loaded ("Ready: N documents in the corpus"). */
export async function waitReady(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('#status');
    return s && (/^Ready/.test(s.textContent) || s.dataset.kind === 'error');
  }, null, { timeout: 30_000 });
  const shown = await page.locator('#status').textContent();
  assert.match(shown, /^Ready/, `the checker did not load; the page says: ${shown}`);
}

/** Opens the page (at `path`, default /) and waits for the checker. */
export async function openReady(page, server, path = '/') {
  await page.goto(`${server.url}${path}`);
  await waitReady(page);
}

/** Runs axe-core (node_modules/axe-core) in the page: the violations of impact serious or critical. */
export async function axeViolations(page) {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')).join('\n    ')}`);
}

/** Waits until the status line is no longer busy; returns { kind, text }. */
export async function waitIdle(page) {
  await page.waitForFunction(() => document.querySelector('#status')?.dataset.kind !== 'busy', null, { timeout: 60_000 });
  return page.evaluate(() => {
    const s = document.querySelector('#status');
    return { kind: s.dataset.kind, text: s.textContent };
  });
}

/** Pastes the text (and the date), presses Check, waits for the outcome. */
export async function runCheck(page, text, { date } = {}) {
  await page.locator('#text').fill(text);
  if (date) await page.locator('#date').fill(date);
  await page.getByRole('button', { name: 'Check' }).click();
  return waitIdle(page);
}

/**
 * What the results show, read from the DOM: the claim list items (words, verdict, explanation,
 * evidence) and the shown text's pieces (text nodes and highlights with their classes).
 */
export function readResults(page) {
  return page.evaluate(() => {
    const claims = [...document.querySelectorAll('#claims > li')].map((li) => ({
      id: li.id,
      n: Number(li.id.replace('claim-', '')),
      anchor: li.querySelector('.claim-text strong')?.textContent ?? null,
      selected: li.classList.contains('selected'),
      verdictClass: [...li.classList].find((c) => c.startsWith('v-')) ?? null,
      label: li.querySelector('.verdict')?.textContent.trim() ?? '',
      words: li.querySelector('.claim-text')?.textContent ?? '',
      explanation: li.querySelector('.explanation')?.textContent ?? '',
      evidence: [...li.querySelectorAll('.evidence > li')].map((ev) => ({
        stance: ev.dataset.stance,
        stanceLabel: ev.querySelector('.stance')?.textContent ?? '',
        text: ev.querySelector('blockquote')?.textContent ?? '',
        title: ev.querySelector('.doc-title')?.textContent ?? '',
        source: ev.querySelector('.source')?.textContent ?? '',
        date: ev.querySelector('time')?.getAttribute('datetime') ?? '',
        dateText: ev.querySelector('time')?.textContent ?? '',
        visible: ev.checkVisibility(),
      })),
    }));
    const shown = document.querySelector('#shown-text');
    return {
      visible: !document.querySelector('#results').hidden,
      summary: document.querySelector('#summary').textContent,
      shownText: shown.textContent,
      claims,
    };
  });
}

/**
 * The highlight at a UTF-16 offset of the shown text, and the tag (number + verdict icon) of the
 * claim it belongs to: { verdict, classes, claims: [n…], tag: { n, verdict, icon, label, visibleText } }.
 */
export function highlightAt(page, offset) {
  return page.evaluate((offset) => {
    const shown = document.querySelector('#shown-text');
    const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.data.length;
      if (offset >= pos && offset < pos + len) {
        const mark = node.parentElement.closest('mark.hl');
        if (!mark || !shown.contains(mark)) return { verdict: null, text: node.data };
        return {
          verdict: mark.dataset.verdict,
          classes: [...mark.classList],
          text: mark.textContent,
          claims: mark.dataset.claims.split(' ').map(Number),
        };
      }
      pos += len;
    }
    return null;
  }, offset);
}

/** The tag button of claim number n in the shown text: its verdict, aria-label and drawn label. */
export function tagOf(page, n) {
  return page.evaluate((n) => {
    const tag = document.querySelector(`#shown-text .tag[data-n="${n}"]`);
    if (!tag) return null;
    const drawn = getComputedStyle(tag, '::before').content;
    const r = tag.getBoundingClientRect();
    return {
      verdict: tag.dataset.verdict,
      classes: [...tag.classList],
      ariaLabel: tag.getAttribute('aria-label'),
      drawn,
      visible: r.width > 0 && r.height > 0,
    };
  }, n);
}

/** The list item (parsed by readResults) whose claim words include `words`. */
export function findClaim(results, words) {
  const found = results.claims.filter((c) => c.words.includes(words));
  assert.ok(found.length > 0,
    `no claim in the list has the words ${JSON.stringify(words)}; the list has:\n${results.claims.map((c) => `  ${c.label}: ${c.words}`).join('\n')}`);
  return found;
}

/**
 * Serves, in place of pkg/corroborate.js, a module that wraps the real one: `new Checker(...)`
 * is the real checker except for the methods given (source text of class methods, which reach
 * the real one as `this.inner`); every other method passes through. `prelude` is module code
 * placed before the class (helpers the methods use).
 */
export async function routeWrappedChecker(context, methods, { prelude = '' } = {}) {
  const body = `
    import init, * as real from './corroborate.js?real';
    export default init;
    export const version = real.version;
    export const renderReport = real.renderReport;
    ${prelude}
    export class Checker {
      constructor(manifest, shards) {
        this.inner = new real.Checker(manifest, shards);
        return new Proxy(this, { get: (t, p) => (p in t ? t[p] : (typeof t.inner[p] === 'function' ? t.inner[p].bind(t.inner) : t.inner[p])) });
      }
      ${methods}
    }`;
  await context.route((url) => url.pathname.endsWith('/pkg/corroborate.js') && url.search === '', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body }));
}
