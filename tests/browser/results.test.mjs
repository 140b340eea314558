// What a person sees after checking a text: verdicts in the list, highlights with colour and a
// label in the text shown back, the evidence with its document, outlet and date; the text ⇄ list
// links; Ctrl+Enter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser, findClaim, highlightAt, newPage, openReady, readCorpusSection, readResults, runCheck, server, tagOf, useServerAndBrowser, waitIdle,
} from './harness.mjs';

// An article of our own: one sentence the corpus supports (IFI Today: relations with Israel were
// established in 1992) and one it contradicts (ReOpen Media: more than 600 American companies).
const TRUE_SENTENCE = 'Kazakhstan established diplomatic relations with Israel in 1992.';
const FALSE_SENTENCE = 'More than 900 American companies operate in Kazakhstan.';
const ARTICLE = [
  'Kazakhstan is joining the Abraham Accords, a move its government called a natural step.',
  `Ties with Israel are not new. ${TRUE_SENTENCE}`,
  '',
  `Business ties are deep. ${FALSE_SENTENCE} The weather in Astana was mild.`,
].join('\n');

useServerAndBrowser();

const verdictsOf = (claims) => claims.map((c) => `${c.label} [${c.anchor}] ${c.words}`).join('\n');

test('a true and a false claim are marked supported and contradicted, with evidence', { timeout: 90_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const docs = await readCorpusSection(page);
    assert.ok(docs.length >= 1, 'the corpus section lists no documents');
    for (const doc of docs) {
      assert.ok(doc.title && doc.source && /^\d{4}-\d{2}-\d{2}$/.test(doc.date),
        `a corpus document is shown without title, outlet or date: ${JSON.stringify(doc)}`);
    }
    assert.match(await page.locator('#status').textContent(), new RegExp(`^Ready: ${docs.length} documents? in the corpus`));

    const outcome = await runCheck(page, ARTICLE, { date: '2025-11-07' });
    assert.equal(outcome.kind, 'info', `the check did not finish cleanly: ${outcome.text}`);
    assert.match(outcome.text, /^Done: \d+ claims? found/);

    const results = await readResults(page);
    assert.ok(results.visible, 'the results section is hidden after a check');
    assert.equal(results.shownText, ARTICLE, 'the text shown back is not exactly the text pasted');
    const titles = new Set(docs.map((d) => d.title));
    const outlets = new Set(docs.map((d) => d.source));

    // The true claim: supported, never contradicted, with a supporting corpus sentence.
    const trueClaims = findClaim(results, 'diplomatic relations with Israel in 1992');
    const supported = trueClaims.filter((c) => c.verdictClass === 'v-supported');
    assert.ok(supported.length >= 1,
      `expected "${TRUE_SENTENCE}" to be supported; the list shows:\n${verdictsOf(trueClaims)}`);
    assert.deepEqual(trueClaims.filter((c) => c.verdictClass === 'v-contradicted'), [],
      `a claim of the true sentence is contradicted:\n${verdictsOf(trueClaims)}`);
    // The sentence holds more than one claim (the year, and Israel in its role): take the year's.
    const yes = supported.find((c) => /1992/.test(c.anchor ?? '')) ?? supported[0];
    assert.match(yes.label, /^✓\s*Supported$/);
    assert.ok(yes.explanation.length > 0, 'the supported claim has no explanation');
    const support = yes.evidence.find((e) => e.text.includes('1992') && /Israel/.test(e.text));
    assert.ok(support, `no evidence sentence about 1992 and Israel for the supported claim: ${JSON.stringify(yes.evidence, null, 1)}`);
    assert.equal(support.stance, 'supports');
    assert.equal(support.stanceLabel, 'Supports');
    assert.ok(titles.has(support.title), `evidence title ${JSON.stringify(support.title)} is not a corpus document's`);
    assert.ok(outlets.has(support.source), `evidence outlet ${JSON.stringify(support.source)} is not a corpus outlet`);
    assert.equal(support.date, '2025-11-07');
    assert.equal(support.dateText, '7 November 2025');
    assert.ok(support.visible, 'the supporting evidence is not visible');

    // The false claim: contradicted on its number, with the corpus's 600.
    const falseClaims = findClaim(results, FALSE_SENTENCE.slice(0, -1));
    const contradicted = falseClaims.filter((c) => c.verdictClass === 'v-contradicted');
    assert.ok(contradicted.length >= 1,
      `expected "${FALSE_SENTENCE}" to be contradicted; the list shows:\n${verdictsOf(falseClaims)}`);
    const no = contradicted[0];
    assert.match(no.label, /^✗\s*Contradicted$/);
    assert.match(no.anchor ?? '', /900/, `the contradicted claim does not turn on "900": anchor ${JSON.stringify(no.anchor)}`);
    assert.match(no.explanation, /600/, `the explanation does not give the corpus's figure: ${no.explanation}`);
    const against = no.evidence.find((e) => /600 American companies/.test(e.text));
    assert.ok(against, `no evidence sentence with "600 American companies": ${JSON.stringify(no.evidence, null, 1)}`);
    assert.equal(against.stance, 'contradicts');
    assert.equal(against.source, 'ReOpen Media');
    assert.ok(titles.has(against.title), `evidence title ${JSON.stringify(against.title)} is not a corpus document's`);
    assert.equal(against.date, '2025-11-07');

    // The highlights in the shown text: verdict colour class, plus a tag with the icon and number.
    const at1992 = await highlightAt(page, ARTICLE.indexOf('1992'));
    assert.equal(at1992?.verdict, 'supported', `"1992" is not highlighted as supported: ${JSON.stringify(at1992)}`);
    assert.ok(at1992.classes.includes('v-supported'));
    assert.ok(at1992.claims.includes(yes.n), `the "1992" highlight does not belong to claim ${yes.n}`);
    const yesTag = await tagOf(page, yes.n);
    assert.ok(yesTag?.visible, `claim ${yes.n} has no visible tag in the text`);
    assert.equal(yesTag.verdict, 'supported');
    assert.match(yesTag.drawn, /✓/, `the supported tag shows ${yesTag.drawn}`);
    assert.match(yesTag.ariaLabel, new RegExp(`^Claim ${yes.n}: supported`));

    const at900 = await highlightAt(page, ARTICLE.indexOf('900'));
    assert.equal(at900?.verdict, 'contradicted', `"900" is not highlighted as contradicted: ${JSON.stringify(at900)}`);
    assert.ok(at900.classes.includes('v-contradicted'));
    assert.ok(at900.classes.includes('anchor'), '"900" is not marked as the value the claim turns on');
    const noTag = await tagOf(page, no.n);
    assert.ok(noTag?.visible, `claim ${no.n} has no visible tag in the text`);
    assert.equal(noTag.verdict, 'contradicted');
    assert.match(noTag.drawn, /✗/, `the contradicted tag shows ${noTag.drawn}`);
    assert.match(noTag.ariaLabel, new RegExp(`^Claim ${no.n}: contradicted`));

    // Text with no claim stays plain.
    const atWeather = await highlightAt(page, ARTICLE.indexOf('weather'));
    assert.equal(atWeather?.verdict, null, '"The weather in Astana was mild." is highlighted as a claim');

    // The summary counts what the list shows.
    const count = (cls) => results.claims.filter((c) => c.verdictClass === cls).length;
    assert.match(results.summary, new RegExp(`^${results.claims.length} claims?:`));
    for (const v of ['supported', 'contradicted', 'conflicting', 'unverified']) {
      assert.ok(results.summary.includes(`${count(`v-${v}`)} ${v}`), `the summary "${results.summary}" does not count ${count(`v-${v}`)} ${v}`);
    }

    // Text → list: the tag selects and focuses the claim in the list.
    await page.locator(`#shown-text .tag[data-n="${no.n}"]`).click();
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.id), `claim-${no.n}`);
    assert.ok(await page.locator(`#claim-${no.n}`).evaluate((li) => li.classList.contains('selected')));
    // Clicking the highlighted words does the same.
    await page.locator('#shown-text mark.hl', { hasText: '1992' }).first().click();
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.id), `claim-${yes.n}`);
    // Keyboard: the tag is a button; Enter on it selects the claim.
    await page.locator(`#shown-text .tag[data-n="${no.n}"]`).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.id), `claim-${no.n}`);
    // List → text: the claim's highlights are marked current and its tag takes the focus.
    await page.locator(`#claim-${yes.n} .claim-head`).click();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.n), String(yes.n));
    const current = await page.evaluate(() => [...document.querySelectorAll('#shown-text mark.current')].map((m) => m.textContent).join(''));
    assert.match(current, /1992/, `the selected claim's words are not marked in the text: ${JSON.stringify(current)}`);
  } finally {
    await context.close();
  }
});

