// The page keeps to itself: a clean console, no request off the origin, and pasted markup shown
// as text, never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser, findClaim, newPage, openReady, readResults, runCheck, server, useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser();

test('the console stays clean and no request leaves the origin', { timeout: 60_000 }, async () => {
  // With the service worker, exports, the share link and a file: everything the page can do.
  const { page, context, problems, origin } = await newPage(browser, server,
    { serviceWorkers: 'allow', permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await openReady(page, server);
    await page.locator('#file').setInputFiles({ name: 'a.html', mimeType: 'text/html',
      buffer: Buffer.from('<p>Kazakhstan established diplomatic relations with Israel in 1992.</p><img src="https://example.org/x.png"><link rel="stylesheet" href="https://example.org/s.css">') });
    await page.waitForFunction(() => document.querySelector('#text').value.length > 0);
    const outcome = await runCheck(page,
      'Kazakhstan established diplomatic relations with Israel in 1992. More than 900 American companies operate in Kazakhstan.',
      { date: '2025-11-07' });
    assert.match(outcome.text, /^Done: /);
    // Select a claim both ways, which scrolls and moves the focus.
    await page.locator('#shown-text .tag').first().click();
    await page.locator('#claims .claim-head').last().click();
    for (const format of ['json', 'markdown', 'claimreview', 'html']) {
      await page.locator('#export-format').selectOption(format);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.waitForFunction(() => /^Copied/.test(document.querySelector('#status').textContent));
    }
    await page.getByRole('button', { name: 'Copy a share link' }).click();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await page.reload(); // now through the service worker
    await page.waitForFunction(() => /^(Ready|Done)/.test(document.querySelector('#status').textContent), null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'Content-Security-Policy violations');

    assert.deepEqual(problems.consoleErrors, [], 'console errors (page or worker)');
    assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
    assert.deepEqual(problems.httpErrors, [], 'requests answered with an HTTP error');
    assert.deepEqual(problems.offOrigin, [], `requests that left ${origin}`);
    // The page did load what it needs from the origin (so the listener saw the worker's requests).
    for (const path of ['/app.js', '/worker.js', '/pkg/corroborate.js', '/pkg/corroborate_bg.wasm', '/corpus/manifest.json']) {
      assert.ok(problems.requests.includes(`${origin}${path}`), `no request for ${path}; requests: ${problems.requests.join(', ')}`);
    }
    assert.ok(problems.requests.some((u) => new URL(u).pathname.startsWith('/corpus/') && !u.endsWith('/manifest.json')),
      'no corpus shard was requested');
  } finally {
    await context.close();
  }
});

test('pasted markup is shown as text and never runs', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const script = '<script>window.__pwned=1</script>';
    const img = '<img src=x onerror="window.__pwned=1">';
    const text = [
      `Breaking: ${script} More than 900 American companies operate in Kazakhstan.`,
      `Kazakhstan established diplomatic relations with Israel in 1992 ${img} and more.`,
      '<b>bold?</b> &amp; &lt;tag&gt; <style>body{display:none}</style>',
    ].join('\n');
    const outcome = await runCheck(page, text);
    assert.match(outcome.text, /^Done: /, `the check failed: ${outcome.text}`);
    await page.waitForTimeout(500); // time for an onerror to fire, were there an <img>

    const results = await readResults(page);
    assert.equal(results.shownText, text, 'the shown text is not the pasted text, character for character');
    assert.ok(results.shownText.includes(script));
    assert.ok(results.shownText.includes(img));
    const inResults = await page.evaluate(() => ({
      pwned: window.__pwned,
      elements: [...document.querySelectorAll('#results img, #results script, #results style, #results b')].map((e) => e.outerHTML),
    }));
    assert.equal(inResults.pwned, undefined, 'pasted script ran');
    assert.deepEqual(inResults.elements, [], 'pasted markup became elements in the results');
    // The claim list shows the words as text too: each claim's words, character for character.
    findClaim(results, 'American companies operate');
    for (const c of results.claims) {
      assert.ok(text.includes(c.words), `claim ${c.n}'s words are not the text's: ${JSON.stringify(c.words)}`);
    }
    assert.equal(problems.requests.filter((u) => new URL(u).pathname === '/x').length, 0, 'the pasted <img src=x> was requested');
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('the Content-Security-Policy: no inline script or style, no eval (only wasm compilation)', { timeout: 30_000 }, async () => {
  const response = await fetch(`${server.url}/`);
  const header = response.headers.get('content-security-policy') ?? '';
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  for (const [where, csp] of [['header', header], ['meta', meta]]) {
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], `${where}: script-src`);
    assert.deepEqual(directives['style-src'], ["'self'"], `${where}: style-src`);
    assert.deepEqual(directives['default-src'], ["'self'"], `${where}: default-src`);
    assert.deepEqual(directives['connect-src'], ["'self'"], `${where}: connect-src`);
    assert.deepEqual(directives['object-src'], ["'none'"], `${where}: object-src`);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|\*|https?:/, `${where}: ${csp}`);
  }
  // The page has no inline script, no inline style, no handler attribute.
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'an inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'inline style or an event handler attribute');
  for (const file of ['app.js', 'worker.js', 'sw.js']) {
    const source = await (await fetch(`${server.url}/${file}`)).text();
    const js = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // code, not comments
    assert.doesNotMatch(js, /\beval\(|new Function\(|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write/, `${file} builds code or HTML from strings`);
  }
});

test('javascript: links in pasted text stay text', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const text = 'See [the facts](javascript:window.__pwned=1) and <a href="javascript:window.__pwned=2">this</a>: javascript:window.__pwned=3 More than 900 American companies operate in Kazakhstan.';
    const outcome = await runCheck(page, text);
    assert.match(outcome.text, /^Done: /);
    await page.locator('#shown-text .tag').first().click();
    const links = await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    assert.deepEqual(links.filter((h) => !/^https?:/.test(h ?? '')), [], 'a link that is not http(s)');
    assert.equal((await readResults(page)).shownText, text);
    for (const link of await page.locator('#shown-text mark').all()) await link.click();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
