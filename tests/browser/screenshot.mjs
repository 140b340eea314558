// The README's screenshot: the page with a checked article, 1280×900, written to docs/screenshot.png.
// Run after `npm run build`:  node tests/browser/screenshot.mjs [--dark] [--out PATH]
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assertBuilt, launch, newPage, openReady, ROOT, runCheck, startServer } from './harness.mjs';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : `${ROOT}docs/screenshot${dark ? '-dark' : ''}.png`);

// A short article in the style of the corpus's sources, with some facts changed.
const ARTICLE = `Kazakhstan joins the Abraham Accords

Kazakhstan will join the Abraham Accords, President Donald Trump announced after a call with Kassym-Jomart Tokayev and Benjamin Netanyahu.

Kazakhstan, a country of roughly 20 million people, established diplomatic relations with Israel in 1992. According to Tokayev, the United States has invested more than $100 billion in Kazakhstan's economy, and more than 900 American companies operate in the country. Trade turnover has doubled, reaching almost $5 billion.

Nursultan Nazarbayev resigned in 2017. The country's Jewish community numbers about 40,000 people.`;

try {
  assertBuilt();
} catch (err) {
  console.error(`screenshot: ${err.message}`);
  process.exit(1);
}

const server = await startServer();
const browser = await launch();
try {
  const { page, problems } = await newPage(browser, server, { colorScheme: dark ? 'dark' : 'light' });
  await openReady(page, server);
  const outcome = await runCheck(page, ARTICLE, { date: '2025-11-07' });
  if (outcome.kind !== 'info') throw new Error(`the check failed: ${outcome.text}`);
  // Select the first contradicted claim (as a click would), then frame the results.
  const tag = page.locator('#shown-text .tag[data-verdict="contradicted"]').first();
  if (await tag.count()) await tag.click();
  await page.waitForTimeout(400); // smooth scrolling inside the panes
  await page.evaluate(() => {
    document.querySelector('#results').scrollIntoView({ block: 'start' });
    window.scrollBy(0, -8);
    // The selected claim at the top of its pane.
    const pane = document.querySelector('#claims');
    const selected = pane.querySelector('.selected');
    if (selected) pane.scrollTop = selected.offsetTop - pane.offsetTop - 4;
  });
  await page.waitForTimeout(400); // smooth scrolling inside the panes
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  const problemList = [...problems.consoleErrors, ...problems.pageErrors, ...problems.offOrigin];
  if (problemList.length) console.warn(`screenshot: problems seen:\n  ${problemList.join('\n  ')}`);
  console.log(`screenshot: ${outcome.text} → ${out}`);
} finally {
  await browser.close();
  await server.close();
}
