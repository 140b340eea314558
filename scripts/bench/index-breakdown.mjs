#!/usr/bin/env node
// Where the gzipped bytes of a compiled index go (a benchmark tool, not a test):
//
//   node scripts/bench/index-breakdown.mjs INDEX_DIR [--raw-text BYTES]
//
// For each kind of shard (catalog, docs, terms) it sums, over the shards: the file's size raw and
// gzipped (-9, node:zlib, what the benchmarks count), and for each part of a shard (the header,
// the string table, each column) its raw bytes and its deflate size alone (raw deflate, no gzip
// header: what the part costs when compressed by itself; parts compressed together cost a
// little less, and each file pays about 18 bytes of gzip header and trailer besides).
// Column names follow src/corpus/index.rs (encode_docs, encode_terms, encode_catalog).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) {
  console.error('usage: node scripts/bench/index-breakdown.mjs INDEX_DIR [--raw-text BYTES]');
  process.exit(2);
}
const rawTextArg = args.indexOf('--raw-text');
const COLUMNS = {
  docs: JSON.parse(process.env.DOCS_COLUMNS || 'null') ?? ['meta, counts', 'text', 'claim sentences', 'claims per sentence'],
  terms: JSON.parse(process.env.TERMS_COLUMNS || 'null') ?? ['counts', 'terms (front-coded)', 'df, postings count', 'postings: doc deltas', 'postings: claim sentences', 'postings: lengths', 'aliases'],
  catalog: ['entries'],
};

function uint(buf, at) {
  let x = 0;
  let mul = 1;
  for (;;) {
    const b = buf[at.pos];
    at.pos += 1;
    x += (b & 0x7f) * mul;
    if (!(b & 0x80)) return x;
    mul *= 128;
  }
}

const gz = (b) => gzipSync(b, { level: 9 }).length;
const dz = (b) => (b.length ? deflateRawSync(b, { level: 9 }).length : 0);

const totals = {};
const add = (kind, part, raw, z) => {
  const t = (totals[kind] ??= { files: 0, raw: 0, gz: 0, parts: {} });
  const p = (t.parts[part] ??= { raw: 0, z: 0 });
  p.raw += raw;
  p.z += z;
};
let manifestGz = 0;
for (const f of readdirSync(dir).sort()) {
  const buf = readFileSync(join(dir, f));
  if (f === 'manifest.json') {
    manifestGz = gz(buf);
    continue;
  }
  if (!f.endsWith('.bin')) continue;
  const kind = f.split('-')[0];
  const t = (totals[kind] ??= { files: 0, raw: 0, gz: 0, parts: {} });
  t.files += 1;
  t.raw += buf.length;
  t.gz += gz(buf);
  const at = { pos: 4 };
  const skip = () => {
    const n = uint(buf, at);
    at.pos += n;
  };
  uint(buf, at); // format
  skip(); // name
  at.pos += 16; // checksum (index format 5 and 6: the first 16 bytes of the body's SHA-256)
  const header = buf.subarray(0, at.pos);
  add(kind, 'header (magic, format, name, checksum)', header.length, dz(header));
  const strStart = at.pos;
  const ns = uint(buf, at);
  for (let i = 0; i < ns; i += 1) skip();
  const strings = buf.subarray(strStart, at.pos);
  add(kind, 'string table', strings.length, dz(strings));
  const lensStart = at.pos;
  const nc = uint(buf, at);
  const lens = [];
  for (let i = 0; i < nc; i += 1) lens.push(uint(buf, at));
  add(kind, 'column lengths', at.pos - lensStart, dz(buf.subarray(lensStart, at.pos)));
  lens.forEach((len, i) => {
    const col = buf.subarray(at.pos, at.pos + len);
    at.pos += len;
    add(kind, `col ${i}: ${COLUMNS[kind]?.[i] ?? '?'}`, col.length, dz(col));
  });
}
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
let all = manifestGz;
for (const [kind, t] of Object.entries(totals)) {
  all += t.gz;
  console.log(`${kind}: ${t.files} files, ${kb(t.raw)} raw, ${kb(t.gz)} gz`);
  for (const [part, p] of Object.entries(t.parts)) {
    console.log(`  ${part.padEnd(44)} ${kb(p.raw).padStart(12)} raw ${kb(p.z).padStart(12)} deflated alone`);
  }
}
console.log(`manifest.json: ${manifestGz} bytes gz`);
const rawText = rawTextArg >= 0 ? Number(args[rawTextArg + 1]) : 0;
console.log(`index gz (every file but disagreements.json): ${kb(all)}${rawText ? ` = ${((100 * all) / rawText).toFixed(1)}% of ${kb(rawText)} raw text` : ''}`);
