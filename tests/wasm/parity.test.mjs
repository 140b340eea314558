// The wasm build gives the same results as the native CLI, for every text in tests/cases/*.json:
// the native runners (cargo test) check those results against the expectations, and this test
// checks the wasm (pkg-node/, built by `npm run build`) against the native CLI, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generate } from '../../scripts/bench/gen-news.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'target/release/corroborate');
const pkgNode = path.join(root, 'pkg-node/corroborate.js');
const manifestPath = path.join(root, 'www/corpus/manifest.json');

for (const [what, file] of [['the native CLI', cli], ['the wasm for Node', pkgNode], ['the compiled corpus', manifestPath]]) {
  if (!existsSync(file)) throw new Error(`${what} is missing (${path.relative(root, file)}): run \`npm run build\` first`);
}

const { Checker, renderReport } = createRequire(import.meta.url)(pkgNode);
const manifest = readFileSync(manifestPath, 'utf8');
const shard = (name) => readFileSync(path.join(root, 'www/corpus', name));
const checker = new Checker(manifest, []);
// The shards load as checks need them (the page's worker does the same with fetch).
const check = (text, options) => {
  for (let names = checker.needs(text, options); names.length; names = checker.needs(text, options)) {
    for (const n of names) checker.addShard(n, shard(n));
  }
  return checker.check(text, options);
};
const shards = checker.shardNames().map(shard);

const casesDir = path.join(root, 'tests/cases');
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json') && f !== 'segment.json')
  .flatMap((f) => JSON.parse(readFileSync(path.join(casesDir, f), 'utf8')).map((c) => ({ ...c, file: f })))
  .filter((c) => typeof c.text === 'string' && c.text.trim() !== '');

function native(command, text, date) {
  const args = [command, '--format', 'json', '-', ...(date ? ['--date', date] : [])];
  return JSON.parse(execFileSync(cli, args, { input: text, maxBuffer: 64 << 20 }).toString('utf8'));
}

test(`extract: wasm equals native on ${cases.length} case texts`, () => {
  assert.ok(cases.length >= 50, `expected the case files to hold at least 50 texts, found ${cases.length}`);
  for (const c of cases) {
    const wasm = checker.extract(c.text, c.date ? { date: c.date } : undefined);
    assert.deepEqual(wasm, native('extract', c.text, c.date), `${c.file}: ${c.name}`);
  }
});

// The page takes the extract report list by list in pieces of about 256 KB of JSON: a text
// whose lists run to more than one piece each comes back whole and in order.
test('extract: wasm equals native on a text whose report is handed over in many pieces', () => {
  // Generated news (the extraction benchmark's generator): repeated case texts would read as
  // page boilerplate.
  const text = generate(400_000, 7);
  const wasm = checker.extract(text, { date: '2025-11-08' });
  for (const list of ['claims', 'mentions', 'sentences']) {
    assert.ok(JSON.stringify(wasm[list]).length > 256 * 1024, `${list}: more than one piece`);
  }
  assert.deepEqual(wasm, native('extract', text, '2025-11-08'));
});

test(`check: wasm equals native on ${cases.length} case texts`, () => {
  for (const c of cases) {
    const wasm = check(c.text, c.date ? { date: c.date } : undefined);
    assert.deepEqual(wasm, native('check', c.text, c.date), `${c.file}: ${c.name}`);
  }
});

test('the wasm refuses a bad corpus and a bad date with clear errors', () => {
  assert.throws(() => new Checker('{not json', []), /corpus manifest is not valid/);
  assert.throws(() => new Checker(manifest, [shards[0].slice(0, 100)]), /corrupt or truncated/);
  // The format this engine writes, read from the built manifest (so a format change needs no edit here).
  const format = JSON.parse(manifest).format;
  const older = manifest.replace(`"format": ${format}`, '"format": 2');
  assert.notEqual(older, manifest, 'the manifest names its format');
  assert.throws(() => new Checker(older, []), new RegExp(`format 2 but this engine reads format ${format}`));
  assert.throws(() => checker.check('In 1992.', { date: '7 Nov' }), /The article date "7 Nov" is not a date in the form YYYY-MM-DD/);
  // Over the size limit: the size in MB with one decimal (written without float formatting).
  const big = 'Acme opened 40 stores. '.repeat(200_000); // 4,600,000 bytes = 4.39 MB
  assert.throws(() => checker.check(big, {}), /The text is 4\.4 MB; the limit is 4 MB per check\. Check it in parts\./);
});

// The wasm is built with -Zfmt-debug=none (scripts/lib.sh), where a `{:?}` writes nothing: the
// messages that quote what the user gave must still show it.
test('the wasm quotes what the user gave in its messages', () => {
  const badId = manifest.replace(/"id": "[0-9a-f]{64}"/, '"id": "not-a-hash"');
  assert.notEqual(badId, manifest, 'the manifest has an id');
  assert.throws(() => new Checker(badId, []), /the corpus manifest's id "not-a-hash" is not a SHA-256/);
  const doc = '---\ntitle: T\nsource: S\npublished: 7 Nov 2025\n---\nAcme opened 40 stores in 2024.\n';
  assert.throws(() => checker.addDocument('acme.md', doc), /published date "7 Nov 2025" is not YYYY-MM-DD/);
  const lines = '---\ntitle: T\nno colon here\n---\nAcme opened 40 stores.\n';
  assert.throws(() => checker.addDocument('acme.md', lines), /front matter line "no colon here" is not `key: value`/);
  const report = check('Acme opened 40 stores in 2024.', {});
  assert.throws(() => renderReport(report, 'Acme opened 40 stores in 2024.', 'pdf'), /There is no export format "pdf"/);
});
