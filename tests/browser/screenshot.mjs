// The README's screenshots: the page after a check, with a contradicted claim selected and its
// evidence in the panel; desktop (1280×900) and phone (360×740) width, light and dark.
//   npm run screenshots                       writes docs/screenshots/*.png (the README's)
//   node tests/browser/screenshot.mjs DIR     writes them to DIR
// tests/browser/screenshots.test.mjs takes the same ones on every test run (into target/screenshots/).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBuilt, launch, newPage, openReady, ROOT, runCheck, startServer } from './harness.mjs';

// A short article of our own in the style of the corpus's sources, with some facts changed.
export const ARTICLE = `Kazakhstan joins the Abraham Accords

Kazakhstan will join the Abraham Accords, President Donald Trump announced after a call with Kassym-Jomart Tokayev and Benjamin Netanyahu.

Kazakhstan, a country of roughly 20 million people, established diplomatic relations with Israel in 1992. According to Tokayev, the United States has invested more than $100 billion in Kazakhstan's economy, and more than 900 American companies operate in the country. Trade turnover has doubled, reaching almost $5 billion.

Nursultan Nazarbayev resigned in 2017. The country's Jewish community numbers about 40,000 people.`;

export const SHOTS = [
  { name: 'desktop-light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'phone-light', viewport: { width: 360, height: 740 }, colorScheme: 'light' },
  { name: 'phone-dark', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
];

/** Takes every shot into `dir`: [{ name, path, problems: [...] }]. */
export async function takeScreenshots(dir, { browser: given, server: givenServer } = {}) {
  mkdirSync(dir, { recursive: true });
  const server = givenServer ?? await startServer();
  const browser = given ?? await launch();
  const out = [];
  try {
    for (const shot of SHOTS) {
      const { page, context, problems } = await newPage(browser, server, shot);
      try {
        await openReady(page, server);
        const outcome = await runCheck(page, ARTICLE, { date: '2025-11-07' });
        if (outcome.kind !== 'info') throw new Error(`the check failed: ${outcome.text}`);
        const tag = page.locator('#shown-text .tag[data-verdict="contradicted"]').first();
        if (await tag.count()) await tag.click();
        await page.waitForTimeout(1200); // the smooth scrolling that selecting starts
        await page.evaluate((phone) => {
          const target = phone ? document.querySelector('#evidence-panel') : document.querySelector('#results');
          target.scrollIntoView({ block: 'start', behavior: 'instant' });
          window.scrollBy({ top: -12, behavior: 'instant' });
          const pane = document.querySelector('#claims');
          const selected = pane.querySelector('.selected');
          if (selected) pane.scrollTop = selected.offsetTop - pane.offsetTop - 4;
        }, shot.viewport.width < 600);
        await page.waitForTimeout(400);
        const path = resolve(dir, `${shot.name}.png`);
        await page.screenshot({ path });
        out.push({ name: shot.name, path, problems: [...problems.consoleErrors, ...problems.pageErrors, ...problems.offOrigin] });
      } finally {
        await context.close();
      }
    }
  } finally {
    if (!given) await browser.close();
    if (!givenServer) await server.close();
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    assertBuilt();
  } catch (err) {
    console.error(`screenshot: ${err.message}`);
    process.exit(1);
  }
  const dir = resolve(process.argv[2] ?? `${ROOT}docs/screenshots`);
  for (const shot of await takeScreenshots(dir)) {
    if (shot.problems.length) console.warn(`screenshot: ${shot.name}: problems seen:\n  ${shot.problems.join('\n  ')}`);
    console.log(`screenshot: ${shot.path}`);
  }
}
