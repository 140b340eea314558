// The evidence panel, filters and the summary: the selected claim with the value it turns on, the
// corpus sentences with theirs, a word diff for quotes, a table when sources conflict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser, findClaim, newPage, openReady, readResults, routeWrappedChecker, runCheck, server, useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser();

const ARTICLE = [
  'Kazakhstan established diplomatic relations with Israel in 1992.',
  'More than 900 American companies operate in Kazakhstan.',
].join('\n');

/** What the evidence panel shows. */
const readPanel = (page) => page.evaluate(() => {
  const panel = document.querySelector('#evidence-panel');
  return {
    head: panel.querySelector('.panel-head')?.textContent.trim() ?? '',
    claim: panel.querySelector('.panel-claim')?.textContent ?? '',
    differs: panel.querySelector('.panel-claim mark.differs')?.textContent ?? null,
    explanation: panel.querySelector('.explanation')?.textContent ?? '',
    evidence: [...panel.querySelectorAll('.evidence > li')].map((li) => ({
      stance: li.dataset.stance,
      text: li.querySelector('blockquote')?.textContent ?? '',
      value: li.querySelector('mark.ev-value')?.textContent ?? null,
      title: li.querySelector('.doc-title')?.textContent ?? '',
      links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      source: li.querySelector('.source')?.textContent ?? '',
      date: li.querySelector('time')?.getAttribute('datetime') ?? '',
    })),
    table: [...panel.querySelectorAll('table.conflicts tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
    diff: [...panel.querySelectorAll('.word-diff del, .word-diff ins')].map((n) => `${n.tagName.toLowerCase()}:${n.textContent.replace(/\[(your text|corpus): |\]/g, '')}`),
  };
});

test('choosing a claim shows its evidence: sentence, document, outlet, date, and what differs', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const outcome = await runCheck(page, ARTICLE, { date: '2025-11-07' });
    assert.match(outcome.text, /^Done: /);
    const results = await readResults(page);
    const no = findClaim(results, 'American companies').find((c) => c.verdictClass === 'v-contradicted');
    assert.ok(no, 'the false claim is not contradicted');

    // Keyboard: Tab reaches the claim's tag in the text, Enter shows its evidence.
    await page.locator(`#shown-text .tag[data-n="${no.n}"]`).focus();
    await page.keyboard.press('Enter');
    const panel = await readPanel(page);
    assert.match(panel.head, /Contradicted/);
    assert.match(panel.head, new RegExp(`Claim ${no.n}`));
    assert.match(panel.differs ?? '', /900/, `the claim's differing value is not highlighted: ${JSON.stringify(panel)}`);
    assert.match(panel.explanation, /600/);
    const against = panel.evidence.find((e) => /600 American companies/.test(e.text));
    assert.ok(against, `no corpus sentence with 600 in the panel: ${JSON.stringify(panel.evidence)}`);
    assert.equal(against.stance, 'contradicts');
    assert.match(against.value ?? '', /600/, 'the corpus sentence\'s value is not highlighted');
    assert.equal(against.source, 'ReOpen Media');
    assert.equal(against.date, '2025-11-07');
    assert.ok(against.title.length > 0);

    // The list stays in step: the same claim is selected there.
    assert.ok(await page.locator(`#claim-${no.n}`).evaluate((li) => li.classList.contains('selected')));
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('filters by verdict and by kind hide claims in the list and in the text', { timeout: 90_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    await runCheck(page, ARTICLE, { date: '2025-11-07' });
    const total = await page.locator('#claims > li').count();
    const supported = await page.locator('#claims > li.v-supported').count();
    assert.ok(supported >= 1 && total > supported);

    await page.getByLabel(/Supported \(\d+\)/).uncheck();
    assert.equal(await page.locator('#claims > li.v-supported:visible').count(), 0, 'supported claims still listed');
    assert.equal(await page.locator('#shown-text .tag[data-verdict="supported"]:visible').count(), 0, 'supported tags still shown');
    assert.equal(await page.locator('#claims > li:visible').count(), total - supported);
    assert.match(await page.locator('#filter-note').textContent(), new RegExp(`^Showing ${total - supported} of ${total} claims`));
    // A highlight only supported claims cover is no longer coloured.
    const plain = await page.evaluate(() => {
      const m = [...document.querySelectorAll('#shown-text mark.hl')].find((x) => x.textContent.includes('1992'));
      return m ? { filtered: m.classList.contains('filtered'), bg: getComputedStyle(m).backgroundColor } : null;
    });
    assert.ok(plain?.filtered, 'the supported highlight is still shown');
    assert.equal(plain.bg, 'rgba(0, 0, 0, 0)');

    await page.getByLabel(/Supported \(\d+\)/).check();
    assert.equal(await page.locator('#claims > li:visible').count(), total);
    // By kind: each kind box hides exactly the claims of that kind.
    const kinds = await page.locator('#kind-filter input').evaluateAll((inputs) => inputs.map((i) => i.value));
    assert.ok(kinds.length >= 1);
    const kind = kinds[0];
    const ofKind = await page.locator(`#claims > li[data-kind="${kind}"]`).count();
    await page.locator(`#filter-kind-${kind}`).uncheck();
    assert.equal(await page.locator('#claims > li:visible').count(), total - ofKind);
    assert.equal(await page.locator(`#claims > li[data-kind="${kind}"]:visible`).count(), 0);
  } finally {
    await context.close();
  }
});

// A checker whose report for texts with MOCK is made here: conflicting sources, a misquote, and
// hostile strings in the corpus fields (markup, a javascript: URL) that must stay text.
const MOCK_PRELUDE = `
  const span = (text, part) => { const s = text.indexOf(part); return { start: s, end: s + part.length }; };
  const ev = (source, text, value, stance, extra = {}) => {
    const a = span(text, value);
    return { document: source, title: 'Title of ' + source, source, url: null, published: '2025-11-07', text,
      start: 100, end: 100 + text.length, anchor: { start: 100 + a.start, end: 100 + a.end }, stance, ...extra };
  };`;
const MOCK_METHODS = `
    corpusInfo() { return this.inner.corpusInfo(); }
    check(text, options) {
      if (!text.includes('MOCK')) return this.inner.check(text, options);
      const s1 = 'Exports reached $5 billion last year.';
      const s2 = '"We will soon announce a signing ceremony to make it final," Trump wrote.';
      const q = 'We will soon announce a signing ceremony to make it final';
      return {
        engine: { name: 'corroborate', version: 'mock' }, corpus: { id: 'mock', documents: 3 },
        claims: [
          { id: 'c1', ...span(text, s1), text: s1, kind: 'money', anchor: span(text, '$5 billion'), subject: null,
            verdict: 'conflicting', confidence: 0.5, mismatch: null, explanation: 'The sources disagree.',
            evidence: [
              ev('Outlet A', 'Exports reached $4 billion last year.', '$4 billion', 'related',
                { title: '<img src=x onerror="window.__pwned=1">', url: 'javascript:window.__pwned=1' }),
              ev('Outlet B', 'Exports reached $6 billion in the year.', '$6 billion', 'related', { url: 'https://example.org/b' }),
            ] },
          { id: 'c2', ...span(text, s2), text: s2, kind: 'quote', anchor: span(text, q), subject: null,
            verdict: 'contradicted', confidence: 0.9, mismatch: 'wording', explanation: 'The words differ.',
            evidence: [ev('Outlet C', '"We will soon announce a signing ceremony to make it official," Trump wrote.',
              'We will soon announce a signing ceremony to make it official', 'contradicts')] },
        ],
        summary: { supported: 0, contradicted: 1, conflicting: 1, unverified: 0 },
      };
    }`;

test('conflicting sources: a table of each value; a misquote: a word diff; corpus fields stay text', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await routeWrappedChecker(context, MOCK_METHODS, { prelude: MOCK_PRELUDE });
    await openReady(page, server);
    const text = 'MOCK. Exports reached $5 billion last year. "We will soon announce a signing ceremony to make it final," Trump wrote.';
    const outcome = await runCheck(page, text);
    assert.match(outcome.text, /^Done: 2 claims/);

    await page.locator('#shown-text .tag[data-n="1"]').click();
    let panel = await readPanel(page);
    assert.match(panel.head, /Conflicting/);
    assert.deepEqual(panel.table, [
      ['Outlet A', '7 November 2025', '$4 billion', 'Related'],
      ['Outlet B', '7 November 2025', '$6 billion', 'Related'],
    ]);
    assert.equal(panel.evidence[0].title, '<img src=x onerror="window.__pwned=1">', 'a title with markup is not shown as text');
    assert.deepEqual(panel.evidence[0].links, [], 'a javascript: URL became a link');
    assert.deepEqual(panel.evidence[1].links, ['https://example.org/b']);
    assert.equal(panel.evidence[0].value, '$4 billion');

    await page.locator('#claims .claim-head').nth(1).click();
    panel = await readPanel(page);
    assert.match(panel.head, /Contradicted/);
    assert.deepEqual(panel.diff, ['del:final', 'ins:official']);

    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#results img, #evidence-panel img').count(), 0);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the summary bar counts each verdict and the status line announces them', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const outcome = await runCheck(page, ARTICLE, { date: '2025-11-07' });
    const results = await readResults(page);
    const count = (v) => results.claims.filter((c) => c.verdictClass === `v-${v}`).length;
    for (const v of ['supported', 'contradicted', 'conflicting', 'unverified']) {
      assert.ok(results.summary.includes(`${count(v)} ${v}`), results.summary);
      assert.ok(outcome.text.includes(`${count(v)} ${v}`), `the announcement "${outcome.text}" does not count ${v}`);
    }
    const live = await page.locator('#status').evaluate((s) => [s.getAttribute('role'), s.getAttribute('aria-live')]);
    assert.deepEqual(live, ['status', 'polite']);
  } finally {
    await context.close();
  }
});
