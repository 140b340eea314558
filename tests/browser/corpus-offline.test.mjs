// Your documents offline (issue 4): documents added in the page are kept in IndexedDB, so after a
// reload with the network off (the service worker serves the page, the wasm and the shipped
// corpus) they are listed again and checks still give verdicts that name them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertBuilt, launch, newPage, openReady, readResults, runCheck, startServer, waitReady,
} from './harness.mjs';

let browser;

before(async () => {
  assertBuilt();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const DOCS = [
  {
    name: 'acme.md',
    text: '---\ntitle: Acme posts record year\nsource: Test Wire\npublished: 2024-03-02\n---\nAcme Holdings opened 40 stores in Norland in 2023.\n',
  },
  {
    name: 'brightwater.txt',
    text: '---\ntitle: Brightwater hires\nsource: Valley Post\npublished: 2024-05-10\n---\nBrightwater Foods employs 1,200 workers in Ostholm.\n',
  },
];
/** Contradicted by acme.md (40, not 45), supported by brightwater.txt, and by the shipped corpus. */
const CHECK = 'Acme Holdings opened 45 stores in Norland in 2023. Brightwater Foods employs 1,200 workers in Ostholm. More than 600 American companies operate in Kazakhstan.';

async function yourTitles(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('#corpus-yours > li[data-id]').length === n, count, { timeout: 60_000 });
  return (await page.locator('#corpus-yours > li[data-id] cite').allTextContents()).sort();
}

/** CHECK's verdicts: each of your documents named by the claim it decides, the shipped corpus used. */
async function assertVerdictsNameYourDocuments(page) {
  const outcome = await runCheck(page, CHECK);
  assert.match(outcome.text, /^Done: /, outcome.text);
  const claims = (await readResults(page)).claims;
  const acme = claims.find((c) => c.anchor === '45');
  assert.equal(acme?.verdictClass, 'v-contradicted', JSON.stringify(claims, null, 1));
  assert.equal(acme.evidence[0].title, 'Acme posts record year');
  const bright = claims.find((c) => c.anchor === '1,200');
  assert.equal(bright?.verdictClass, 'v-supported', JSON.stringify(claims, null, 1));
  assert.equal(bright.evidence[0].title, 'Brightwater hires');
  assert.equal(claims.find((c) => c.anchor === 'More than 600')?.verdictClass, 'v-supported', 'the shipped corpus is not used');
}

test('your documents, offline after a reload: still listed, still named by the verdicts', { timeout: 180_000 }, async () => {
  const server = await startServer();
  let serverUp = true;
  const { page, context, problems } = await newPage(browser, server, { serviceWorkers: 'allow' });
  try {
    await openReady(page, server);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('#corpus-shipped > li[data-id]').length > 0, null, { timeout: 30_000 });
    await page.setInputFiles('#corpus-files', DOCS.map((d) => ({ name: d.name, mimeType: 'text/plain', buffer: Buffer.from(d.text) })));
    assert.deepEqual(await yourTitles(page, 2), ['Acme posts record year', 'Brightwater hires']);
    // Online first: the verdicts name them (and the shards this check needs are fetched, and cached).
    await assertVerdictsNameYourDocuments(page);
    assert.deepEqual(problems.httpErrors, []);

    // Network off: the server is gone and the browser is offline.
    await server.close();
    serverUp = false;
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await yourTitles(page, 2), ['Acme posts record year', 'Brightwater hires'], 'your documents are not listed offline');
    await assertVerdictsNameYourDocuments(page);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await context.close();
    if (serverUp) await server.close();
  }
});
