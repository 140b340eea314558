// Taking results away: JSON, Markdown, ClaimReview JSON-LD and a self-contained HTML report,
// copied or downloaded; the same bytes as `corroborate check --format ...` for the same text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import {
  browser, newPage, openReady, ROOT, runCheck, server, useServerAndBrowser,
} from './harness.mjs';

const CLI = `${ROOT}target/release/corroborate`;

useServerAndBrowser();
before(() => assert.ok(existsSync(CLI), `no CLI at ${CLI}: run \`npm run build\``));

const TEXT = 'Café owners 🙂 <b>say</b> more than 900 American companies operate in Kazakhstan.\nKazakhstan established diplomatic relations with Israel in 1992.';
const DATE = '2025-11-07';

function cli(format) {
  return execFileSync(CLI, ['check', '-', '--date', DATE, '--format', format], { input: TEXT, encoding: 'utf8' });
}

async function exported(page, format) {
  await page.locator('#export-format').selectOption(format);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0, null, { timeout: 10_000 });
  // The page says so once the clipboard's promise settles, a moment after the text is there.
  await page.waitForFunction(() => /^Copied the /.test(document.querySelector('#status')?.textContent ?? ''), null, { timeout: 10_000 });
  return page.evaluate(() => navigator.clipboard.readText());
}

test('each export, copied from the page, is what the CLI gives for the same text', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await openReady(page, server);
    const outcome = await runCheck(page, TEXT, { date: DATE });
    assert.match(outcome.text, /^Done: /);

    // The same document (JavaScript writes the number 1.0 as 1, so compare values, not bytes).
    const json = await exported(page, 'json');
    const report = JSON.parse(json);
    assert.deepEqual(report, JSON.parse(cli('json')), 'the JSON export differs from `check --format json`');
    assert.ok(report.engine.version && report.corpus.id, 'the report does not record engine version and corpus id');

    assert.equal(await exported(page, 'markdown'), cli('markdown'), 'the Markdown export differs from the CLI\'s');
    assert.equal(await exported(page, 'html'), cli('html'), 'the HTML export differs from the CLI\'s');

    const review = JSON.parse(await exported(page, 'claimreview'));
    const fromCli = JSON.parse(cli('claimreview'));
    // The page knows its own address; the CLI gives the fragment alone.
    for (const r of review['@graph']) {
      assert.ok(r.url.startsWith(`${server.url}/#claim-`), r.url);
      r.url = r.url.slice(r.url.indexOf('#'));
    }
    assert.deepEqual(review, fromCli);
    const first = review['@graph'][0];
    for (const key of ['claimReviewed', 'reviewRating', 'itemReviewed', 'author', 'datePublished', 'url']) {
      assert.ok(key in first, `ClaimReview without ${key}`);
    }
    assert.ok(first.reviewRating.alternateName);
    assert.equal(first.itemReviewed['@type'], 'Claim');
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.offOrigin, []);
  } finally {
    await context.close();
  }
});

test('the HTML report downloads as one inert file that shows the verdicts', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    await runCheck(page, TEXT, { date: DATE });
    await page.locator('#export-format').selectOption('html');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'corroborate-report.html');
    const html = readFileSync(await download.path(), 'utf8');
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;b&gt;say&lt;\/b&gt;/, 'markup from the text is not escaped');

    // Open it as a page of its own: its CSP lets nothing run or load, and it shows the claims.
    const report = await context.newPage();
    const blocked = [];
    report.on('console', (m) => { if (m.type() === 'error') blocked.push(m.text()); });
    await report.setContent(html);
    const seen = await report.evaluate(() => ({
      items: [...document.querySelectorAll('li.claim')].map((li) => li.className),
      bold: document.querySelectorAll('.text b').length,
      styled: getComputedStyle(document.querySelector('li.claim')).borderLeftStyle,
    }));
    assert.ok(seen.items.some((c) => c.includes('v-contradicted')));
    assert.ok(seen.items.some((c) => c.includes('v-supported')));
    assert.equal(seen.bold, 0);
    assert.equal(seen.styled, 'solid', 'the report\'s own style (allowed by hash) did not apply');
    assert.deepEqual(blocked, [], 'the report\'s CSP blocked something of its own');
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

for (const [format, ext] of [['json', 'json'], ['markdown', 'md'], ['claimreview', 'claimreview.jsonld']]) {
  test(`the ${format} export downloads as corroborate-report.${ext}`, { timeout: 60_000 }, async () => {
    const { page, context } = await newPage(browser, server);
    try {
      await openReady(page, server);
      await runCheck(page, TEXT, { date: DATE });
      await page.locator('#export-format').selectOption(format);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `corroborate-report.${ext}`);
      const body = readFileSync(await download.path(), 'utf8');
      if (format === 'markdown') assert.equal(body, cli('markdown'));
      else JSON.parse(body);
    } finally {
      await context.close();
    }
  });
}
