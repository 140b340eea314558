// Getting a text in: a file (.txt, .md, .html) opened or dropped, the sample article, a share
// link; long texts show progress and can be stopped. Markup in files and links stays text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser, findClaim, newPage, openReady, readResults, routeWrappedChecker, runCheck, server, statusOf, useServerAndBrowser, waitIdle, waitReady,
} from './harness.mjs';

useServerAndBrowser();

const HOSTILE_HTML = `<!doctype html><html><head><title>Trade news</title>
<script>window.__pwned = 1</script><style>body { display: none }</style></head>
<body><h1>Business ties</h1>
<p>More than 900 American companies operate in Kazakhstan.<img src="x" onerror="window.__pwned = 2"></p>
<p><a href="javascript:window.__pwned = 3">Read more</a> about <b>trade</b>.</p>
<iframe src="https://example.org/"></iframe>
</body></html>`;

test('an HTML file is read as text: its scripts, handlers and links never run', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    await page.locator('#file').setInputFiles({ name: 'news.html', mimeType: 'text/html', buffer: Buffer.from(HOSTILE_HTML) });
    await page.waitForFunction(() => document.querySelector('#text').value.length > 0);
    const text = await page.locator('#text').inputValue();
    assert.match(text, /^Trade news\n\nBusiness ties\n\nMore than 900 American companies operate in Kazakhstan\./);
    assert.match(text, /Read more about trade\./);
    assert.doesNotMatch(text, /<|__pwned|display: none/, `markup or script text got into the box: ${text}`);
    assert.match((await statusOf(page)).text, /^Opened news\.html/);
    const outcome = await runCheck(page, text);
    assert.match(outcome.text, /^Done: /);
    findClaim(await readResults(page), 'American companies');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'something in the HTML file ran');
    assert.equal(problems.requests.filter((u) => /\/x$|example\.org/.test(u)).length, 0, 'the file\'s image or frame was fetched');
    assert.deepEqual(problems.offOrigin, []);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('.txt and .md files open as they are; binary and non-UTF-8 files are refused with a message', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const md = '# Notes\n\nKazakhstan established diplomatic relations with Israel in 1992. <script>x</script>';
    await page.locator('#file').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
    await page.waitForFunction((t) => document.querySelector('#text').value === t, md);

    const before = await page.locator('#text').inputValue();
    await page.locator('#file').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x00, 0x47]) });
    await page.waitForFunction(() => document.querySelector('#status').dataset.kind === 'error');
    assert.equal((await statusOf(page)).text, 'photo.txt contains NUL bytes: it is binary data, not text.');
    assert.equal(await page.locator('#text').inputValue(), before, 'a refused file changed the text');

    await page.locator('#file').setInputFiles({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9]) });
    await page.waitForFunction(() => /UTF-8/.test(document.querySelector('#status').textContent));
    assert.equal((await statusOf(page)).text, 'latin1.txt is not UTF-8 text; save it as UTF-8 and open it again.');

    await page.locator('#file').setInputFiles({ name: 'sheet.xlsx', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('PK') });
    await page.waitForFunction(() => /not a text file/.test(document.querySelector('#status').textContent));
    assert.equal(await page.locator('#text').inputValue(), before);
  } finally {
    await context.close();
  }
});

test('a file dropped on the text box is opened', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const text = 'More than 900 American companies operate in Kazakhstan.';
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
      return dt;
    }, text);
    await page.locator('#drop-zone').dispatchEvent('dragover', { dataTransfer });
    await page.locator('#drop-zone').dispatchEvent('drop', { dataTransfer });
    await page.waitForFunction((t) => document.querySelector('#text').value === t, text);
    assert.match((await statusOf(page)).text, /^Opened dropped\.txt/);
  } finally {
    await context.close();
  }
});

test('the sample article button fills the text and the date; Ctrl+Enter checks it', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    await page.getByRole('button', { name: 'Sample article' }).click();
    const text = await page.locator('#text').inputValue();
    assert.ok(text.length > 200);
    assert.equal(await page.locator('#date').inputValue(), '2025-11-07');
    await page.locator('#text').press('Control+Enter');
    const outcome = await waitIdle(page);
    assert.match(outcome.text, /^Done: /);
    const results = await readResults(page);
    assert.ok(results.claims.some((c) => c.verdictClass === 'v-contradicted'), 'the sample has no contradicted claim');
    assert.ok(results.claims.some((c) => c.verdictClass === 'v-supported'), 'the sample has no supported claim');
  } finally {
    await context.close();
  }
});

