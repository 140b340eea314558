// The corpus inside the checker's worker: shards fetched when the core asks for them, and the
// messages of the corpus panel (www/corpus.js). worker.js imports this.
//
// The core never fetches: a call that needs shards that are not loaded answers with their names
// ({ needs: [...] } or a non-empty list from checker.needs()); we fetch them, hand each to
// checker.addShard (which verifies it), and ask again. A missing, truncated or altered shard
// throws an Error whose message names it.
//
// Messages in (from corpus.js), each with a request id `rid`; the answer is
//   { type: 'corpus-reply', rid, ok: true, value } or { type: 'corpus-reply', rid, ok: false, message }:
//   { type: 'corpus-info' }                       → CorpusInfo (id, counts, total, documents listed so far)
//   { type: 'corpus-catalog', page }              → { documents, page, pages } of the shipped corpus
//   { type: 'corpus-document', id }               → { document: { …metadata, text } } or null
//   { type: 'corpus-add', docs: [{ name, text }] } → [{ name, ok, doc | message }], with
//                                                   { type: 'corpus-progress', rid, done, total, name } after each
//   { type: 'corpus-remove', ids: [...] }         → [removed?…]

const SHARD_NAME = /^[a-z]+-[0-9a-f]{12}-\d+\.bin$/;
const PARALLEL = 6;

/** An error's message, for people (worker.js uses it too). */
export function messageOf(err) {
  if (err && typeof err.message === 'string' && err.message) return err.message;
  return String(err);
}

/** Rust maps (JS `Map`s from serde-wasm-bindgen) as plain objects, recursively (worker.js uses it too). */
export function toPlain(value) {
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

/** Fetches shards by name (relative to corpusUrl) and gives their bytes to the checker (index
 *  format 6 shards are binary: the core checks each one's header, name and checksum). */
export async function loadShards(checker, corpusUrl, names) {
  for (let i = 0; i < names.length; i += PARALLEL) {
    const batch = names.slice(i, i + PARALLEL);
    const texts = await Promise.all(batch.map(async (name) => {
      if (typeof name !== 'string' || !SHARD_NAME.test(name)) {
        throw new Error(`the corpus asked for a bad shard name: ${JSON.stringify(name)}`);
      }
      let response;
      try {
        response = await fetch(new URL(name, corpusUrl));
      } catch (err) {
        throw new Error(`corpus/${name} could not be fetched (${messageOf(err)}); are you offline before the page had it?`);
      }
      if (!response.ok) {
        throw new Error(`corpus/${name} could not be fetched (HTTP ${response.status}); the corpus on the server is incomplete: rebuild it with \`npm run build\``);
      }
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        throw new Error(`corpus/${name} could not be read (${messageOf(err)}); are you offline before the page had it?`);
      }
    }));
    batch.forEach((name, k) => checker.addShard(name, texts[k]));
  }
}

/**
 * Calls `ask` until it stops needing shards: `ask` returns either an array of shard names (empty:
 * done) or a value with a `needs` array. Returns the last value.
 */
export async function resolveNeeds(checker, corpusUrl, ask) {
  for (let round = 0; round < 20; round += 1) {
    const value = ask();
    const needs = Array.isArray(value) ? value : (value && Array.isArray(value.needs) ? value.needs : []);
    if (needs.length === 0) return value;
    await loadShards(checker, corpusUrl, needs);
  }
  throw new Error('the corpus kept asking for more shards; rebuild it with `npm run build`');
}

/** Handles a corpus-panel message; returns false if it is not one. */
export async function handleCorpusMessage(msg, checker, corpusUrl, post) {
  if (!msg || typeof msg.type !== 'string' || !msg.type.startsWith('corpus-')) return false;
  const { rid } = msg;
  const reply = (value) => post({ type: 'corpus-reply', rid, ok: true, value });
  try {
    switch (msg.type) {
      case 'corpus-info':
        reply(toPlain(checker.corpusInfo()));
        break;
      case 'corpus-catalog': {
        const page = Number.isInteger(msg.page) && msg.page >= 0 ? msg.page : 0;
        reply(toPlain(await resolveNeeds(checker, corpusUrl, () => toPlain(checker.catalog(page)))));
        break;
      }
      case 'corpus-document':
        reply(toPlain(await resolveNeeds(checker, corpusUrl, () => toPlain(checker.document(String(msg.id ?? ''))))));
        break;
      case 'corpus-add': {
        const docs = Array.isArray(msg.docs) ? msg.docs : [];
        const results = [];
        docs.forEach((d, i) => {
          const name = String(d && d.name ? d.name : `document-${i + 1}.txt`);
          try {
            results.push({ name, ok: true, doc: toPlain(checker.addDocument(name, String(d.text ?? ''))) });
          } catch (err) {
            if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) throw err;
            results.push({ name, ok: false, message: messageOf(err) });
          }
          post({ type: 'corpus-progress', rid, done: i + 1, total: docs.length, name });
        });
        reply(results);
        break;
      }
      case 'corpus-remove':
        reply((Array.isArray(msg.ids) ? msg.ids : []).map((id) => checker.removeDocument(String(id))));
        break;
      default:
        post({ type: 'corpus-reply', rid, ok: false, message: `unknown request ${msg.type}` });
    }
  } catch (err) {
    if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) throw err;
    post({ type: 'corpus-reply', rid, ok: false, message: messageOf(err) });
  }
  return true;
}
