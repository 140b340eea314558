#!/usr/bin/env node
// What handing the extract report to JavaScript costs by itself (a benchmark, not a test), and so
// the most that `Checker.extract` can reach in this Node on this machine, however fast the analysis
// and the writing of the report become.
//
//   npm run bench:handoff [-- --bytes N] [--seed S] [--runs N] [--json]
//
// --json: also prints one last line `JSON {...}` with the figures (for scripts/bench/bench.mjs).
//
// The same generated news text as `npm run bench:extract` (scripts/bench/gen-news.mjs, the same
// defaults) goes through the native CLI (`corroborate extract --format json`, built if missing);
// its report is cut the way src/wasm.rs cuts it (each list in pieces of about 256 KB of JSON, all
// ASCII, a char outside ASCII written as its \u escape, as the wasm writes them for a text with
// few such chars, like this one) and each piece is turned into JS objects
// the way the wasm glue does: bytes -> TextDecoder -> JSON.parse, then the pieces joined with
// Array.prototype.flat. Best of N runs, garbage collected between runs when Node runs with
// --expose-gc. MB = 10^6 bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './gen-news.mjs';
import { ROOT, args, opt } from './options.mjs';

const bytes = opt('--bytes', 1_500_000);
const seed = opt('--seed', 42);
const runs = opt('--runs', 5);
for (const [name, v] of [['--bytes', bytes], ['--runs', runs]]) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`handoff: ${name} needs a whole number of 1 or more`);
    process.exit(2);
  }
}

const cli = join(ROOT, 'target/release/corroborate');
if (!existsSync(cli)) {
  const b = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('handoff: `cargo build --release` failed (see above); the CLI is needed for the report');
    process.exit(1);
  }
}
const text = generate(bytes, seed);
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
const file = join(ROOT, 'target/bench/handoff.txt');
writeFileSync(file, text);
const out = spawnSync(cli, ['extract', file, '--format', 'json'], { maxBuffer: 1 << 30, encoding: 'utf8' });
if (out.status !== 0) {
  console.error(`handoff: corroborate extract failed: ${out.stderr}`);
  process.exit(1);
}
const report = JSON.parse(out.stdout);

// The pieces, as src/wasm.rs writes them (report::chunks: items until a piece passes 256 KB).
const ascii = (s) => s.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const PIECE = 256 << 10;
const parts = {};
let reportBytes = 0;
for (const key of ['sentences', 'mentions', 'claims']) {
  const pieces = [];
  let cur = [];
  let len = 1;
  for (const item of report[key]) {
    const json = ascii(JSON.stringify(item));
    cur.push(json);
    len += json.length + 1;
    if (len >= PIECE) {
      pieces.push(Buffer.from('[' + cur.join(',') + ']'));
      cur = [];
      len = 1;
    }
  }
  if (cur.length) pieces.push(Buffer.from('[' + cur.join(',') + ']'));
  parts[key] = pieces;
  reportBytes += pieces.reduce((n, p) => n + p.length, 0);
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const best = { decode: Infinity, parse: Infinity, flat: Infinity, total: Infinity };
for (let r = 0; r < runs; r++) {
  if (globalThis.gc) globalThis.gc();
  let decode = 0;
  let parse = 0;
  let flat = 0;
  const t0 = process.hrtime.bigint();
  const result = {};
  for (const [key, pieces] of Object.entries(parts)) {
    const lists = [];
    for (const p of pieces) {
      const a = process.hrtime.bigint();
      const s = decoder.decode(p);
      const b = process.hrtime.bigint();
      lists.push(JSON.parse(s));
      decode += Number(b - a);
      parse += Number(process.hrtime.bigint() - b);
    }
    const c = process.hrtime.bigint();
    result[key] = lists.flat(1);
    flat += Number(process.hrtime.bigint() - c);
  }
  const total = Number(process.hrtime.bigint() - t0);
  if (result.claims.length !== report.claims.length) throw new Error('pieces lost claims');
  if (total < best.total) Object.assign(best, { decode, parse, flat, total });
}
const ms = (ns) => (ns / 1e6).toFixed(1);
const n = Buffer.byteLength(text);
console.log(`text ${(n / 1e6).toFixed(2)} MB (generated, seed ${seed}); report ${(reportBytes / 1e6).toFixed(1)} MB of JSON in ${Object.values(parts).flat().length} pieces: ${report.sentences.length} sentences, ${report.mentions.length} mentions, ${report.claims.length} claims`);
console.log(`handoff, best of ${runs}: ${ms(best.total)} ms (TextDecoder ${ms(best.decode)}, JSON.parse ${ms(best.parse)}, flat ${ms(best.flat)})${globalThis.gc ? '' : ' (run with --expose-gc to collect between runs)'}`);
console.log(`ceiling for Checker.extract from the handoff alone: ${(n / 1e6 / (best.total / 1e9)).toFixed(2)} MB/s (node ${process.version})`);
if (args.includes('--json')) {
  const f = (ns) => Math.round(ns / 1e3) / 1e3;
  console.log(`JSON ${JSON.stringify({ bytes: n, report_bytes: reportBytes, runs, total_ms: f(best.total), decode_ms: f(best.decode), parse_ms: f(best.parse), flat_ms: f(best.flat), ceiling_mb_s: n / 1e6 / (best.total / 1e9), node: process.version })}`);
}
