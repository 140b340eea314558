#!/usr/bin/env node
// Every figure of issue 7 in one Markdown table (a benchmark, not a test):
//   figure | value | budget/goal | met? | command
//
//   npm run bench [-- --quick]
//
// --quick skips the 10,000-document corpus (generation, compile, checks: the longest part).
// Needs `npm run build` (target/release/corroborate, www/corpus/, pkg/, pkg-node/). The figures
// come from the existing benchmarks, run as child processes with --json:
//   scripts/bench/bench-extract.mjs   extraction MB/s native, wasm and compromise on the same text,
//                                     peak memory (npm run bench:extract)
//   scripts/bench/handoff.mjs         the report's handoff to JS alone: Checker.extract's ceiling
//                                     (npm run bench:handoff)
//   scripts/bench/bench-corpus.mjs    10,000 generated documents: compile, check latency native and
//                                     wasm, memory (npm run bench:corpus -- --sizes 10000)
//   the same benchmark's parts on the default corpus (www/corpus/, what the page ships):
//     target/release/examples/bench_corpus www/corpus A B 5       (native check latency)
//     node scripts/bench/bench-corpus.mjs --wasm-child www/corpus A B 5   (wasm check latency)
//   with A and B the two 1,000-word articles bench-corpus writes (gen-corpus.mjs writeBenchArticles(), seeds
//   7 and 11).
// Computed here from the built files: wasm size, and the first-load transfer, the gzip -9 bytes of
// every file the page fetches before its first check, listed in FIRST_LOAD below; the list is
// verified against what index.html links and what those scripts import, so a new file the page
// loads cannot be left out silently.
// Child output (their own tables) goes to stderr; the table goes to stdout.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeBenchArticles } from './gen-corpus.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
for (const a of args) {
  if (a !== '--quick') {
    console.error(`bench: unknown option ${a}\nusage: npm run bench [-- --quick]`);
    process.exit(2);
  }
}
const die = (msg) => {
  console.error(`bench: ${msg}`);
  process.exit(1);
};
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const KB = 1024;
const kb = (b) => `${(b / KB).toFixed(1)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const rate = (x) => `${x.toFixed(x < 1 ? 3 : 1)} MB/s`;

const www = (f) => join(ROOT, 'www', f);
// A page script or style sheet as served: its minified copy in www-min/ (scripts/build.sh;
// scripts/serve.mjs serves it in place of www/*.js and www/*.css), else the source.
const served = (f) => (/\.(?:js|css)$/.test(f) && existsSync(join(ROOT, 'www-min', f)) ? join(ROOT, 'www-min', f) : www(f));
for (const f of ['target/release/corroborate', 'www/corpus/manifest.json', 'www-min/app.js', 'pkg/corroborate_bg.wasm', 'pkg/corroborate.js', 'pkg-node/corroborate.js']) {
  if (!existsSync(join(ROOT, f))) die(`${f} is missing: run npm run build first`);
}

// ---- sizes, from the built files ----
const WASM = join(ROOT, 'pkg/corroborate_bg.wasm');
const GLUE = join(ROOT, 'pkg/corroborate.js');
const PAGE_JS = ['app.js', 'worker.js', 'corpus.js', 'corpus-worker.js', 'store.js'].map(served);
const wasmRaw = statSync(WASM).size;
const wasmGz = gz(WASM);
const jsGz = [GLUE, ...PAGE_JS].reduce((s, f) => s + gz(f), 0);

// What the page fetches before its first check (served over http, not the one-file build):
// index.html; what it links (favicon, web manifest, two style sheets, app.js); app.js's imports
// (corpus.js -> store.js); the worker (worker.js -> corpus-worker.js), which imports the glue and
// fetches the wasm and corpus/manifest.json; and the corpus panel's first catalog page
// (catalog-<id>-0.bin, asked for as soon as the panel is attached). Shards a check needs come
// after (the check's transfer, reported by bench:corpus). sw.js precaches the rest of the corpus
// in the background after load (not counted; not needed for a check).
const manifest = JSON.parse(readFileSync(www('corpus/manifest.json'), 'utf8'));
const catalog0 = readdirSync(www('corpus')).find((f) => /^catalog-[0-9a-f]{12}-0\.(?:json|bin)$/.test(f));
const FIRST_LOAD = [
  'index.html', 'favicon.svg', 'manifest.webmanifest', 'style.css', 'corpus.css', 'app.js', 'corpus.js', 'store.js',
  'worker.js', 'corpus-worker.js', 'pkg/corroborate.js', 'pkg/corroborate_bg.wasm', 'corpus/manifest.json',
  ...(catalog0 ? [`corpus/${catalog0}`] : []),
];
const fileOf = (f) => (f.startsWith('pkg/') ? join(ROOT, f) : served(f));
// The check of the list: every local href/src of index.html, every static import, every
// new URL('./x', ...) of the listed scripts must be in it (icon.svg and sw.js are only named by
// the web manifest and the service worker registration, fetched after load or not at all).
{
  const named = new Set();
  const html = readFileSync(www('index.html'), 'utf8');
  for (const m of html.matchAll(/\b(?:href|src)="\.\/([^"#?]+)"/g)) named.add(m[1]);
  for (const f of FIRST_LOAD.filter((f) => f.endsWith('.js') && !f.startsWith('pkg/'))) {
    const js = readFileSync(www(f), 'utf8');
    for (const m of js.matchAll(/\bimport\s[^'"]*?from\s+'\.\/([^']+)'/g)) named.add(m[1]);
    for (const m of js.matchAll(/new URL\('\.\/([^']+)'/g)) named.add(m[1]);
  }
  const NOT_BEFORE_CHECK = new Set(['sw.js']);
  const missing = [...named].filter((f) => !f.endsWith('/') && !FIRST_LOAD.includes(f) && !NOT_BEFORE_CHECK.has(f));
  if (missing.length) die(`the page loads ${missing.join(', ')}, which FIRST_LOAD in scripts/bench/bench.mjs does not count: add it there`);
  for (const f of FIRST_LOAD) if (!existsSync(fileOf(f))) die(`www/${f} is missing: run npm run build`);
}
const firstLoadGz = FIRST_LOAD.reduce((s, f) => s + gz(fileOf(f)), 0);
const firstLoadRaw = FIRST_LOAD.reduce((s, f) => s + statSync(fileOf(f)).size, 0);

// ---- the child benchmarks (their JSON is kept in target/bench/bench-*.json) ----
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
function child(script, childArgs, label, nodeArgs = []) {
  process.stderr.write(`\n==> ${label}\n`);
  const r = spawnSync(process.execPath, [...nodeArgs, join(HERE, script), ...childArgs], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26,
  });
  process.stderr.write(r.stdout ?? '');
  if (r.status !== 0) die(`${label} failed (exit ${r.status}; see above)`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('JSON '));
  if (!line) die(`${label} printed no JSON line`);
  writeFileSync(join(ROOT, 'target/bench', `${script.replace('.mjs', '')}.json`), line.slice(5));
  return JSON.parse(line.slice(5));
}

const extract = child('bench-extract.mjs', ['--json'], 'npm run bench:extract -- --json');
const handoff = child('handoff.mjs', ['--json'], 'npm run bench:handoff -- --json', ['--expose-gc']);
const big = quick ? null : child('bench-corpus.mjs', ['--sizes', '10000', '--json'], 'npm run bench:corpus -- --sizes 10000 --json')[0];

// Default corpus: bench-corpus's native binary and its wasm child, on www/corpus/.
process.stderr.write('\n==> default corpus (www/corpus/): check latency native and wasm\n');
execFileSync('cargo', ['build', '--release', '--quiet', '--example', 'bench_corpus'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
const benchDir = join(ROOT, 'target/bench');
const { articleA, articleB } = writeBenchArticles(benchDir);
const wordsOf = (f) => readFileSync(f, 'utf8').split(/\s+/).filter(Boolean).length;
const words = `${wordsOf(articleA)}/${wordsOf(articleB)}`;
const defArgs = [www('corpus'), articleA, articleB, '5'];
const defNative = JSON.parse(execFileSync(join(ROOT, 'target/release/examples/bench_corpus'), defArgs, { encoding: 'utf8' }));
const defWasm = JSON.parse(execFileSync(process.execPath, [join(HERE, 'bench-corpus.mjs'), '--wasm-child', ...defArgs], { encoding: 'utf8', maxBuffer: 1 << 26 }));

// ---- the table ----
const rows = [];
const row = (figure, value, goal, met, command) => rows.push([figure, value, goal, met === null ? '-' : met ? 'yes' : '**no**', command]);
const SIZE_CMD = '`npm run bench` (gzip -9 of the built files, node:zlib)';
row('wasm size (pkg/corroborate_bg.wasm)', `${kb(wasmRaw)} raw, ${kb(wasmGz)} gz`, '-', null, SIZE_CMD);
row('wasm + JS, gzipped (wasm, glue, app.js, worker.js, corpus.js, corpus-worker.js, store.js)', kb(wasmGz + jsGz), '≤ 250 KB gz', wasmGz + jsGz <= 250 * KB, SIZE_CMD);
row(`first-load transfer (${FIRST_LOAD.length} files, see note)`, `${kb(firstLoadGz)} gz (${kb(firstLoadRaw)} raw)`, '≤ 300 KB gz', firstLoadGz <= 300 * KB, SIZE_CMD);
const eCmd = '`npm run bench:extract -- --json`';
const eText = `${(extract.bytes / 1e6).toFixed(2)} MB generated news`;
row(`extraction, native, 1 thread (analyze; ${eText})`, rate(extract.native_1_thread.mb_s), '≥ 20 MB/s', extract.native_1_thread.mb_s >= 20, eCmd);
row(`extraction, native, ${extract.native.threads} threads (this machine's; same text)`, rate(extract.native.mb_s), '≥ 20 MB/s', extract.native.mb_s >= 20, eCmd);
row(`extraction, wasm in Node (Checker.extract; same text)`, rate(extract.wasm_extract.mb_s), '≥ 10 MB/s', extract.wasm_extract.mb_s >= 10, eCmd);
if (extract.wasm_analysis) row(`extraction, wasm in Node, the analysis without the report (Checker.needs on a new Checker: analysis and retrieval plan; same text)`, rate(extract.wasm_analysis.mb_s), '-', null, eCmd);
row('the most Checker.extract can reach: its report turned into JS objects alone (TextDecoder, JSON.parse, flat; same text)', `${rate(handoff.ceiling_mb_s)} (${ms(handoff.total_ms)} for ${(handoff.report_bytes / 1e6).toFixed(1)} MB of JSON)`, '-', null, '`npm run bench:handoff -- --json`');
if (extract.compromise) {
  const c = extract.compromise;
  const vs = (x) => `${(x / c.mb_s).toFixed(0)}×`;
  row(`compromise ${c.version} on the same text${c.scaled ? ` (first ${(c.bytes / 1e3).toFixed(0)} KB, time scaled)` : ''}`,
    `${rate(c.mb_s)}; native ${vs(extract.native_1_thread.mb_s)} (1 thread), wasm ${vs(extract.wasm_extract.mb_s)} faster`,
    '≥ 100× compromise', extract.native_1_thread.mb_s / c.mb_s >= 100 && extract.wasm_extract.mb_s / c.mb_s >= 100, eCmd);
}
const chk = (r) => `cold ${ms(r.cold_ms)}, warm ${ms(r.warm_ms)}`;
const defCmdN = '`target/release/examples/bench_corpus www/corpus target/bench/article-a.txt target/bench/article-b.txt 5`';
const defCmdW = '`node scripts/bench/bench-corpus.mjs --wasm-child www/corpus target/bench/article-a.txt target/bench/article-b.txt 5`';
const docs = manifest.counts?.documents;
const defName = `default corpus${Number.isInteger(docs) ? `, ${docs} documents` : ''}`;
row(`check latency, 1,000-word article, ${defName}, native`, chk(defNative), '≤ 10 ms warm', defNative.warm_ms <= 10, defCmdN);
row(`check latency, 1,000-word article, ${defName}, wasm in Node`, chk(defWasm), '≤ 50 ms warm', defWasm.warm_ms <= 50, defCmdW);
const bCmd = '`npm run bench:corpus -- --sizes 10000 --json`';
if (big) {
  row('index compile, 10,000 documents (native CLI)', `${big.compileS.toFixed(1)} s (${mb(big.rawText)} text)`, '≤ 15 s', big.compileS <= 15, bCmd);
  row(`check latency, 1,000-word article, 10,000 documents, native`, chk(big.nat), '≤ 10 ms warm', big.nat.warm_ms <= 10, bCmd);
  row(`check latency, 1,000-word article, 10,000 documents, wasm in Node`, chk(big.wasm), '≤ 50 ms warm', big.wasm.warm_ms <= 50, bCmd);
} else {
  for (const f of ['index compile, 10,000 documents', 'check latency, 10,000 documents']) row(f, 'skipped (--quick)', '-', null, bCmd);
}
const perInput = (x) => `${(x / extract.bytes).toFixed(1)}× the input`;
const nativePeak = Math.max(extract.native.peak_bytes, extract.native_1_thread.peak_bytes);
row(`peak memory, extraction, native (peak heap; the larger of 1 and ${extract.native.threads} threads)`, `${mb(nativePeak)} (${perInput(nativePeak)})`, '< 10× input', nativePeak < 10 * extract.bytes, eCmd);
row('peak memory, extraction, wasm (linear memory growth)', `${mb(extract.wasm_extract.memory_growth)} (${perInput(extract.wasm_extract.memory_growth)})`, '< 10× input', extract.wasm_extract.memory_growth < 10 * extract.bytes, eCmd);
if (extract.compromise) {
  const g = extract.compromise.peak_growth;
  row('peak memory, extraction, compromise (RSS growth)', `${mb(g)} (${(g / extract.compromise.bytes).toFixed(1)}× its input)`, '-', null, eCmd);
}
row(`peak memory, check, ${defName}: native peak RSS / wasm linear memory`, `${mb(defNative.peak_rss_kb * 1024)} / ${mb(defWasm.memory_bytes ?? 0)}`, '≤ 100 MB (wasm: the page)', defWasm.memory_bytes <= 100 * 1048576, `${defCmdN}, ${defCmdW}`);
if (big) {
  row('peak memory, check, 10,000 documents: native peak RSS / wasm linear memory', `${mb(big.nat.peak_rss_kb * 1024)} / ${mb(big.wasm.memory_bytes ?? 0)}`, '≤ 100 MB (wasm: the page)', (big.wasm.memory_bytes ?? Infinity) <= 100 * 1048576, bCmd);
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
console.log(`$ npm run bench${quick ? ' -- --quick' : ''}`);
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus().length} cores, ${cpu}; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(', ')}; Node ${process.version}\n`);
console.log('| figure | value | budget/goal | met? | command |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nFirst load = gzip -9 bytes of ${FIRST_LOAD.map((f) => relative(ROOT, fileOf(f))).join(', ')} (what the page fetches over http before a check; checked against index.html's links and the scripts' imports). KB = 1024 bytes, MB/s = 10^6 bytes/s. Latency: cold = first check, shards read from disk; warm = median of 10 checks alternating the two generated articles of ${words} words (scripts/bench/gen-corpus.mjs; written for the 10,000-document corpus, so against the default corpus, on another subject, they find no evidence: verdicts ${JSON.stringify(defWasm.summary)}, ${defWasm.shards} shards loaded). The first load is the default corpus's${big ? `; a 10,000-document corpus has ${kb(big.firstCorpusGz)} of manifest and first catalog page instead` : ''}.`);