test('a share link carries the text in its fragment; opening it checks that text, as text', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await openReady(page, server);
    const text = 'More than 900 American companies operate in Kazakhstan. <img src=x onerror="window.__pwned=1"> javascript:alert(1) 🙂';
    await page.locator('#text').fill(text);
    await page.locator('#date').fill('2025-11-07');
    await page.getByRole('button', { name: 'Check' }).click();
    await waitIdle(page);
    await page.getByRole('button', { name: 'Copy a share link' }).click();
    await page.waitForFunction(() => /link/.test(document.querySelector('#status').textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, await page.evaluate(() => location.href));
    const url = new URL(link);
    assert.equal(url.pathname, '/');
    assert.equal(url.search, '', 'the text went into the query string, which is sent to the server');
    assert.match(url.hash, /^#z=[A-Za-z0-9_-]+&date=2025-11-07$/);
    // No request ever carried the text.
    assert.ok(problems.requests.every((u) => !u.includes('z=')), 'a request carried the share fragment');

    const { page: other, context: otherContext, problems: otherProblems } = await newPage(browser, server);
    try {
      await other.goto(link);
      await waitReady(other).catch(() => {});
      const outcome = await waitIdle(other);
      assert.match(outcome.text, /^Done: /, `opening the link did not check its text: ${outcome.text}`);
      assert.equal(await other.locator('#text').inputValue(), text);
      assert.equal(await other.locator('#date').inputValue(), '2025-11-07');
      assert.equal((await readResults(other)).shownText, text);
      await other.waitForTimeout(300);
      assert.equal(await other.evaluate(() => window.__pwned), undefined);
      assert.equal(await other.locator('#results img').count(), 0);
      assert.ok(otherProblems.requests.every((u) => !u.includes('z=')));

      // A text too long for a link: a message, no link.
      const long = Array.from({ length: 3000 }, (_, i) => `Sentence ${i} says ${i * 7919 % 104729} things.`).join(' ');
      await other.locator('#text').fill(long);
      await other.getByRole('button', { name: 'Copy a share link' }).click();
      await other.waitForFunction(() => /too long for a link/.test(document.querySelector('#status').textContent));
      assert.match(await other.locator('#status').textContent(), /^This text is too long for a link \([\d,]+ characters; at most 8,000\)/);

      // A damaged link: a message, nothing changed.
      await other.goto(`${server.url}/#z=%%%broken`);
      await other.waitForFunction(() => /damaged/.test(document.querySelector('#status').textContent));
    } finally {
      await otherContext.close();
    }
  } finally {
    await context.close();
  }
});

test('a long text is checked in parts with progress, can be stopped, and its claims land in place', { timeout: 180_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const paragraph = (i) => `Report ${i}. More than 900 American companies operate in Kazakhstan. Kazakhstan established diplomatic relations with Israel in 1992.`;
    const text = Array.from({ length: 3000 }, (_, i) => paragraph(i + 1)).join('\n\n');
    assert.ok(text.length > 300_000);
    await page.evaluate((t) => { document.querySelector('#text').value = t; }, text);
    await page.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => !document.querySelector('#progress').hidden, null, { timeout: 60_000 });
    const progress = await page.locator('#progress').evaluate((p) => ({ max: p.max, value: p.value }));
    assert.ok(progress.max >= 3, `expected several parts, got ${JSON.stringify(progress)}`);
    assert.match((await statusOf(page)).text, /^Checking… part \d+ of \d+$/);
    await page.getByRole('button', { name: 'Stop' }).click();
    assert.equal((await statusOf(page)).text, 'Stopped. Your text is kept; press Check to try again.');
    assert.equal(await page.locator('#progress').isVisible(), false);
    assert.equal((await page.locator('#text').inputValue()).length, text.length);

    // Now to the end: every claim's words are the text's words at its offsets.
    await page.getByRole('button', { name: 'Check' }).click();
    const outcome = await waitIdle(page);
    assert.match(outcome.text, /^Done: /);
    const check = await page.evaluate(() => {
      const text = document.querySelector('#text').value;
      const last = [...document.querySelectorAll('#shown-text mark.hl.anchor')].at(-1);
      return { shown: document.querySelector('#shown-text').textContent === text, last: last?.textContent, tags: document.querySelectorAll('#shown-text .tag').length };
    });
    assert.ok(check.shown, 'the shown text is not the text');
    assert.equal(check.last, '1992', 'the last claim of the last part is not on its words');
    assert.ok(check.tags >= 6000, `expected two claims per paragraph, got ${check.tags}`);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a long text without an article date: every part places relative dates by the date at its top', { timeout: 120_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    // The real checker, with each check's date option written to the worker's console.
    await routeWrappedChecker(context, `
      corpusInfo() { return this.inner.corpusInfo(); }
      extract(text, options) { return this.inner.extract(text, options); }
      check(text, options) { console.log('check-date ' + (options?.date ?? 'none')); return this.inner.check(text, options); }`);
    const dates = [];
    page.on('worker', (w) => w.on('console', (m) => { if (m.text().startsWith('check-date ')) dates.push(m.text().slice(11)); }));
    await openReady(page, server);
    const body = Array.from({ length: 2500 }, (_, i) => `Item ${i + 1}. More than 900 American companies operate in Kazakhstan, up from last year.`).join('\n\n');
    const text = `Astana, 7 November 2025\n\n${body}`;
    assert.ok(text.length > 200_000);
    await page.evaluate((t) => { document.querySelector('#text').value = t; }, text);
    await page.getByRole('button', { name: 'Check' }).click();
    const outcome = await waitIdle(page);
    assert.match(outcome.text, /^Done: /);
    assert.ok(dates.length >= 2, `expected the text in parts, saw ${dates.length} check(s)`);
    assert.deepEqual([...new Set(dates)], ['2025-11-07'], `the parts were checked with dates ${dates.join(', ')}`);
  } finally {
    await context.close();
  }
});
