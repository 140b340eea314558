#!/usr/bin/env node
// Extraction benchmark (not a test): the same generated news text through
//   native  target/release/examples/bench_extract (corroborate::analyze: segment + extract + claims)
//   wasm    pkg-node/ in this Node process (Checker.extract: the same, plus the conversion of the
//           result to JS objects); Checker.check timed too, and the analysis without the report
//           (Checker.needs on a new Checker: the analysis and the retrieval plan)
//   compromise (npm) in a child Node process: nlp(text), .sentences().out('array'),
//           .numbers().json(), .money().json()
// best of N runs each, and one table: MB/s, time for the text, peak memory / input, ratio vs compromise.
//
//   npm run bench:extract [-- --bytes N] [--runs N] [--seed S] [--compromise-bytes N] [--breakdown] [--json]
//
// --json: also prints one last line `JSON {...}` with the figures (for scripts/bench/bench.mjs).
//
// For experiments: --native BIN (another bench_extract binary; no cargo build), --wasm-glue FILE
// (another wasm-bindgen --target nodejs glue instead of pkg-node/corroborate.js), --no-compromise.
//
// MB = 10^6 bytes. Peak memory is measured differently per engine (each line says how):
//   native      exact peak heap from a counting global allocator, above what was live before the run
//               (the input itself not counted);
//   wasm        growth of the instance's linear memory (memory.buffer.byteLength) over the runs,
//               read from the WebAssembly.Instance the pkg-node glue creates (captured at load);
//   compromise  growth of the child process's peak RSS (process.resourceUsage().maxRSS) over its
//               RSS after loading compromise and the text.
// compromise is slow and grows faster than linearly with the input, so by default it runs on a
// prefix (whole paragraphs, at least 200 KB) and its time is scaled linearly to the whole text,
// which flatters it (the output says so). --compromise-bytes 0 runs it on the whole text.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-news.mjs';
import { ROOT, args, opt } from './options.mjs';
import { requireGlue, WARM_UP } from './wasm-glue.mjs';

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mbs = (bytes, ms) => bytes / 1e6 / (ms / 1000);

// ---- the compromise child: times and measures compromise on one file, prints RESULT {json} ----
if (args[0] === '--compromise-worker') {
  const [, file, runsText] = args;
  const { default: nlp } = await import('compromise');
  const text = readFileSync(file, 'utf8');
  // Load and JIT on a small piece first, so the runs measure extraction, not start-up.
  nlp(text.slice(0, 5000)).numbers().json();
  const base = process.memoryUsage().rss;
  let best = Infinity;
  let counts = null;
  for (let r = 0; r < Number(runsText); r++) {
    const t0 = performance.now();
    const doc = nlp(text);
    const sentences = doc.sentences().out('array');
    const numbers = doc.numbers().json();
    const money = doc.money().json();
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    counts = { sentences: sentences.length, numbers: numbers.length, money: money.length };
    process.stderr.write(`    compromise run ${r + 1}: ${fmt(dt / 1000, 1)} s\n`);
  }
  const peakRss = process.resourceUsage().maxRSS * 1024; // KiB -> bytes
  console.log('RESULT ' + JSON.stringify({ bytes: Buffer.byteLength(text), best_ms: best, peak_growth: Math.max(0, peakRss - base), ...counts }));
  process.exit(0);
}

const bytes = opt('--bytes', 1_500_000);
const runs = opt('--runs', 3);
const seed = opt('--seed', 42);
const compromiseBytes = opt('--compromise-bytes', 200_000);
const breakdown = args.includes('--breakdown');
const sopt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const nativeBin = sopt('--native', null);
const skipCompromise = args.includes('--no-compromise');
const die = (msg) => {
  console.error(`error: ${msg}`);
  process.exit(1);
};
if (!(bytes > 0) || !(runs > 0) || !Number.isInteger(seed) || !(compromiseBytes >= 0)) {
  die('usage: npm run bench:extract [-- --bytes N] [--runs N] [--seed S] [--compromise-bytes N] [--breakdown]');
}

