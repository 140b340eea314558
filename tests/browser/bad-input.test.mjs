// Bad input and failures: each gives a clear message, never a blank page, and the pasted text is
// never lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser, newPage, openReady, readResults, routeWrappedChecker, runCheck, server, statusOf, useServerAndBrowser, waitIdle, waitReady,
} from './harness.mjs';

useServerAndBrowser();

/** The page is not blank: its header, the textarea and the Check button are shown. */
async function assertPageShown(page) {
  assert.equal((await page.locator('h1').textContent()).trim(), 'corroborate');
  assert.ok(await page.getByLabel('Article text').isVisible(), 'the textarea is not visible');
  assert.ok(await page.getByRole('button', { name: 'Check' }).isVisible(), 'the Check button is not visible');
}

test('empty text: a message, no check, no crash', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    for (const empty of ['', '  \n\t  ']) {
      await page.getByLabel('Article text').fill(empty);
      await page.getByRole('button', { name: 'Check' }).click();
      assert.deepEqual(await statusOf(page), { kind: 'error', text: 'Paste some text to check.' });
      assert.equal(await page.locator('#results').isVisible(), false, 'results shown for an empty text');
    }
    // Still works afterwards.
    const outcome = await runCheck(page, 'More than 900 American companies operate in Kazakhstan.');
    assert.match(outcome.text, /^Done: /);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a 5 MB text: a message naming its size and the limit; the text stays', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const length = await page.evaluate(() => {
      const sentence = 'More than 900 American companies operate in Kazakhstan. ';
      const text = sentence.repeat(Math.ceil(5_000_000 / sentence.length)).slice(0, 5_000_000);
      const textarea = document.querySelector('#text');
      textarea.value = text;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      return textarea.value.length;
    });
    assert.equal(length, 5_000_000);
    await page.getByRole('button', { name: 'Check' }).click();
    const s = await statusOf(page);
    assert.equal(s.kind, 'error');
    assert.match(s.text, /5,000,000 characters/, `the message does not name the size: ${s.text}`);
    assert.match(s.text, /2,000,000/, `the message does not name the limit: ${s.text}`);
    assert.equal(await page.locator('#text').evaluate((t) => t.value.length), 5_000_000, 'the textarea lost the text');
    assert.equal(await page.locator('#results').isVisible(), false);
    await assertPageShown(page);
    // Under 2,000,000 characters but over the core's own limit (it counts UTF-8 bytes): the
    // core refuses with an Error, and the page shows its message.
    await page.evaluate(() => {
      const textarea = document.querySelector('#text');
      textarea.value = '€'.repeat(1_900_000);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByRole('button', { name: 'Check' }).click();
    const refused = await waitIdle(page);
    assert.equal(refused.kind, 'error', `a 5.7 MB (UTF-8) text was not refused: ${refused.text}`);
    assert.match(refused.text, /limit/, `the core's refusal does not name the limit: ${refused.text}`);
    assert.equal(await page.locator('#text').evaluate((t) => t.value.length), 1_900_000, 'the textarea lost the text');
    // A text within the limit still checks.
    const outcome = await runCheck(page, 'More than 900 American companies operate in Kazakhstan.');
    assert.match(outcome.text, /^Done: /);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a broken corpus: a clear error, the page and the textarea still usable', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    // The worker's fetch of corpus/manifest.json gets a broken file.
    await context.route('**/corpus/manifest.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{not json' }));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.querySelector('#status').dataset.kind === 'error', null, { timeout: 30_000 });
    const s = await statusOf(page);
    assert.match(s.text, /^The corpus could not be loaded: .*manifest\.json/, `unclear message: ${s.text}`);
    assert.ok(problems.requests.some((u) => u.endsWith('/corpus/manifest.json')), 'the broken manifest was never requested');
    await assertPageShown(page);

    const text = 'Kazakhstan established diplomatic relations with Israel in 1992.';
    await page.getByLabel('Article text').fill(text);
    assert.equal(await page.getByLabel('Article text').inputValue(), text);
    await page.getByRole('button', { name: 'Check' }).click();
    const again = await waitIdle(page);
    assert.equal(again.kind, 'error');
    assert.match(again.text, /^The corpus could not be loaded/, `after Check: ${again.text}`);
    assert.equal(await page.getByLabel('Article text').inputValue(), text, 'the textarea lost the text');
    await assertPageShown(page);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a checker crash (a wasm trap): a message, the text kept, a new checker', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    // Wrap the real module: its check traps the way a Rust panic does under panic = "abort".
    await routeWrappedChecker(context, `
      check(text, options) {
        if (text.includes('TRAP')) throw new WebAssembly.RuntimeError('unreachable');
        return this.inner.check(text, options);
      }`);
    await openReady(page, server);
    const text = 'TRAP: More than 900 American companies operate in Kazakhstan.';
    const outcome = await runCheck(page, text);
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.text,
      'The checker stopped unexpectedly: RuntimeError: unreachable. Your text is kept; press Check to try again.');
    assert.equal(await page.getByLabel('Article text').inputValue(), text, 'the textarea lost the text');
    await assertPageShown(page);
    assert.ok(problems.consoleErrors.some((e) => /stopped unexpectedly/.test(e)), 'the crash was not logged to the console');

    // A new checker was started: the next check works.
    await page.getByLabel('Article text').fill('More than 900 American companies operate in Kazakhstan.');
    await page.getByRole('button', { name: 'Check' }).click();
    const next = await waitIdle(page);
    assert.match(next.text, /^Done: /, `no new checker after the crash: ${next.text}`);
    assert.ok((await readResults(page)).claims.length > 0);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a check that never ends: Stop gives a new checker, the text kept', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    // Wrap the real module: its check never returns when the text says HANG.
    await routeWrappedChecker(context, `
      check(text, options) {
        if (text.includes('HANG')) for (;;) {}
        return this.inner.check(text, options);
      }`);
    await openReady(page, server);
    const text = 'HANG: More than 900 American companies operate in Kazakhstan.';
    await page.getByLabel('Article text').fill(text);
    await page.getByRole('button', { name: 'Check' }).click();
    assert.deepEqual(await statusOf(page), { kind: 'busy', text: 'Checking…' });
    const stop = page.getByRole('button', { name: 'Stop' });
    await page.waitForTimeout(300);
    assert.ok(await stop.isVisible(), 'no Stop button while checking');
    await stop.click();
    assert.deepEqual(await statusOf(page), { kind: 'info', text: 'Stopped. Your text is kept; press Check to try again.' });
    assert.equal(await page.getByLabel('Article text').inputValue(), text);
    assert.equal(await stop.isVisible(), false);

    await page.getByLabel('Article text').fill('More than 900 American companies operate in Kazakhstan.');
    await page.getByRole('button', { name: 'Check' }).click();
    const next = await waitIdle(page);
    assert.match(next.text, /^Done: /, `no new checker after Stop: ${next.text}`);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('the pasted text survives a reload', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const text = 'Kazakhstan has roughly 20 million people.\nIts Jewish community numbers just over 2,000.';
    await page.getByLabel('Article text').fill(text);
    await page.getByLabel('Article date (for relative dates)').fill('2025-11-07');
    await page.reload();
    await waitReady(page);
    assert.equal(await page.getByLabel('Article text').inputValue(), text);
    assert.equal(await page.getByLabel('Article date (for relative dates)').inputValue(), '2025-11-07');
  } finally {
    await context.close();
  }
});