test('Ctrl+Enter in the textarea runs the check', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const textarea = page.getByLabel('Article text');
    await textarea.fill(FALSE_SENTENCE);
    await textarea.press('Control+Enter');
    const outcome = await waitIdle(page);
    assert.match(outcome.text, /^Done: /, `Ctrl+Enter did not run a check: ${outcome.text}`);
    const results = await readResults(page);
    assert.equal(results.shownText, FALSE_SENTENCE);
    findClaim(results, 'American companies');
    assert.equal(await textarea.inputValue(), FALSE_SENTENCE, 'Ctrl+Enter changed the text (a newline typed?)');
  } finally {
    await context.close();
  }
});

test('a long report: the list is drawn 200 claims at a time, and every claim is reachable', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openReady(page, server);
    // 120 distinct sentences, several claims each, in paragraphs of six.
    const sentences = Array.from({ length: 120 }, (_, i) =>
      `In ${1901 + i} the group number ${i + 1} had ${1000 + 37 * i} members and ${10 + i} offices.`);
    const text = Array.from({ length: 20 }, (_, p) => sentences.slice(p * 6, p * 6 + 6).join(' ')).join('\n\n');
    const outcome = await runCheck(page, text);
    assert.match(outcome.text, /^Done: /, outcome.text);
    const total = await page.locator('#shown-text .tag').count();
    assert.ok(total > 200, `expected over 200 claims from 120 sentences with 3 numbers each, got ${total}`);
    assert.equal(await page.locator('#claims > li').count(), 200, 'the first page of the list is not 200 claims');
    const more = page.locator('#more-claims');
    assert.ok(await more.isVisible(), 'no "Show more" button under a long list');
    assert.match(await more.textContent(), new RegExp(`^Show ${Math.min(200, total - 200)} more \\(${total - 200} claims? not shown yet\\)$`));
    assert.equal((await readResults(page)).shownText, text);

    // A claim past the first page, chosen in the text, is drawn and selected in the list.
    await page.locator(`#shown-text .tag[data-n="${total}"]`).click();
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.id), `claim-${total}`);
    assert.ok(await page.locator(`#claim-${total}`).isVisible());
    assert.equal(await page.locator('#claims > li').count(), total);
    assert.equal(await more.isVisible(), false, 'the "Show more" button stays after every claim is drawn');
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
