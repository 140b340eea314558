// The one-file build: the whole page (style, script, the checker's worker, the wasm and the
// corpus) in one HTML file that works when opened straight from disk (file://), with no server.
//
//   node scripts/dist-single.mjs [SITE_DIR] [OUT_FILE]      (defaults: dist dist/corroborate.html)
//
// SITE_DIR is what scripts/dist.sh assembled (index.html, app.js, worker.js, style.css, pkg/,
// corpus/). The page's module scripts are inlined and pinned by its hash in the file's own
// Content-Security-Policy (no 'unsafe-inline', no eval; 'wasm-unsafe-eval' for the wasm); the
// worker, the wasm-bindgen glue, the wasm (base64) and the corpus ride along as inert data blocks
// (<script type="text/plain"> and the like: never run as they are). app.js sees
// <html data-inline="true">, starts the worker from a blob: URL and hands it the rest
// (worker.js, "init").
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const site = resolve(process.argv[2] ?? 'dist');
const out = resolve(process.argv[3] ?? join(site, 'corroborate.html'));

function fail(message, hint) {
  console.error(`dist-single: ${message}`);
  if (hint) console.error(`             ${hint}`);
  process.exit(1);
}

function read(path, encoding = 'utf8') {
  const file = join(site, path);
  if (!existsSync(file)) fail(`${file} is missing`, 'run `npm run dist` (it builds and assembles the site first)');
  return readFileSync(file, encoding);
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Text put inside a <script> element must not close it early. */
const scriptSafe = (text) => text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

let html = read('index.html');
const css = read('style.css');
const glue = read('pkg/corroborate.js');
const wasm = read('pkg/corroborate_bg.wasm', null);
const manifestText = read('corpus/manifest.json');
let manifest;
try {
  manifest = JSON.parse(manifestText);
} catch (err) {
  fail(`corpus/manifest.json is not JSON (${err.message})`, 'rebuild the corpus: npm run build');
}
// Every shard of the index, in the order the core's Checker takes them (Part::shard_names in
// src/corpus/index.rs): catalog, docs, terms; `{kind}-{first 12 of the id}-{n}.bin`, binary
// (the binary index format), inlined in base64 (worker.js decodes them).
const shardNames = [];
if (typeof manifest.id !== 'string' || !/^[0-9a-f]{12,}$/.test(manifest.id)) {
  fail('corpus/manifest.json has no corpus id', 'rebuild the corpus: npm run build');
}
for (const [kind, count] of [['catalog', manifest.catalog_shards], ['docs', manifest.doc_shards], ['terms', manifest.term_shards]]) {
  if (!Number.isInteger(count) || count < 0) fail(`corpus/manifest.json has no count of ${kind} shards`, 'rebuild the corpus: npm run build');
  for (let n = 0; n < count; n += 1) shardNames.push(`${kind}-${manifest.id.slice(0, 12)}-${n}.bin`);
}
const shards = shardNames.map((name) => read(`corpus/${name}`, null).toString('base64'));

// A module the page or the worker imports from this folder (`import ... from './store.js'`) has
// nothing to load from in one file: each becomes a data: URL of its own text (its own imports
// rewritten the same way), and script-src then allows data: (only then).
let dataImports = 0;
function inlineImports(source, from, seen = new Set()) {
  const dynamic = /\bimport\(\s*['"]\.{1,2}\/[^'"]*['"]\s*\)/.exec(source);
  if (dynamic) fail(`${from} imports a file at run time (${dynamic[0]}); the one-file build cannot inline that`);
  return source.replace(/(\bfrom\s*|\bimport\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (all, keyword, quote, spec) => {
    const path = join(from, '..', spec);
    if (seen.has(path)) fail(`${spec} is imported in a cycle; the one-file build cannot inline it`);
    const text = inlineImports(read(path), path, new Set([...seen, path]));
    dataImports += 1;
    return `${keyword}${quote}data:text/javascript;base64,${Buffer.from(text).toString('base64')}${quote}`;
  });
}

// Every module script the page loads from this folder (app.js, and any other part added later)
// is inlined, each pinned by its hash.
const modules = [...html.matchAll(/<script type="module" src="\.\/([A-Za-z0-9._\/-]+\.m?js)"><\/script>/g)]
  .map(([tag, path]) => ({ tag, path, source: inlineImports(read(path), path) }));
if (!modules.some((m) => m.path === 'app.js')) fail('index.html has no <script type="module" src="./app.js">');
for (const m of modules) {
  if (/<\/script|<!--/i.test(m.source)) fail(`${m.path} contains "</script" or "<!--", which would break out of its inline <script>`);
}
const worker = inlineImports(read('worker.js'), 'worker.js');

const favicon = `data:image/svg+xml;base64,${read('favicon.svg', null).toString('base64')}`;
// Every same-folder stylesheet of the page (style.css, corpus.css, ...), in order, as one <style>.
const sheetLinks = [...html.matchAll(/\s*<link rel="stylesheet" href="\.\/([A-Za-z0-9_-]+\.css)">/g)];
const sheets = sheetLinks.map((m) => (m[1] === 'style.css' ? css : read(m[1]))).join('\n');
const style = sheets.replace(/url\((["']?)\.\/favicon\.svg\1\)/g, `url("${favicon}")`);

const csp = [
  "default-src 'none'",
  `script-src ${modules.map((m) => `'sha256-${sha256(m.source)}'`).join(' ')} 'wasm-unsafe-eval' blob:${dataImports ? ' data:' : ''}`,
  `style-src 'sha256-${sha256(style)}'`,
  'img-src data:',
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const replaceOnce = (pattern, replacement, what) => {
  if (!pattern.test(html)) fail(`index.html has no ${what}`, 'scripts/dist-single.mjs must be updated with index.html');
  html = html.replace(pattern, () => replacement);
};

replaceOnce(/<html lang="en">/, '<html lang="en" data-inline="true">', '<html lang="en">');
replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'Content-Security-Policy meta element');
replaceOnce(/<link rel="stylesheet" href="\.\/style\.css">/, `<style>${style}</style>`, 'stylesheet link');
for (const m of sheetLinks) if (m[1] !== 'style.css') html = html.replace(m[0], '');
for (const m of modules) html = html.replace(m.tag, () => `<script type="module">${m.source}</script>`);
replaceOnce(/<link rel="icon" href="\.\/favicon\.svg" type="image\/svg\+xml">/,
  `<link rel="icon" href="${favicon}" type="image/svg+xml">`, 'favicon link');
html = html.replace(/\s*<link rel="manifest" href="[^"]*">/, '');
// A same-folder script in any other form (a classic script, other attributes) is not inlined.
const stray = /<script[^>]*\ssrc="\.\/[^"]*"/.exec(html);
if (stray) fail(`index.html loads ${stray[0]}; the one-file build inlines only <script type="module" src="./x.js"></script>`);

const blocks = [
  `<script type="text/plain" id="inline-worker">${scriptSafe(worker)}</script>`,
  `<script type="text/plain" id="inline-glue">${scriptSafe(glue)}</script>`,
  `<script type="application/octet-stream" id="inline-wasm">${wasm.toString('base64')}</script>`,
  `<script type="application/json" id="inline-corpus">${scriptSafe(JSON.stringify({ manifestText, shards }))}</script>`,
].join('\n');
replaceOnce(/<\/body>/, `${blocks}\n</body>`, '</body>');

writeFileSync(out, html);
console.log(`dist-single: ${out} (${statSync(out).size.toLocaleString('en')} bytes; wasm ${wasm.length.toLocaleString('en')} bytes, ${shards.length} corpus shard(s))`);
