// The checker's worker: loads the wasm core and the corpus, then answers check requests.
//
// Messages in:   { type: 'check', id, text, date }
// Messages out:  { type: 'ready', corpus, version }          the checker is loaded
//                { type: 'error', message }                  loading failed (no id); checks will fail too
//                { type: 'result', id, report }              a check's report (shared/spec/cli.md)
//                { type: 'error', id, message }              a check was refused (bad input)
//                { type: 'crash', id?, message }             the wasm trapped; this worker is unusable,
//                                                            the page must start a new one
//
// Every URL is relative to this script, so the page works under any sub-path (GitHub Pages).
// Every call into wasm is wrapped: a Rust panic aborts (panic = "abort") and surfaces here as a
// WebAssembly.RuntimeError ("unreachable"); after that the instance's memory cannot be trusted.

import { resolveNeeds, handleCorpusMessage } from './corpus-worker.js';

const PKG_URL = new URL('./pkg/corroborate.js', self.location).href;
const CORPUS_URL = new URL('./corpus/', self.location);

/** @type {Promise<any>} resolves to the Checker; rejects with an Error whose message is for people. */
let checkerPromise = null;
let crashed = false;

/** Is this error a trap of the wasm instance (as opposed to an Error the core threw on purpose)? */
function isTrap(err) {
  return typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
}

function messageOf(err) {
  if (err && typeof err.message === 'string' && err.message) return err.message;
  return String(err);
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

function toPlain(value) {
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) out[String(k)] = toPlain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value)) out[k] = toPlain(value[k]);
    return out;
  }
  return value;
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

async function start() {
  let wasm;
  try {
    wasm = await import(PKG_URL);
    await wasm.default();
  } catch (err) {
    if (isTrap(err)) crash(err);
    throw new Error(`The checker could not be loaded: ${messageOf(err)}`);
  }

  let corpus;
  try {
    corpus = await loadCorpus();
  } catch (err) {
    throw new Error(`The corpus could not be loaded: ${messageOf(err)}`);
  }

  let checker;
  let info;
  let version = '';
  try {
    checker = new wasm.Checker(corpus.manifestText, corpus.shards);
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

self.addEventListener('message', async (event) => {
  const msg = event.data;
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
    await resolveNeeds(checker, CORPUS_URL, () => checker.needs(text, options));
    report = plain(checker.check(text, options));
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
