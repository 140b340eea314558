// Everyone: axe-core finds no serious or critical violation (light and dark, before and after a
// check, phone and desktop width); keyboard-only use with visible focus; 360 px wide without
// sideways scrolling; dark mode from the system setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  axeViolations, browser, newPage, openReady, runCheck, server, useServerAndBrowser, waitIdle,
} from './harness.mjs';

useServerAndBrowser();

const ARTICLE = [
  'Kazakhstan joins the Abraham Accords',
  '',
  'Kazakhstan established diplomatic relations with Israel in 1992. More than 900 American companies operate in Kazakhstan.',
  'The country has roughly 20 million people, officials said.',
].join('\n');

for (const colorScheme of ['light', 'dark']) {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
    test(`axe-core: no serious or critical violations (${colorScheme}, ${name})`, { timeout: 90_000 }, async () => {
      const { page, context } = await newPage(browser, server, { colorScheme, viewport });
      try {
        await openReady(page, server);
        assert.deepEqual(await axeViolations(page), [], 'before a check');
        await runCheck(page, ARTICLE, { date: '2025-11-07' });
        await page.locator('#shown-text .tag[data-verdict="contradicted"]').first().click();
        await page.getByLabel(/Unverified \(\d+\)/).uncheck(); // a filter in use
        assert.deepEqual(await axeViolations(page), [], 'after a check, with a claim selected');
      } finally {
        await context.close();
      }
    });
  }
}

test('axe-core really runs: a planted unlabeled button is found', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    await page.evaluate(() => document.querySelector('main').append(document.createElement('button')));
    const found = await axeViolations(page);
    assert.ok(found.some((v) => /button-name/.test(v)), `axe did not report the unlabeled button: ${found.join('; ')}`);
  } finally {
    await context.close();
  }
});

test('keyboard only: reach the text, check, move to a claim, see its evidence; the focus is always visible', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server);
  try {
    await openReady(page, server);
    // From the top of the page, Tab reaches the text box through the buttons before it.
    const order = [];
    for (let i = 0; i < 8 && order.at(-1) !== 'text'; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    }
    assert.deepEqual(order, ['open-file', 'sample', 'text'], `Tab order: ${order.join(' → ')}`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused text box shows no focus outline');
    await page.keyboard.type(ARTICLE.split('\n')[2]);
    await page.keyboard.press('Control+Enter');
    assert.match((await waitIdle(page)).text, /^Done: /);

    // Tab on into the results until a claim's tag in the text has the focus; Enter selects it.
    let onTag = false;
    for (let i = 0; i < 40 && !onTag; i++) {
      await page.keyboard.press('Tab');
      onTag = await page.evaluate(() => document.activeElement.classList.contains('tag'));
    }
    assert.ok(onTag, 'Tab never reached a claim in the text');
    const tagOutline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.ok(tagOutline.style !== 'none' && tagOutline.width >= 2, `no visible focus on the tag: ${JSON.stringify(tagOutline)}`);
    await page.keyboard.press('Enter');
    assert.match(await page.locator('#evidence-panel .panel-head').textContent(), /Claim \d+/);
    // The list item of that claim has the focus now; Enter on a list item selects it too.
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('claim-head')), true);
  } finally {
    await context.close();
  }
});

test('360 px wide: nothing scrolls sideways, the controls are on screen', { timeout: 60_000 }, async () => {
  const { page, context } = await newPage(browser, server, { viewport: { width: 360, height: 740 } });
  try {
    await openReady(page, server);
    await runCheck(page, ARTICLE, { date: '2025-11-07' });
    await page.locator('#shown-text .tag').first().click();
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > 360.5)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).slice(0, 5),
    }));
    assert.ok(layout.scrollWidth <= 360, `the page is ${layout.scrollWidth}px wide: ${layout.wide.join(', ')}`);
    for (const name of ['Check', 'Download', 'Copy', 'Sample article']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${name} is off screen: ${JSON.stringify(box)}`);
    }
  } finally {
    await context.close();
  }
});

/** Relative luminance of a CSS rgb() colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test('dark mode follows the system setting', { timeout: 60_000 }, async () => {
  const colours = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await newPage(browser, server, { colorScheme });
    try {
      await openReady(page, server);
      await runCheck(page, ARTICLE, { date: '2025-11-07' });
      colours[colorScheme] = await page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
        mark: getComputedStyle(document.querySelector('#shown-text mark.hl')).backgroundColor,
      }));
    } finally {
      await context.close();
    }
  }
  assert.ok(luminance(colours.light.body) > 0.8, `light background ${colours.light.body}`);
  assert.ok(luminance(colours.dark.body) < 0.05, `dark background ${colours.dark.body}`);
  assert.ok(luminance(colours.dark.text) > 0.6, `dark-mode text ${colours.dark.text}`);
  assert.notEqual(colours.light.mark, colours.dark.mark, 'the highlights do not change with the theme');
});
