#!/usr/bin/env node
// The corpus at scale (a benchmark, not a test): for 100, 1,000 and 10,000 generated documents
// (scripts/bench/gen-corpus.mjs, about 3 KB each) it compiles the index with the CLI and prints
// one table: compile time, index size raw and gzipped against the raw text, first-load transfer,
// the transfer of one check, memory, and the latency of checking a 1,000-word article, native
// (examples/bench_corpus.rs) and wasm in Node (pkg-node/, the page's core).
//
//   npm run bench:corpus [-- --sizes 100,1000,10000] [-- --reps 5] [-- --json]
//
// --json: also prints one last line `JSON [...]` with each size's figures (for scripts/bench/bench.mjs).
//
// Needs `npm run build` (target/release/corroborate, pkg/, pkg-node/). Writes into target/bench/.
// Sizes are bytes; gz = gzip -9 of each file (what a server sends), summed. Latency: "cold" is
// the first check with no shard loaded (reading them from disk; no network), "warm" the median
// of checks alternating two different 1,000-word articles once their shards are loaded (each is
// the whole check: analysis, retrieval, reconciliation, the JSON report). Memory: native = peak
// RSS of the bench process; wasm = the instance's linear memory after the checks (what the page's
// worker holds, besides the JS strings of the report).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeCorpus, writeBenchArticles } from './gen-corpus.mjs';
import { requireGlue } from './wasm-glue.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// ---- child: the wasm check in its own process (its memory alone) ----
if (args[0] === '--wasm-child') {
  const [, dir, aPath, bPath, repsText] = args;
  const { glue: { Checker }, instance } = requireGlue(join(ROOT, 'pkg-node/corroborate.js'));
  const a = readFileSync(aPath, 'utf8');
  const b = readFileSync(bPath, 'utf8');
  const reps = Number(repsText) || 5;
  let files = 0;
  let raw = 0;
  let zipped = 0;
  const t0 = performance.now();
  const checker = new Checker(readFileSync(join(dir, 'manifest.json'), 'utf8'), []);
  const check = (text, count) => {
    for (let names = checker.needs(text, {}); names.length; names = checker.needs(text, {})) {
      for (const n of names) {
        const body = readFileSync(join(dir, n));
        if (count) {
          files += 1;
          raw += body.length;
          zipped += gz(body);
        }
        checker.addShard(n, body);
      }
    }
    return checker.check(text, {});
  };
  const report = check(a, true);
  const cold = performance.now() - t0;
  check(b, false);
  const times = [];
  for (let i = 0; i < reps * 2; i += 1) {
    const text = i % 2 ? b : a;
    const t = performance.now();
    check(text, false);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  console.log(JSON.stringify({
    cold_ms: cold, warm_ms: times[times.length >> 1], claims: report.claims.length,
    summary: report.summary, shards: files, shard_bytes: raw, shard_gz: zipped,
    memory_bytes: instance?.exports?.memory?.buffer.byteLength ?? null,
  }));
  process.exit(0);
}

// ---- parent ----
const sizes = String(opt('--sizes', '100,1000,10000')).split(',').map(Number).filter((n) => n > 0);
const reps = Number(opt('--reps', 5));
const cli = join(ROOT, 'target/release/corroborate');
const benchBin = join(ROOT, 'target/release/examples/bench_corpus');
for (const [what, file] of [['the CLI', cli], ['pkg-node/', join(ROOT, 'pkg-node/corroborate.js')], ['pkg/', join(ROOT, 'pkg/corroborate_bg.wasm')]]) {
  if (!existsSync(file)) {
    console.error(`bench-corpus: ${what} is missing (${file}): run npm run build first`);
    process.exit(1);
  }
}
process.stderr.write('==> cargo build --release --example bench_corpus\n');
execFileSync('cargo', ['build', '--release', '--quiet', '--example', 'bench_corpus'], { cwd: ROOT, stdio: 'inherit' });

const benchDir = join(ROOT, 'target/bench');
const { articleA, articleB } = writeBenchArticles(benchDir);
const words = (f) => readFileSync(f, 'utf8').split(/\s+/).filter(Boolean).length;

// The page's own files: fetched on first load whatever the corpus.
const PAGE = ['index.html', 'app.js', 'worker.js', 'corpus.js', 'corpus-worker.js', 'store.js', 'style.css', 'corpus.css', 'favicon.svg']
  .map((f) => join(ROOT, 'www', f)).filter(existsSync);
const WASM = [join(ROOT, 'pkg/corroborate.js'), join(ROOT, 'pkg/corroborate_bg.wasm')];
const pageGz = PAGE.reduce((s, f) => s + gz(readFileSync(f)), 0);
const wasmGz = WASM.reduce((s, f) => s + gz(readFileSync(f)), 0);

const rows = [];
for (const n of sizes) {
  const dir = join(benchDir, `corpus-${n}`);
  process.stderr.write(`==> ${n} documents: generating\n`);
  const rawText = writeCorpus(n, join(dir, 'src'));
  process.stderr.write(`==> ${n} documents: corroborate index\n`);
  const t = performance.now();
  const out = spawnSync(cli, ['index', join(dir, 'src'), '--out', join(dir, 'index')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const compileS = (performance.now() - t) / 1000;
  if (out.status !== 0) {
    console.error(out.stderr);
    process.exit(1);
  }
  const index = join(dir, 'index');
  let indexRaw = 0;
  let indexGz = 0;
  let docsGz = 0;
  let disagreementsGz = 0;
  for (const f of readdirSync(index)) {
    const body = readFileSync(join(index, f));
    const z = gz(body);
    // The corpus's own disagreements (written up to 300 documents, for the panel) are not the
    // index a check reads: counted apart.
    if (f === 'disagreements.json') {
      disagreementsGz = z;
      continue;
    }
    indexRaw += body.length;
    indexGz += z;
    if (f.startsWith('docs-')) docsGz += z;
  }
  const manifest = JSON.parse(readFileSync(join(index, 'manifest.json'), 'utf8'));
  const cat0 = readdirSync(index).find((f) => /^catalog-[0-9a-f]{12}-0\.bin$/.test(f));
  const firstCorpusGz = gz(readFileSync(join(index, 'manifest.json'))) + (cat0 ? gz(readFileSync(join(index, cat0))) : 0);
  process.stderr.write(`==> ${n} documents: native check\n`);
  const nat = JSON.parse(execFileSync(benchBin, [index, articleA, articleB, String(reps)], { encoding: 'utf8' }));
  process.stderr.write(`==> ${n} documents: wasm check (Node)\n`);
  const wasm = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--wasm-child', index, articleA, articleB, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  rows.push({ n, rawText, compileS, indexRaw, indexGz, docsGz, disagreementsGz, firstCorpusGz, manifest, nat, wasm, shards: readdirSync(index).filter((f) => f.endsWith('.bin')).length });
}

const kb = (b) => `${(b / 1024).toFixed(b < 10240 ? 1 : 0)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const pct = (a, b) => `${((100 * a) / b).toFixed(0)}%`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
console.log(`\narticles: ${words(articleA)} and ${words(articleB)} words (scripts/bench/gen-corpus.mjs --article); page files ${kb(pageGz)} gz, wasm + glue ${kb(wasmGz)} gz; ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'cpu?'}\n`);
console.log('| documents | raw text | compile (native) | index raw | index gz (÷ raw text) | of which document text + claims gz | shards | first load: corpus gz / everything gz | one check: shards, gz | check native cold / warm | check wasm cold / warm | memory native (peak RSS) / wasm (linear) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en')} | ${mb(r.rawText)} | ${r.compileS.toFixed(1)} s | ${mb(r.indexRaw)} | ${mb(r.indexGz)} (${pct(r.indexGz, r.rawText)}) | ${mb(r.docsGz)} | ${r.shards} | ${kb(r.firstCorpusGz)} / ${kb(r.firstCorpusGz + pageGz + wasmGz)} | ${r.wasm.shards}, ${kb(r.wasm.shard_gz)} | ${ms(r.nat.cold_ms)} / ${ms(r.nat.warm_ms)} | ${ms(r.wasm.cold_ms)} / ${ms(r.wasm.warm_ms)} | ${mb(r.nat.peak_rss_kb * 1024)} / ${mb(r.wasm.memory_bytes ?? 0)} |`);
}
for (const r of rows) if (r.disagreementsGz) console.log(`${r.n} documents: disagreements.json (the corpus's own disagreements, for the panel; not counted above) ${kb(r.disagreementsGz)} gz`);
console.log(`\nclaims checked per article: ${rows[0]?.wasm.claims}; verdicts (last size): ${JSON.stringify(rows.at(-1)?.wasm.summary)}`);
const last = rows.at(-1);
if (last) {
  const goals = [
    ['compile <= 15 s native', last.compileS <= 15],
    ['index gz <= 35% of raw text', last.indexGz <= 0.35 * last.rawText],
    ['first load <= 300 KB gz (corpus part)', last.firstCorpusGz <= 300 * 1024],
    ['first load <= 300 KB gz (everything, wasm included)', last.firstCorpusGz + pageGz + wasmGz <= 300 * 1024],
    ['check <= 50 ms wasm (warm)', last.wasm.warm_ms <= 50],
    ['check <= 10 ms native (warm)', last.nat.warm_ms <= 10],
    ['<= 100 MB memory (wasm linear)', (last.wasm.memory_bytes ?? Infinity) <= 100 * 1048576],
  ];
  console.log(`goals at ${last.n.toLocaleString('en')} documents: ${goals.map(([g, ok]) => `${g}: ${ok ? 'met' : 'MISSED'}`).join('; ')}`);
}
if (args.includes('--json')) {
  console.log('JSON ' + JSON.stringify(rows.map(({ manifest, ...r }) => ({ ...r, pageGz, wasmGz }))));
}
