// Issue 3's memory goal, for the wasm: extracting the benchmark's 1.5 MB of generated news
// (scripts/bench/gen-news.mjs, seed 42) grows the instance's linear memory by less than 10 times
// the text. The growth is the same on every run of the same build and text (the allocator is
// deterministic), so this fails only when a change makes the wasm hold more. One tried on 4 Dec
// (the text around quotes read ahead, with its matches kept) made it 11.0x and was dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generate } from '../../scripts/bench/gen-news.mjs';
import { requireGlue, WARM_UP } from '../../scripts/bench/wasm-glue.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkgNode = path.join(root, 'pkg-node/corroborate.js');
const manifestPath = path.join(root, 'www/corpus/manifest.json');
for (const file of [pkgNode, manifestPath]) {
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
}

test('extracting 1.5 MB of news grows the wasm memory by less than 10x the text', () => {
  const { glue: { Checker }, instance } = requireGlue(pkgNode);
  const memory = instance?.exports?.memory;
  assert.ok(memory instanceof WebAssembly.Memory, 'the glue created an instance with a memory');
  const checker = new Checker(readFileSync(manifestPath, 'utf8'), []);
  // As the benchmark does: every pattern's fixed caches built before the memory is read.
  checker.extract(WARM_UP, {});
  const text = generate();
  const bytes = Buffer.byteLength(text);
  const before = memory.buffer.byteLength;
  let report = checker.extract(text, {});
  assert.ok(report.claims.length > 40000, `a real extraction: ${report.claims.length} claims`);
  report = null;
  checker.extract(text, {});
  const growth = memory.buffer.byteLength - before;
  assert.ok(
    growth < 10 * bytes,
    `the linear memory grew ${growth} bytes = ${(growth / bytes).toFixed(2)}x the ${bytes}-byte text (goal: under 10x)`,
  );
});
