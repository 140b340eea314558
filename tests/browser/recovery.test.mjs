// Recovery and limits (issue 7): a wasm trap restarts the checker, which gets your documents
// again; IndexedDB unavailable, full or damaged gives a clear message while the shipped corpus
// keeps working and nothing of yours is lost; too large a text, too large a document and too
// many documents are refused with a message, and everything else keeps working.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  browser, newPage, openReady, panelStatus, readResults, routeWrappedChecker, runCheck, server, useServerAndBrowser, waitReady,
} from './harness.mjs';

useServerAndBrowser();

const ACME = `---
title: Acme posts record year
source: Test Wire
published: 2024-03-02
---
Acme Holdings opened 40 stores in Norland in 2023.
`;
/** Contradicted by ACME (40, not 45); the shipped corpus supports the second sentence. */
const CHECK = 'Acme Holdings opened 45 stores in Norland in 2023. More than 600 American companies operate in Kazakhstan.';

/** Wraps the real wasm module: its check traps, as a Rust panic does under panic = "abort", on 'TRAP'. */
async function routeTrappingChecker(context) {
  await routeWrappedChecker(context, `
    check(text, options) {
      if (text.includes('TRAP')) throw new WebAssembly.RuntimeError('unreachable');
      return this.inner.check(text, options);
    }`);
}

/** Your documents' titles, once the list shows `count` of them. */
async function yourTitles(page, count = 1) {
  await page.waitForFunction((n) => document.querySelectorAll('#corpus-yours > li[data-id]').length === n, count, { timeout: 30_000 });
  return page.locator('#corpus-yours > li[data-id] cite').allTextContents();
}

async function openPanel(page) {
  await openReady(page, server);
  await page.waitForFunction(() => document.querySelectorAll('#corpus-shipped > li[data-id]').length > 0, null, { timeout: 30_000 });
}

async function addAcme(page) {
  await page.setInputFiles('#corpus-files', { name: 'acme.md', mimeType: 'text/markdown', buffer: Buffer.from(ACME) });
}

/** Checks CHECK: your document (ACME) and the shipped corpus are both used. */
async function assertBothCorporaUsed(page) {
  const outcome = await runCheck(page, CHECK);
  assert.match(outcome.text, /^Done: /, outcome.text);
  const claims = (await readResults(page)).claims;
  const acme = claims.find((c) => c.anchor === '45');
  assert.equal(acme?.verdictClass, 'v-contradicted', JSON.stringify(claims, null, 1));
  assert.equal(acme.evidence[0].title, 'Acme posts record year');
  assert.equal(claims.find((c) => c.anchor === 'More than 600')?.verdictClass, 'v-supported', 'the shipped corpus is not used');
}

async function assertShippedWorks(page) {
  const outcome = await runCheck(page, 'More than 600 American companies operate in Kazakhstan.');
  assert.match(outcome.text, /^Done: /, outcome.text);
  const claims = (await readResults(page)).claims;
  assert.equal(claims.find((c) => c.anchor === 'More than 600')?.verdictClass, 'v-supported', JSON.stringify(claims));
}

/** A wasm trap: the crash message, the text kept, and the new checker has your documents. */
async function crashAndRecover(page, loaded) {
  const text = 'TRAP: Acme Holdings opened 45 stores in Norland in 2023.';
  const outcome = await runCheck(page, text);
  assert.equal(outcome.text, 'The checker stopped unexpectedly: RuntimeError: unreachable. Your text is kept; press Check to try again.');
  assert.equal(await page.locator('#text').inputValue(), text, 'the textarea lost the text');
  await panelStatus(page, loaded);
  assert.deepEqual(await yourTitles(page), ['Acme posts record year']);
  await assertBothCorporaUsed(page);
}

