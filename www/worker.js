// The checker's worker: loads the wasm core and the corpus, then answers check requests.
//
// Messages in:   { type: 'check', id, text, date }
//                { type: 'export', id, report, text, format, options }   render a report (json,
//                                                            markdown, claimreview, html)
//                { type: 'init', glueSource, wasm, corpus }  only in the one-file build (worker
//                                                            named 'corroborate-inline'): the glue's
//                                                            source, the wasm bytes and the corpus
// Messages out:  { type: 'ready', corpus, version }          the checker is loaded
//                { type: 'progress', id, done, total }       a long text is checked in parts
//                { type: 'exported', id, output }            an export's text
//                { type: 'error', message }                  loading failed (no id); checks will fail too
//                { type: 'result', id, report }              a check's report (shared/spec/cli.md)
//                { type: 'error', id, message }              a check was refused (bad input)
//                { type: 'crash', id?, message }             the wasm trapped; this worker is unusable,
//                                                            the page must start a new one
//
// Every URL is relative to this script, so the page works under any sub-path (GitHub Pages).
// Every call into wasm is wrapped: a Rust panic aborts (panic = "abort") and surfaces here as a
// WebAssembly.RuntimeError ("unreachable"); after that the instance's memory cannot be trusted.

import { resolveNeeds, handleCorpusMessage, messageOf, toPlain } from './corpus-worker.js';

// In the one-file build (scripts/dist-single.mjs) this worker runs from a blob: URL and gets the
// glue's URL, the wasm bytes and the corpus in an 'init' message instead of fetching them.
const INLINE = self.name === 'corroborate-inline';
const PKG_URL = INLINE ? null : new URL('./pkg/corroborate.js', self.location).href;
const CORPUS_URL = INLINE ? null : new URL('./corpus/', self.location);

/** Texts longer than this are checked in parts of about this size (cut at paragraph ends), so
 *  the page can show progress. Relative dates need the article date for every part. */
const PART_CHARS = 100_000;

/** The wasm module (its exports), once loaded. */
let wasmModule = null;

/** @type {Promise<any>} resolves to the Checker; rejects with an Error whose message is for people. */
let checkerPromise = null;
let crashed = false;

/** Is this error a trap of the wasm instance (as opposed to an Error the core threw on purpose)? */
function isTrap(err) {
  return typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
}

/**
 * The report as plain data. serde-wasm-bindgen turns Rust maps into JS `Map`s unless told
 * otherwise, and a core could hand back a JSON string; the page only ever sees plain objects.
 */
function plain(value) {
  if (typeof value === 'string') {
    try { return JSON.parse(value); } catch { return value; }
  }
  return toPlain(value);
}

function crash(err, id) {
  crashed = true;
  const message = `${err && err.name ? `${err.name}: ` : ''}${messageOf(err)}`;
  self.postMessage({ type: 'crash', id, message });
}

async function fetchText(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`${what} could not be fetched (${messageOf(err)})`);
  }
  if (!response.ok) {
    throw new Error(`${what} could not be fetched (HTTP ${response.status} ${response.statusText})`.trim());
  }
  return response.text();
}

async function loadCorpus() {
  const manifestText = await fetchText(new URL('manifest.json', CORPUS_URL), 'corpus/manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(manifestText);
  } catch (err) {
    throw new Error(`corpus/manifest.json is not valid JSON (${messageOf(err)}); rebuild the corpus with \`npm run build\``);
  }
  if (!manifest || typeof manifest !== 'object') {
    throw new Error('corpus/manifest.json is not a corpus manifest; rebuild the corpus with `npm run build`');
  }
  // Only the manifest now: the core names the shards a check needs (corpus-worker.js fetches them).
  return { manifestText, shards: [] };
}

