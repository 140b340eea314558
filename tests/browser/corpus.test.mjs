// The corpus panel: your documents added by file picker, drag and drop and paste (with progress,
// and refusals that name the file), used by checks and named in the evidence, read back, kept
// across reloads (IndexedDB), removed, exported to one file and imported back without loss; and
// a corrupt shard of the shipped corpus gives a clear message, not a blank page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  browser, newPage, openReady, panelStatus, readResults, runCheck, server, useServerAndBrowser, waitReady,
} from './harness.mjs';

useServerAndBrowser();

const ACME = `---
title: Acme posts record year
source: Test Wire
published: 2024-03-02
---
Acme Holdings opened 40 stores in Norland in 2023.

Acme Holdings reported revenue of $2.5 billion in 2023.
`;
const RAIL_HTML = `<!doctype html><html><head><title>Beta Rail grows</title>
<meta property="og:site_name" content="Rail Review">
<meta property="article:published_time" content="2024-05-10">
<script>document.title = "Beta Rail operates 999 trains";</script></head>
<body><nav>Home</nav><p>Beta Rail operates 310 trains in Norland.</p></body></html>`;
const PASTED = 'Gamma Foods employs 5,300 people in Norland.';

/** The panel's lists: [{ id, title, meta, origin }]. */
const listed = (page, which) => page.evaluate((sel) => [...document.querySelectorAll(`${sel} > li[data-id]`)].map((li) => ({
  id: li.dataset.id,
  origin: li.dataset.origin,
  title: li.querySelector('cite')?.textContent ?? '',
  meta: li.querySelector('.doc-meta')?.textContent ?? '',
})), which);

/** Waits until the panel's status is no longer busy and holds `pattern`; returns its text. */
async function openPanel(page) {
  await openReady(page, server);
  await page.waitForFunction(() => document.querySelectorAll('#corpus-shipped > li[data-id]').length > 0, null, { timeout: 30_000 });
}