console.log(`$ npm run bench:extract${args.length ? ' -- ' + args.join(' ') : ''}`);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpus().length} cores, ${cpu}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}; Node ${process.version}`);

// ---- what must be built ----
const pkgNode = sopt('--wasm-glue', join(ROOT, 'pkg-node', 'corroborate.js'));
if (!existsSync(pkgNode) || !existsSync(join(ROOT, 'www/corpus/manifest.json'))) {
  die('pkg-node/ or www/corpus/ is missing: run npm run build first');
}
if (!nativeBin) {
  process.stderr.write('==> cargo build --release --example bench_extract\n');
  const build = spawnSync('cargo', ['build', '--release', '--example', 'bench_extract'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) die('cargo build --release --example bench_extract failed (see above)');
}

// ---- the text ----
const text = generate(bytes, seed);
const n = Buffer.byteLength(text);
const file = join(ROOT, 'target/bench/news.txt');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, text);
console.log(`text: target/bench/news.txt, ${n} bytes (${fmt(n / 1e6, 2)} MB) of generated news (scripts/bench/gen-news.mjs, seed ${seed}); best of ${runs} runs per engine`);

// ---- native: on one thread, then on as many as the machine offers (corroborate::parallel) ----
const runNative = (threads) => {
  process.stderr.write(`==> native, threads: ${threads || 'all'}\n`);
  const nativeArgs = [file, '--runs', String(runs), '--threads', String(threads), ...(breakdown ? ['--breakdown'] : [])];
  const nat = spawnSync(nativeBin ?? join(ROOT, 'target/release/examples/bench_extract'), nativeArgs, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (nat.status !== 0) die(`bench_extract failed: ${nat.stderr}`);
  const line = nat.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return [JSON.parse(line.slice(7)), nat.stdout.split('\n').filter((l) => l && !l.startsWith('RESULT '))];
};
const [native1, native1Detail] = runNative(1);
const [native, nativeDetail] = runNative(0);

// ---- wasm, in this process ----
process.stderr.write('==> wasm (Node)\n');
// The glue keeps its instance private: captured as it is created, to read its memory.
const { glue: { Checker, version }, instance } = requireGlue(pkgNode);
const memory = instance?.exports?.memory;
const manifestText = readFileSync(join(ROOT, 'www/corpus/manifest.json'), 'utf8');
// Extraction needs no corpus shard (they load as checks need them).
const checker = new Checker(manifestText, []);
// The warm-up has a mention of each kind, so that every pattern's caches are built before the
// memory is read: a pattern first met in the measured run (a rank, a duration, a phone number)
// would count its fixed caches as growth with the text.
checker.extract(WARM_UP, {});
const memBefore = memory ? memory.buffer.byteLength : NaN;
const timeWasm = (f) => {
  let best = Infinity;
  let out = null;
  for (let r = 0; r < runs; r++) {
    out = null;
    const t0 = performance.now();
    out = f();
    best = Math.min(best, performance.now() - t0);
  }
  return { best, out };
};
const wx = timeWasm(() => checker.extract(text, {}));
const memAfterExtract = memory ? memory.buffer.byteLength : NaN;
const wasmCounts = { sentences: wx.out.sentences.length, mentions: wx.out.mentions.length, claims: wx.out.claims.length };
wx.out = null;
for (let names = checker.needs(text, {}); names.length; names = checker.needs(text, {})) {
  for (const n of names) checker.addShard(n, readFileSync(join(ROOT, 'www/corpus', n)));
}
const wc = timeWasm(() => checker.check(text, {}));
const wasmCheckClaims = wc.out.claims.length;
wc.out = null;
const wasmGrowth = memAfterExtract - memBefore;
// (After the memory is read: these analyses grow the linear memory too.)
// The analysis without the report: Checker.needs on a new Checker each run (a Checker keeps its
// last analysis) analyses the text and plans the retrieval, and returns only the shard names.
let wasmAnalysis = Infinity;
for (let r = 0; r < runs; r++) {
  const fresh = new Checker(manifestText, []);
  fresh.extract(WARM_UP, {});
  const t0 = performance.now();
  fresh.needs(text, {});
  wasmAnalysis = Math.min(wasmAnalysis, performance.now() - t0);
  fresh.free();
}

// ---- compromise, in a child process (its own heap, its own peak RSS) ----
let cText = text;
let cScaled = false;
if (compromiseBytes > 0 && compromiseBytes < n) {
  // Whole paragraphs, at least compromiseBytes.
  const cut = text.indexOf('\n\n', compromiseBytes);
  cText = cut < 0 ? text : text.slice(0, cut + 1);
  cScaled = cText.length < text.length;
}
const cn = Buffer.byteLength(cText);
let compromise = null;
if (!skipCompromise) {
  const cFile = join(ROOT, 'target/bench/news-compromise.txt');
  writeFileSync(cFile, cText);
  process.stderr.write(`==> compromise on ${cn} bytes (about 0.01-0.03 MB/s: this takes a while)\n`);
  const comp = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--compromise-worker', cFile, String(runs)], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (comp.status !== 0) die('the compromise run failed (see above)');
  compromise = JSON.parse(comp.stdout.split('\n').find((l) => l.startsWith('RESULT ')).slice(7));
}
const compMbs = compromise ? mbs(cn, compromise.best_ms) : NaN;
const compVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/compromise/package.json'), 'utf8')).version;

// ---- the table ----
const rows = [
  ['native, 1 thread (bench_extract: analyze)', native1.mb_s, native1.best_ms, `${fmt(native1.peak_bytes / n, 2)}x (heap)`],
  [`native, ${native.threads} threads (all this machine offers)`, native.mb_s, native.best_ms, `${fmt(native.peak_bytes / n, 2)}x (heap)`],
  [`wasm in Node (Checker.extract)`, mbs(n, wx.best), wx.best, `${fmt(wasmGrowth / n, 2)}x (linear memory)`],
  [`wasm in Node, analysis without the report (Checker.needs, new Checker)`, mbs(n, wasmAnalysis), wasmAnalysis, '-'],
  [`wasm in Node (Checker.check)`, mbs(n, wc.best), wc.best, '-'],
];
if (compromise) rows.push([`compromise ${compVersion}${cScaled ? ' *' : ''}`, compMbs, (n / 1e6 / compMbs) * 1000, `${fmt(compromise.peak_growth / cn, 2)}x (RSS)`]);
console.log('');
console.log('| engine | MB/s | time for the text | peak memory / input | vs compromise |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, rate, ms, mem] of rows) {
  const time = !Number.isFinite(ms) ? '-' : ms >= 10_000 ? `${fmt(ms / 1000, 0)} s` : ms >= 1000 ? `${fmt(ms / 1000, 2)} s` : `${fmt(ms, 1)} ms`;
  console.log(`| ${name} | ${fmt(rate, rate < 1 ? 3 : 1)} | ${time} | ${mem} | ${fmt(rate / compMbs, 0)}x |`);
}
console.log('');
console.log(`output: native ${native.sentences} sentences, ${native.mentions} mentions, ${native.claims} claims; wasm ${wasmCounts.sentences}/${wasmCounts.mentions}/${wasmCounts.claims} (check: ${wasmCheckClaims} claims; wasm engine ${version()})${compromise ? `; compromise ${compromise.sentences} sentences, ${compromise.numbers} numbers, ${compromise.money} money on its ${cn} bytes` : ''}`);
if (compromise && cScaled) {
  console.log(`* compromise ran on the first ${cn} bytes (whole paragraphs) and its time is scaled linearly to ${n} bytes; its own time grows faster than linearly with the input, so this flatters it`);
}
console.log(`memory: native = exact peak heap above the live bytes before a run (counting allocator); wasm = growth of the instance's linear memory over the runs (${memory ? `${memBefore} -> ${memAfterExtract} bytes` : 'instance not captured'}; JS objects of the result not counted); compromise = peak RSS growth of its process`);
console.log(`goals: native >= 20 MB/s: ${native.mb_s >= 20 ? 'met' : 'MISSED'} (${native.threads} threads; 1 thread: ${native1.mb_s >= 20 ? 'met' : 'MISSED'}); wasm >= 10 MB/s: ${mbs(n, wx.best) >= 10 ? 'met' : 'MISSED'}; >= 100x compromise: ${!compromise ? 'not run' : mbs(n, wx.best) / compMbs >= 100 && native.mb_s / compMbs >= 100 ? 'met' : 'MISSED'}; peak memory < 10x input: ${Math.max(native.peak_bytes, native1.peak_bytes) / n < 10 && wasmGrowth / n < 10 ? 'met' : 'MISSED'}`);
if (breakdown) {
  console.log('\nnative breakdown (bench_extract --breakdown), 1 thread:');
  for (const l of native1Detail) console.log('  ' + l);
  console.log(`native breakdown, ${native.threads} threads:`);
  for (const l of nativeDetail) console.log('  ' + l);
}
if (args.includes('--json')) {
  console.log('JSON ' + JSON.stringify({
    bytes: n, runs, seed,
    native: { mb_s: native.mb_s, best_ms: native.best_ms, peak_bytes: native.peak_bytes, threads: native.threads },
    native_1_thread: { mb_s: native1.mb_s, best_ms: native1.best_ms, peak_bytes: native1.peak_bytes },
    wasm_extract: { mb_s: mbs(n, wx.best), best_ms: wx.best, memory_growth: wasmGrowth },
    wasm_check: { mb_s: mbs(n, wc.best), best_ms: wc.best },
    wasm_analysis: { mb_s: mbs(n, wasmAnalysis), best_ms: wasmAnalysis },
    compromise: compromise ? { version: compVersion, bytes: cn, scaled: cScaled, mb_s: compMbs, best_ms: compromise.best_ms, peak_growth: compromise.peak_growth } : null,
  }));
}