/** A shard as the core takes it: its bytes (the one-file build inlines them in base64). */
function shardBytes(shard) {
  if (shard instanceof Uint8Array) return shard;
  if (typeof shard !== 'string') throw new Error('an inlined corpus shard is neither bytes nor base64; rebuild the page with `npm run dist`');
  let binary;
  try {
    binary = atob(shard);
  } catch (err) {
    throw new Error(`an inlined corpus shard is not valid base64 (${messageOf(err)}); rebuild the page with \`npm run dist\``);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The 'init' message of the one-file build (taken by the page's bootstrap, see app.js). */
function inlineInit() {
  if (self.corroborateInit) return Promise.resolve(self.corroborateInit);
  return new Promise((resolve) => {
    const onInit = (event) => {
      if (event.data && event.data.type === 'init') {
        self.removeEventListener('message', onInit);
        resolve(event.data);
      }
    };
    self.addEventListener('message', onInit);
  });
}

async function start() {
  let wasm;
  let inline = null;
  try {
    if (INLINE) {
      inline = await inlineInit();
      // A blob: URL this worker makes itself (opened from disk, it may import no other).
      wasm = await import(URL.createObjectURL(new Blob([inline.glueSource], { type: 'text/javascript' })));
      await wasm.default({ module_or_path: inline.wasm });
    } else {
      wasm = await import(PKG_URL);
      await wasm.default();
    }
    wasmModule = wasm;
  } catch (err) {
    if (isTrap(err)) crash(err);
    throw new Error(`The checker could not be loaded: ${messageOf(err)}`);
  }

  let corpus;
  try {
    corpus = inline ? inline.corpus : await loadCorpus();
  } catch (err) {
    throw new Error(`The corpus could not be loaded: ${messageOf(err)}`);
  }

  let checker;
  let info;
  let version = '';
  try {
    checker = new wasm.Checker(corpus.manifestText, (corpus.shards ?? []).map(shardBytes));
    await resolveNeeds(checker, CORPUS_URL, () => plain(checker.catalog(0)));
    info = plain(checker.corpusInfo());
    version = wasm.version();
  } catch (err) {
    if (isTrap(err)) crash(err);
    throw new Error(`The corpus could not be loaded: ${messageOf(err)}`);
  }
  self.postMessage({ type: 'ready', corpus: info, version });
  return checker;
}

checkerPromise = start();
checkerPromise.catch((err) => {
  if (!crashed) self.postMessage({ type: 'error', message: messageOf(err) });
});

/** Cuts a long text into parts of about PART_CHARS, each ending at a blank line (or a line end,
 *  or a sentence end), so no sentence is split: [{ start, text }]. */
function parts(text) {
  if (text.length <= PART_CHARS * 1.5) return [{ start: 0, text }];
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PART_CHARS);
    if (end < text.length) {
      const window = text.slice(start + PART_CHARS / 2, end);
      const cut = [/\n\s*\n(?=[^\n]*$)/, /\n(?=[^\n]*$)/, /[.!?]\s(?=[^.!?]*$)/]
        .map((re) => re.exec(window))
        .find((m) => m);
      if (cut) end = start + PART_CHARS / 2 + cut.index + cut[0].length;
    }
    out.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return out;
}

function shift(span, by) {
  if (span && Number.isInteger(span.start) && Number.isInteger(span.end)) {
    span.start += by;
    span.end += by;
  }
}

/** The core's limit per check (MAX_TEXT_BYTES in src/lib.rs), in UTF-8 bytes. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * The article date the core would take from the text itself (its first full date, in the first
 * 4,000 characters), so that every part, not only the first, places relative dates by it.
 */
function headDate(checker, text) {
  try {
    const head = plain(checker.extract(text.slice(0, 4000), {}));
    const date = (head.mentions ?? []).find((m) => m.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(m.value));
    return date ? date.value : undefined;
  } catch (err) {
    if (isTrap(err)) throw err;
    return undefined;
  }
}

/** Checks a text, in parts when it is long: one report, offsets into the whole text. */
/** Checks one text: first fetches the shards of the shipped corpus its claims need. */
async function checkOne(checker, text, options) {
  await resolveNeeds(checker, CORPUS_URL, () => checker.needs(text, options));
  return plain(checker.check(text, options));
}

async function checkInParts(checker, id, text, options) {
  const list = parts(text);
  // Over the limit, the whole text goes to the core, which refuses it with its own message.
  if (list.length === 1 || new TextEncoder().encode(text).length > MAX_TEXT_BYTES) {
    return checkOne(checker, text, options);
  }
  if (!options.date) {
    const date = headDate(checker, text);
    if (date) options = { ...options, date };
  }
  let merged = null;
  for (const [i, part] of list.entries()) {
    self.postMessage({ type: 'progress', id, done: i, total: list.length });
    const report = await checkOne(checker, part.text, options);
    for (const claim of report.claims) {
      shift(claim, part.start);
      shift(claim.anchor, part.start);
    }
    if (!merged) {
      merged = report;
    } else {
      merged.claims.push(...report.claims);
      for (const [k, v] of Object.entries(report.summary ?? {})) merged.summary[k] = (merged.summary[k] ?? 0) + v;
    }
  }
  merged.claims.forEach((claim, i) => { claim.id = `c${i + 1}`; });
  self.postMessage({ type: 'progress', id, done: list.length, total: list.length });
  return merged;
}

function exportReport(msg) {
  const { id } = msg;
  if (!wasmModule || typeof wasmModule.renderReport !== 'function') {
    self.postMessage({ type: 'error', id, message: 'The checker is not loaded, so the report cannot be exported yet' });
    return;
  }
  try {
    const output = wasmModule.renderReport(msg.report, String(msg.text ?? ''), String(msg.format), msg.options ?? {});
    self.postMessage({ type: 'exported', id, output });
  } catch (err) {
    if (isTrap(err)) crash(err, id);
    else self.postMessage({ type: 'error', id, message: messageOf(err) });
  }
}

self.addEventListener('message', async (event) => {
  const msg = event.data;
  if (msg && msg.type === 'export') {
    try {
      await checkerPromise;
    } catch (err) {
      self.postMessage({ type: 'error', id: msg.id, message: messageOf(err) });
      return;
    }
    exportReport(msg);
    return;
  }
  if (msg && typeof msg.type === 'string' && msg.type.startsWith('corpus-')) {
    let ready;
    try { ready = await checkerPromise; } catch (err) {
      self.postMessage({ type: 'corpus-reply', rid: msg.rid, ok: false, message: messageOf(err) });
      return;
    }
    if (crashed) return;
    try { await handleCorpusMessage(msg, ready, CORPUS_URL, (m) => self.postMessage(m)); } catch (err) { crash(err); }
    return;
  }
  if (!msg || msg.type !== 'check') return;
  const { id } = msg;
  let checker;
  try {
    checker = await checkerPromise;
  } catch (err) {
    self.postMessage({ type: 'error', id, message: messageOf(err) });
    return;
  }
  if (crashed) {
    self.postMessage({ type: 'crash', id, message: 'the checker had already stopped' });
    return;
  }
  const text = typeof msg.text === 'string' ? msg.text : '';
  const options = {};
  if (typeof msg.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(msg.date)) options.date = msg.date;
  let report;
  try {
    report = await checkInParts(checker, id, text, options);
  } catch (err) {
    if (isTrap(err)) {
      crash(err, id);
    } else {
      self.postMessage({ type: 'error', id, message: messageOf(err) });
    }
    return;
  }
  self.postMessage({ type: 'result', id, report });
});
