// The README's screenshots, taken on every run (desktop and phone width, light and dark) into
// target/screenshots/; `npm run screenshots` writes the same ones to docs/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assertBuilt, ROOT } from './harness.mjs';
import { SHOTS, takeScreenshots } from './screenshot.mjs';

test('screenshots: desktop and phone, light and dark, with no problem on the page', { timeout: 180_000 }, async () => {
  assertBuilt();
  const shots = await takeScreenshots(`${ROOT}target/screenshots`);
  assert.deepEqual(shots.map((s) => s.name), SHOTS.map((s) => s.name));
  for (const shot of shots) {
    assert.deepEqual(shot.problems, [], `${shot.name}: problems on the page`);
    const png = readFileSync(shot.path);
    assert.equal(png.subarray(1, 4).toString(), 'PNG', `${shot.name} is not a PNG`);
    const width = png.readUInt32BE(16);
    const expected = SHOTS.find((s) => s.name === shot.name).viewport.width;
    assert.equal(width, expected, `${shot.name} is ${width} px wide`);
  }
});
