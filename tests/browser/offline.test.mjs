// Offline and hosting: what `npm run dist` assembles (scripts/dist.sh, into a folder of this
// test's own), served under a sub-path as GitHub Pages does; the service worker keeps the page
// working with the network off and takes a new version on the next load; the one-file build works
// opened straight from disk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  assertBuilt, launch, newPage, openReady, readResults, ROOT, runCheck, startServer, waitReady,
} from './harness.mjs';

let browser;
let site;

before(async () => {
  assertBuilt();
  site = join(mkdtempSync(join(tmpdir(), 'corroborate-dist-')), 'site');
  // The real `npm run dist`, without its build step (the tests run after one).
  execFileSync('bash', [`${ROOT}scripts/dist.sh`], {
    env: { ...process.env, DIST_NO_BUILD: '1', DIST_DIR: site }, stdio: 'pipe',
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (site) rmSync(join(site, '..'), { recursive: true, force: true });
});

const SENTENCE = 'More than 900 American companies operate in Kazakhstan.';

test('npm run dist: the site and a web app manifest that installs', async () => {
  for (const file of ['index.html', 'app.js', 'worker.js', 'sw.js', 'style.css', 'manifest.webmanifest', 'icon.svg',
    'pkg/corroborate.js', 'pkg/corroborate_bg.wasm', 'corpus/manifest.json', 'corroborate.html']) {
    assert.ok(existsSync(join(site, file)), `dist has no ${file}`);
  }
  const manifest = JSON.parse(readFileSync(join(site, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './', 'start_url must be relative (sub-path hosting)');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.name && manifest.short_name);
  assert.ok(manifest.icons.some((i) => i.src.startsWith('./') && i.sizes === 'any'), 'no scalable icon');
  assert.match(readFileSync(join(site, 'index.html'), 'utf8'), /<link rel="manifest" href="\.\/manifest\.webmanifest">/);
});

test('under a sub-path: after one visit the page works with the network off, and takes a new version on the next load', { timeout: 120_000 }, async () => {
  let server = await startServer({ root: site, base: '/corroborate/' });
  const port = server.port;
  const { page, context, problems } = await newPage(browser, server, { serviceWorkers: 'allow' });
  try {
    await openReady(page, server, '/corroborate/');
    const scope = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.scope;
    });
    assert.equal(scope, `${server.url}/corroborate/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    assert.deepEqual(problems.httpErrors, [], 'a file the page needs is missing under the sub-path');
    assert.ok(problems.requests.every((u) => new URL(u).pathname.startsWith('/corroborate/')),
      `a request left the sub-path: ${problems.requests.filter((u) => !new URL(u).pathname.startsWith('/corroborate/')).join(', ')}`);
    await page.locator('#text').fill(SENTENCE);
    await page.locator('#text').dispatchEvent('input');
    await page.waitForTimeout(500); // the draft is saved 300 ms after typing

    // Network off: the server is gone and the browser is offline.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.locator('#text').inputValue(), SENTENCE, 'the text was lost going offline');
    const outcome = await runCheck(page, SENTENCE);
    assert.match(outcome.text, /^Done: /, `offline, the check failed: ${outcome.text}`);
    assert.ok((await readResults(page)).claims.length > 0);

    // A new version on the server: taken on the next load, the text kept.
    const index = join(site, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('everything runs on this device', 'version two: everything runs on this device'));
    server = await startServer({ root: site, base: '/corroborate/', port });
    await context.setOffline(false);
    await page.reload();
    await waitReady(page);
    assert.match(await page.locator('footer').textContent(), /version two/, 'the new version was not taken on reload');
    assert.equal(await page.locator('#text').inputValue(), SENTENCE, 'the text was lost with the new version');
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.offOrigin, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the one-file build works opened from disk, with nothing fetched', { timeout: 90_000 }, async () => {
  const file = join(site, 'corroborate.html');
  const html = readFileSync(file, 'utf8');
  assert.match(html, /<html lang="en" data-inline="true">/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval' blob:/);

  const fake = { url: 'file://' };
  const { page, context, problems } = await newPage(browser, fake);
  try {
    await page.goto(pathToFileURL(file).href);
    await waitReady(page);
    const outcome = await runCheck(page, `Kazakhstan established diplomatic relations with Israel in 1992. ${SENTENCE}`);
    assert.match(outcome.text, /^Done: /, outcome.text);
    const results = await readResults(page);
    assert.ok(results.claims.some((c) => c.verdictClass === 'v-contradicted'));
    assert.ok(results.claims.some((c) => c.verdictClass === 'v-supported'));
    const fetched = problems.requests.filter((u) => !/^(file|blob|data):/.test(u));
    assert.deepEqual(fetched, [], 'the one-file page fetched something');
    assert.deepEqual(problems.consoleErrors, [], 'console errors (a CSP violation?)');
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the one-file build inlines other module scripts and the modules they import', { timeout: 90_000 }, async () => {
  // A copy of the site where the page gains a part of its own (as a later feature would add):
  // app.js imports ./extra.js, which imports ./deep.js, and index.html loads ./panel.js.
  const copy = join(site, '..', 'copy');
  execFileSync('cp', ['-R', site, copy]);
  writeFileSync(join(copy, 'deep.js'), "export const deep = 'deep';\n");
  writeFileSync(join(copy, 'extra.js'), "import { deep } from './deep.js';\nexport const marker = `extra+${deep}`;\n");
  writeFileSync(join(copy, 'panel.js'), "document.documentElement.dataset.panel = 'panel';\n");
  writeFileSync(join(copy, 'app.js'), `import { marker } from './extra.js';\ndocument.documentElement.dataset.marker = marker;\n${readFileSync(join(copy, 'app.js'), 'utf8')}`);
  const index = join(copy, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<script type="module" src="./app.js"></script>',
    '<script type="module" src="./app.js"></script>\n  <script type="module" src="./panel.js"></script>'));
  execFileSync('node', [`${ROOT}scripts/dist-single.mjs`, copy, join(copy, 'one.html')], { stdio: 'pipe' });
  const html = readFileSync(join(copy, 'one.html'), 'utf8');
  assert.doesNotMatch(html, /src="\.\//, 'a script is still loaded from the folder');

  const { page, context, problems } = await newPage(browser, { url: 'file://' });
  try {
    await page.goto(pathToFileURL(join(copy, 'one.html')).href);
    await waitReady(page);
    assert.deepEqual(await page.evaluate(() => ({ ...document.documentElement.dataset })),
      { inline: 'true', marker: 'extra+deep', panel: 'panel' });
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
