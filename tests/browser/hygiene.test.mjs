// The page keeps to itself: a clean console, no request off the origin, and pasted markup shown
// as text, never run.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertBuilt, findClaim, launch, newPage, openReady, readResults, runCheck, startServer,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  assertBuilt();
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the console stays clean and no request leaves the origin', { timeout: 60_000 }, async () => {
  const { page, context, problems, origin } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const outcome = await runCheck(page,
      'Kazakhstan established diplomatic relations with Israel in 1992. More than 900 American companies operate in Kazakhstan.',
      { date: '2025-11-07' });
    assert.match(outcome.text, /^Done: /);
    // Select a claim both ways, which scrolls and moves the focus.
    await page.locator('#shown-text .tag').first().click();
    await page.locator('#claims .claim-head').last().click();
    await page.waitForTimeout(300);

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