test('a wasm trap: a new checker starts by itself and gets your stored documents', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await routeTrappingChecker(context);
    await openPanel(page);
    await addAcme(page);
    assert.equal(await panelStatus(page, /^Added/), 'Added 1 document.');
    await crashAndRecover(page, /^Loaded your 1 document\.$/);
    // And after a second one.
    await crashAndRecover(page, /^Loaded your 1 document\.$/);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

for (const [name, script] of [
  ['IndexedDB undefined', () => { Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }); }],
  ['indexedDB.open throws (private mode)', () => {
    IDBFactory.prototype.open = function open() { throw new DOMException('The operation is insecure.', 'SecurityError'); };
  }],
]) {
  test(`no IndexedDB (${name}): a message, the shipped corpus works, added documents last the session`, { timeout: 120_000 }, async () => {
    const { page, context, problems } = await newPage(browser, server);
    try {
      await context.addInitScript(script);
      await routeTrappingChecker(context);
      await openPanel(page);
      const said = await panelStatus(page, /cannot be kept/);
      assert.match(said, /Your documents cannot be kept in this browser: .+\. The shipped corpus works; documents you add are kept only until this page is closed\./);
      assert.equal(await page.locator('#corpus-status').getAttribute('data-kind'), 'error');
      await assertShippedWorks(page);

      await addAcme(page);
      assert.match(await panelStatus(page, /^Added/),
        /^Added 1 document\. This browser cannot keep documents \(.+\), so it is kept only until this page is closed: export it to keep it\.$/);
      await assertBothCorporaUsed(page);
      // A crash does not lose it: the new checker is given it from this session.
      await crashAndRecover(page, /^Loaded your 1 document\. Your documents cannot be kept in this browser.*1 document of yours could not be saved/);
      assert.deepEqual(problems.pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

test('quota exceeded: the document is kept for this session, said so, exportable, and survives a crash', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await context.addInitScript(() => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await routeTrappingChecker(context);
    await openPanel(page);
    await addAcme(page);
    const said = await panelStatus(page, /^Added/);
    assert.equal(said, 'Added 1 document. It could not be saved in this browser (the browser’s storage for this page is full (quota exceeded)), so it is kept only until this page is closed: export it to keep it.');
    assert.deepEqual(await yourTitles(page), ['Acme posts record year']);
    await assertBothCorporaUsed(page);

    // The export has it, whole.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#corpus-export').click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(exported.documents.map((d) => [d.name, d.text]), [['acme.md', ACME]]);

    await crashAndRecover(page, /^Loaded your 1 document\. 1 document of yours could not be saved in this browser and it is kept only until this page is closed/);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a damaged store: the damaged records are named and left alone, the rest load and work', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openPanel(page);
    // Write the store as something else might have: two records of the wrong shape, one good.
    await page.evaluate((acme) => new Promise((resolve, reject) => {
      const req = indexedDB.open('corroborate', 1);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const t = req.result.transaction('documents', 'readwrite');
        const store = t.objectStore('documents');
        store.put({ name: 'bad.md', text: 42 });
        store.put({ name: 7, body: 'no text' });
        store.put({ name: 'acme.md', text: acme, added: '2024-01-01T00:00:00.000Z' });
        t.oncomplete = () => { req.result.close(); resolve(); };
        t.onerror = () => reject(t.error);
      };
    }), ACME);
    await page.reload();
    await waitReady(page);
    assert.equal(await panelStatus(page, /^Loaded/), 'Loaded your 1 document; 2 stored documents damaged and not loaded (see below).');
    const listedProblems = await page.locator('#corpus-problems li').allTextContents();
    assert.deepEqual(listedProblems.sort(), [
      'Stored document "7" is damaged (it has no name or no text) and was not loaded; it is left in the store as it is.',
      'Stored document "bad.md" is damaged (it has no name or no text) and was not loaded; it is left in the store as it is.',
    ]);
    assert.deepEqual(await yourTitles(page), ['Acme posts record year']);
    await assertBothCorporaUsed(page);
    // Nothing was deleted.
    const count = await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('corroborate', 1);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const r = req.result.transaction('documents').objectStore('documents').count();
        r.onsuccess = () => resolve(r.result);
      };
    }));
    assert.equal(count, 3);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('an unreadable store: a message, the shipped corpus works', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await context.addInitScript(() => {
      IDBObjectStore.prototype.getAll = function getAll() { throw new DOMException('Failed to read large IndexedDB value', 'DataError'); };
    });
    await openPanel(page);
    assert.match(await panelStatus(page, /cannot be kept/),
      /^Your documents cannot be kept in this browser: the documents kept in this browser could not be read \(Failed to read large IndexedDB value\); the store may be damaged\./);
    await assertShippedWorks(page);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a stored document that stops the checker: not given to the new one, kept, and the page works', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    // As routeTrappingChecker, but indexing a document that holds 'TRAPDOC' traps.
    await routeWrappedChecker(context, `
      addDocument(name, text) {
        if (text.includes('TRAPDOC')) throw new WebAssembly.RuntimeError('unreachable');
        return this.inner.addDocument(name, text);
      }`);
    await openPanel(page);
    const poison = ACME.replace('Acme Holdings opened 40', 'TRAPDOC Acme Holdings opened 40');
    await page.evaluate((text) => new Promise((resolve, reject) => {
      const req = indexedDB.open('corroborate', 1);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const t = req.result.transaction('documents', 'readwrite');
        t.objectStore('documents').put({ name: 'poison.md', text, added: '2024-01-01T00:00:00.000Z' });
        t.oncomplete = () => { req.result.close(); resolve(); };
        t.onerror = () => reject(t.error);
      };
    }), poison);
    await page.reload();
    assert.equal(await panelStatus(page, /stopped while/),
      'The checker stopped while it was loading your documents, so they were not loaded this time. They are still kept in this browser: reload the page to try again, or export them.');
    // The page said the checker stopped, and the new one works.
    assert.match(await page.locator('#status').textContent(), /^The checker stopped unexpectedly: RuntimeError: unreachable\./);
    await assertShippedWorks(page);
    const kept = await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('corroborate', 1);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const r = req.result.transaction('documents').objectStore('documents').getAllKeys();
        r.onsuccess = () => resolve(r.result);
      };
    }));
    assert.deepEqual(kept, ['poison.md'], 'the stored document was lost');
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