test('add (picker, drop, paste), check, read, reload, export, remove, import', { timeout: 180_000 }, async () => {
  const { page, context, problems } = await newPage(browser, server);
  try {
    await openPanel(page);
    const shipped = await listed(page, '#corpus-shipped');
    assert.ok(shipped.length >= 2, `shipped documents listed: ${JSON.stringify(shipped)}`);
    for (const d of shipped) {
      assert.ok(d.title, 'a shipped document without a title');
      assert.match(d.meta, /\d{4}-\d{2}-\d{2}/, `no date: ${d.meta}`);
      assert.match(d.meta, /\d+ claims?/, `no counts: ${d.meta}`);
    }
    assert.deepEqual(await listed(page, '#corpus-yours'), []);

    // File picker: several at once; the bad ones are refused by name, the good one is added.
    await page.setInputFiles('#corpus-files', [
      { name: 'acme.md', mimeType: 'text/markdown', buffer: Buffer.from(ACME) },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 binary') },
      { name: 'blob.txt', mimeType: 'text/plain', buffer: Buffer.from([0x47, 0x49, 0x46, 0, 1, 2]) },
      { name: 'no-date.md', mimeType: 'text/markdown', buffer: Buffer.from('---\ntitle: T\nsource: S\n---\nText.\n') },
    ]);
    const added = await panelStatus(page, /^Added/);
    assert.match(added, /^Added 1 document; 3 files refused/);
    const refused = await page.locator('#corpus-problems li').allTextContents();
    assert.equal(refused.length, 3, refused.join('\n'));
    assert.match(refused.find((m) => m.startsWith('report.pdf')) ?? '', /not a \.txt, \.md or \.html file/);
    assert.match(refused.find((m) => m.startsWith('blob.txt')) ?? '', /binary/);
    assert.match(refused.find((m) => m.startsWith('no-date.md')) ?? '', /published date/);

    // Drag and drop an HTML file.
    await page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.items.add(new File([html], 'beta-rail.html', { type: 'text/html' }));
      document.querySelector('#corpus-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, RAIL_HTML);
    assert.match(await panelStatus(page, /^Added/), /^Added 1 document\.$/);

    // Paste.
    await page.locator('.corpus-paste-box > summary').click();
    await page.locator('#corpus-paste-title').fill('Gamma Foods hires');
    await page.locator('#corpus-paste-source').fill('Food Daily');
    await page.locator('#corpus-paste-date').fill('2024-06-01');
    await page.locator('#corpus-paste-text').fill(PASTED);
    await page.locator('#corpus-paste-add').click();
    await panelStatus(page, /^Added 1 document\.$/);

    const yours = await listed(page, '#corpus-yours');
    assert.deepEqual(yours.map((d) => d.title).sort(), ['Acme posts record year', 'Beta Rail grows', 'Gamma Foods hires']);
    assert.ok(yours.every((d) => d.origin === 'yours' && d.id.startsWith('user/')));
    assert.match(yours.find((d) => d.title === 'Beta Rail grows').meta, /Rail Review · 2024-05-10/);

    // A check uses your documents with the shipped ones, and names the document.
    await runCheck(page, 'Acme Holdings opened 45 stores in Norland in 2023. Beta Rail operates 310 trains in Norland. More than 600 American companies operate in Kazakhstan.');
    const results = await readResults(page);
    const byAnchor = (a) => results.claims.find((c) => c.anchor === a);
    assert.equal(byAnchor('45')?.verdictClass, 'v-contradicted', JSON.stringify(results.claims, null, 1));
    assert.equal(byAnchor('45').evidence[0].title, 'Acme posts record year');
    assert.equal(byAnchor('45').evidence[0].source, 'Test Wire');
    assert.equal(byAnchor('310')?.verdictClass, 'v-supported');
    assert.equal(byAnchor('310').evidence[0].title, 'Beta Rail grows');
    assert.equal(byAnchor('More than 600')?.verdictClass, 'v-supported', 'the shipped corpus is still used');

    // Read one: its text, without the HTML's script.
    await page.locator('#corpus-yours li', { hasText: 'Beta Rail grows' }).getByRole('button', { name: 'Read' }).click();
    await page.waitForFunction(() => !document.querySelector('#corpus-reader').hidden);
    const shown = await page.locator('#corpus-reader-text').textContent();
    assert.match(shown, /Beta Rail operates 310 trains in Norland\./);
    assert.doesNotMatch(shown, /999/);
    // And a shipped one.
    await page.locator('#corpus-shipped li').first().getByRole('button', { name: 'Read' }).click();
    await page.waitForFunction(() => /Kazakhstan/.test(document.querySelector('#corpus-reader-text').textContent));

    // Kept across a reload.
    await page.reload();
    await waitReady(page);
    await panelStatus(page, /^Loaded your 3 documents/);
    assert.deepEqual((await listed(page, '#corpus-yours')).map((d) => d.title).sort(), yours.map((d) => d.title).sort());

    // Export to one file.
    const exportOnce = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#corpus-export').click()]);
      return readFileSync(await download.path(), 'utf8');
    };
    const exported = await exportOnce();
    const data = JSON.parse(exported);
    assert.equal(data.format, 'corroborate-documents');
    assert.deepEqual(data.documents.map((d) => d.name).sort(), ['acme.md', 'beta-rail.html', 'gamma-foods-hires.md']);
    assert.equal(data.documents.find((d) => d.name === 'acme.md').text, ACME);
    assert.equal(data.documents.find((d) => d.name === 'beta-rail.html').text, RAIL_HTML);

    // Remove them all: gone, and still gone after a reload.
    for (let n = 3; n > 0; n -= 1) {
      await page.locator('#corpus-yours li[data-id]').first().getByRole('button', { name: 'Remove' }).click();
      await page.waitForFunction((left) => document.querySelectorAll('#corpus-yours li[data-id]').length === left, n - 1, { timeout: 30_000 });
      assert.match(await page.locator('#corpus-status').textContent(), /^Removed 1 document/);
    }
    assert.deepEqual(await listed(page, '#corpus-yours'), []);
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => /0 documents of yours/.test(document.querySelector('#corpus-summary').textContent), null, { timeout: 30_000 });
    assert.deepEqual(await listed(page, '#corpus-yours'), []);

    // Import the export: the same documents, byte for byte.
    await page.setInputFiles('#corpus-import-file', { name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    assert.match(await panelStatus(page, /^Added/), /^Added 3 documents\.$/);
    assert.equal(await exportOnce(), exported, 'export → import → export is lossless');

    // A file that is not an export is refused with a message.
    await page.setInputFiles('#corpus-import-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    assert.match(await panelStatus(page, /notes\.json/), /notes\.json: not a corpus export/);

    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.offOrigin, []);
  } finally {
    await context.close();
  }
});

test('a corrupt shard of the shipped corpus: a clear message, the page stays usable', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await page.route(/\/corpus\/terms-[0-9a-f]{12}-\d+\.bin$/, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
    });
    await openReady(page, server);
    const outcome = await runCheck(page, 'More than 900 American companies operate in Kazakhstan.');
    assert.equal(outcome.kind, 'error');
    assert.match(outcome.text, /corpus shard terms-[0-9a-f]{12}-\d+\.bin is corrupt or truncated/);
    assert.ok(await page.getByRole('button', { name: 'Check' }).isVisible());
    assert.equal(await page.locator('#text').inputValue(), 'More than 900 American companies operate in Kazakhstan.');
  } finally {
    await context.close();
  }
});