/** Sets a file input's files to File objects made in the page (no 50 MB through the protocol). */
function pickInPage(page, selector, make) {
  return page.evaluate(({ selector, source }) => {
    // eslint-disable-next-line no-new-func
    const files = new Function(`return (${source})();`)();
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    const input = document.querySelector(selector);
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, { selector, source: make.toString() });
}

test('limits: too large a text, too large a document, too many documents; the rest keeps working', { timeout: 240_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openPanel(page);
    await addAcme(page);
    await panelStatus(page, /^Added 1 document\.$/);

    // A text over 2,000,000 characters: refused, kept in the textarea.
    await page.locator('#text').evaluate((t) => { t.value = 'Acme Holdings opened 45 stores. '.repeat(62_501); });
    await page.getByRole('button', { name: 'Check' }).click();
    const refused = await page.locator('#status').textContent();
    assert.equal(refused, 'The text is 2,000,032 characters long; the checker takes at most 2,000,000. Check a shorter part of it.');
    assert.equal((await page.locator('#text').inputValue()).length, 2_000_032);

    // A 51 MB file: refused by name and size.
    await pickInPage(page, '#corpus-files', () => [new File(['a'.repeat(51 * 1024 * 1024)], 'huge.txt', { type: 'text/plain' })]);
    assert.equal(await panelStatus(page, /^No document added/), 'No document added: 1 file refused (see below).');
    assert.deepEqual(await page.locator('#corpus-problems li').allTextContents(),
      ['huge.txt: 51.0 MB is over the limit of 50 MB per document; split it into smaller documents']);
    // The same inside an import (no file size to look at: the page measures the text).
    await pickInPage(page, '#corpus-import-file', () => [new File([JSON.stringify({
      format: 'corroborate-documents', version: 1, documents: [{ name: 'inside.md', text: `---\ntitle: T\nsource: S\npublished: 2024-01-01\n---\n${'é'.repeat(26 * 1024 * 1024)}` }],
    })], 'big-export.json', { type: 'application/json' })]);
    await page.waitForFunction(() => /^inside\.md/.test(document.querySelector('#corpus-problems li')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.equal(await panelStatus(page, /^No document added/), 'No document added: 1 file refused (see below).');
    assert.match((await page.locator('#corpus-problems li').allTextContents())[0],
      /^inside\.md: 52\.0 MB is over the limit of 50 MB per document/);

    // 1,000 documents at most: an import of 1,000 more takes 999 (with acme.md, 1,000).
    await pickInPage(page, '#corpus-import-file', () => [new File([JSON.stringify({
      format: 'corroborate-documents',
      version: 1,
      documents: Array.from({ length: 1000 }, (_, i) => ({
        name: `many-${String(i).padStart(4, '0')}.md`,
        text: `---\ntitle: Note ${i}\nsource: Notes\npublished: 2024-01-01\n---\nNote ${i} says Zeta Mills has ${i + 1} looms.\n`,
      })),
    })], 'many.json', { type: 'application/json' })]);
    assert.equal(await panelStatus(page, /^Added/), 'Added 999 documents; 1 file refused (see below).');
    assert.deepEqual(await page.locator('#corpus-problems li').allTextContents(),
      ['many-0999.md: not added: you already have 1,000 documents, the most this page keeps; remove some first']);
    await page.waitForFunction(() => document.querySelectorAll('#corpus-yours > li[data-id]').length === 1000, null, { timeout: 60_000 });
    assert.match(await page.locator('#corpus-summary').textContent(), / and 1,000 documents of yours\./);

    // One more: refused. Remove one, and it goes in.
    await page.locator('.corpus-paste-box > summary').click();
    await page.locator('#corpus-paste-title').fill('Delta Steel');
    await page.locator('#corpus-paste-source').fill('Metal News');
    await page.locator('#corpus-paste-date').fill('2024-02-02');
    await page.locator('#corpus-paste-text').fill('Delta Steel runs 12 mills in Norland.');
    await page.locator('#corpus-paste-add').click();
    await page.waitForFunction(() => /^delta-steel/.test(document.querySelector('#corpus-problems li')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.equal(await panelStatus(page, /^No document added/), 'No document added: 1 file refused (see below).');
    assert.match((await page.locator('#corpus-problems li').allTextContents())[0], /^delta-steel\.md: not added: you already have 1,000 documents/);
    assert.equal(await page.locator('#corpus-paste-title').inputValue(), 'Delta Steel', 'the refused pasted document was dropped from the form');
    await page.locator('#corpus-yours li', { hasText: 'Note 0' }).first().getByRole('button', { name: 'Remove' }).click();
    await panelStatus(page, /^Removed 1 document\.$/);
    await page.locator('#corpus-paste-add').click();
    assert.equal(await panelStatus(page, /^Added/), 'Added 1 document.');

    // Everything else still works: your documents and the shipped corpus.
    await assertBothCorporaUsed(page);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