test('an index of another format: the page says so', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await page.route(/\/corpus\/manifest\.json$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/"format": \d+/, '"format": 99');
      await route.fulfill({ response, body });
    });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.querySelector('#status')?.dataset.kind === 'error', null, { timeout: 30_000 });
    assert.match(await page.locator('#status').textContent(), /format 99 but this engine reads format 6/);
  } finally {
    await context.close();
  }
});

test('the shipped documents\' own disagreements are listed from corpus/disagreements.json, as text', async () => {
  const { context, page } = await newPage(browser, server);
  try {
    await openReady(page, server);
    const built = JSON.parse(readFileSync(new URL('../../www/corpus/disagreements.json', import.meta.url), 'utf8'));
    await page.locator('#corpus-disagreements > summary').click();
    // Wait for the answer (the list is empty before the click and says "Loading…" while fetching).
    await page.waitForFunction(() => /place|None found|could not/.test(document.querySelector('#corpus-disagreements-list')?.textContent ?? ''));
    const shown = await page.locator('#corpus-disagreements-list').textContent();
    if (built.disagreements.length === 0) {
      assert.match(shown, /None found/);
    } else {
      const n = built.disagreements.length;
      assert.match(shown, new RegExp(`^${n} place`));
      // Each side's outlet is named, its words shown as text (no markup made from them).
      for (const side of built.disagreements[0].sides) assert.ok(shown.includes(side.source), `${side.source} in ${shown}`);
      assert.equal(await page.locator('#corpus-disagreements-list > ul > li').count(), n);
    }
  } finally {
    await context.close();
  }
});

test('without a disagreements list (a corpus too large to compare) the panel says so', async () => {
  const { context, page } = await newPage(browser, server);
  try {
    await context.route((url) => url.pathname.endsWith('/corpus/disagreements.json'), (route) => route.fulfill({ status: 404, body: 'no' }));
    await openReady(page, server);
    await page.locator('#corpus-disagreements > summary').click();
    await page.waitForFunction(() => /not compared/.test(document.querySelector('#corpus-disagreements-list')?.textContent ?? ''));
  } finally {
    await context.close();
  }
});
