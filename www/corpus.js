// The corpus panel: the documents checks use (the shipped ones and yours), reading one, adding
// yours (file picker, drag and drop, paste, import), removing them, exporting them to one file.
// Your documents are compiled by the same core, in the checker's worker (corpus-worker.js), and
// kept in this browser by store.js (IndexedDB). Everything is built with DOM nodes and
// textContent: no HTML from any document reaches the page.
//
// app.js calls attachCorpus(worker) each time it starts a checker worker.

import {
  loadDocuments, putDocuments, deleteDocuments, exportText, parseExport, describeStorageError,
} from './store.js';

/** The core's limit per document (MAX_DOCUMENT_BYTES in src/corpus/document.rs), in UTF-8 bytes. */
const MAX_BYTES = 50 * 1024 * 1024;
/**
 * The most documents of yours this page keeps. Every one is indexed again, in the checker's
 * worker, on each page load and after each restart of the checker, and all of them live whole in
 * the wasm memory (at most 4 GB on wasm32) and in IndexedDB; 1,000 is far more than a person adds
 * by hand while keeping that reload and the memory bounded. Beyond it the page says so.
 */
export const MAX_DOCUMENTS = 1000;
const EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'];
const numberFormat = new Intl.NumberFormat('en');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const plural = (n, word) => `${numberFormat.format(n)} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// Talking to the worker.

let worker = null;
let nextRid = 1;
const waiting = new Map();
/** Workers that said 'ready' (their checker loaded). */
const readyWorkers = new WeakSet();
/** The worker being given your documents at start, until it has them. */
let loadingInto = null;

function onMessage(event) {
  const msg = event.data;
  if (!msg || typeof msg.type !== 'string') return;
  if (msg.type === 'ready') readyWorkers.add(event.target);
  const w = waiting.get(msg.rid);
  if (!w) return;
  if (msg.type === 'corpus-progress') {
    w.progress?.(msg);
  } else if (msg.type === 'corpus-reply') {
    waiting.delete(msg.rid);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(new Error(msg.message || 'the checker refused the request'));
  }
}

function ask(type, payload = {}, progress = undefined) {
  if (!worker) return Promise.reject(new Error('the checker is not running'));
  const rid = nextRid++;
  return new Promise((resolve, reject) => {
    waiting.set(rid, { resolve, reject, progress, worker });
    worker.postMessage({ type, rid, ...payload });
  });
}

// ---------------------------------------------------------------------------------------------
// The panel.

const ui = {};
/** Your documents: id → stored name. */
const nameOf = new Map();
/**
 * Your documents this session, by name: { name, text, added }. A new checker (after a crash) is
 * given them again; the ones the browser could not keep stay here until the page is closed.
 */
const session = new Map();
/** Names of your documents the browser could not keep (kept only for this session). */
const unsaved = new Set();
/** Why this browser keeps nothing (IndexedDB unavailable), or null. */
let storageProblem = null;
let shippedShown = 0;
let shippedPage = 0;
let busy = false;

function build() {
  const root = document.getElementById('corpus-panel');
  if (!root) return false;
  ui.summary = el('p', { class: 'corpus-summary', id: 'corpus-summary' }, 'Loading the corpus…');
  ui.files = el('input', { type: 'file', id: 'corpus-files', multiple: true, accept: EXTENSIONS.join(','), class: 'visually-hidden' });
  ui.importInput = el('input', { type: 'file', id: 'corpus-import-file', accept: '.json,application/json', class: 'visually-hidden' });
  ui.drop = el('div', { class: 'corpus-drop', id: 'corpus-drop' },
    el('p', {}, 'Drop .txt, .md or .html files here (several at once), or ',
      el('label', { for: 'corpus-files', class: 'button secondary' }, 'choose files'), '.'),
    el('p', { class: 'hint' }, 'Each needs a title, the outlet and the date it was published: front matter in .md/.txt (title:, source:, published: YYYY-MM-DD), meta tags in .html. They are indexed here and kept in this browser only.'),
    ui.files);
  ui.pasteTitle = el('input', { id: 'corpus-paste-title', type: 'text', autocomplete: 'off' });
  ui.pasteSource = el('input', { id: 'corpus-paste-source', type: 'text', autocomplete: 'off' });
  ui.pasteDate = el('input', { id: 'corpus-paste-date', type: 'date' });
  ui.pasteText = el('textarea', { id: 'corpus-paste-text', rows: '6', spellcheck: 'false' });
  ui.pasteButton = el('button', { type: 'submit', class: 'secondary', id: 'corpus-paste-add' }, 'Add this document');
  ui.pasteForm = el('form', { class: 'corpus-paste', id: 'corpus-paste', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'corpus-paste-title' }, 'Title'), ui.pasteTitle),
    el('div', { class: 'field' }, el('label', { for: 'corpus-paste-source' }, 'Outlet'), ui.pasteSource),
    el('div', { class: 'field' }, el('label', { for: 'corpus-paste-date' }, 'Published'), ui.pasteDate),
    el('div', { class: 'field' }, el('label', { for: 'corpus-paste-text' }, 'Text'), ui.pasteText),
    ui.pasteButton);
  ui.exportButton = el('button', { type: 'button', class: 'secondary', id: 'corpus-export' }, 'Export your documents');
  ui.importLabel = el('label', { for: 'corpus-import-file', class: 'button secondary', id: 'corpus-import' }, 'Import an export');
  ui.progress = el('progress', { id: 'corpus-progress', max: '1', value: '0', hidden: true });
  ui.status = el('p', { id: 'corpus-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  ui.problems = el('ul', { id: 'corpus-problems', class: 'corpus-problems', role: 'alert' });
  ui.yours = el('ul', { id: 'corpus-yours', class: 'corpus-docs' });
  ui.shipped = el('ul', { id: 'corpus-shipped', class: 'corpus-docs' });
  ui.more = el('button', { type: 'button', class: 'secondary more', id: 'corpus-more', hidden: true }, 'Show more');
  ui.readerTitle = el('h3', { id: 'corpus-reader-title' });
  ui.readerMeta = el('p', { class: 'doc-meta', id: 'corpus-reader-meta' });
  ui.readerText = el('div', { class: 'corpus-reader-text', id: 'corpus-reader-text' });
  ui.readerClose = el('button', { type: 'button', class: 'secondary', id: 'corpus-reader-close' }, 'Close');
  ui.reader = el('article', { class: 'corpus-reader', id: 'corpus-reader', hidden: true, tabindex: '-1', 'aria-labelledby': 'corpus-reader-title' },
    ui.readerTitle, ui.readerMeta, ui.readerText, ui.readerClose);

  ui.disagreeList = el('div', { id: 'corpus-disagreements-list' });
  ui.disagree = el('details', { class: 'corpus-disagreements', id: 'corpus-disagreements' },
    el('summary', {}, 'Where the shipped documents disagree with each other'), ui.disagreeList);

  root.replaceChildren(
    el('h2', { id: 'corpus-panel-heading' }, 'Corpus: the documents checks use'),
    ui.summary,
    ui.disagree,
    el('h3', {}, 'Add your own documents'),
    ui.drop,
    el('details', { class: 'corpus-paste-box' }, el('summary', {}, 'Paste a document'), ui.pasteForm),
    el('p', { class: 'row corpus-actions' }, ui.exportButton, ' ', ui.importLabel, ui.importInput),
    ui.progress, ui.status, ui.problems,
    el('h3', {}, 'Your documents'), ui.yours,
    el('h3', {}, 'Shipped documents'), ui.shipped, ui.more,
    ui.reader);

  ui.files.addEventListener('change', () => {
    const files = [...ui.files.files];
    ui.files.value = '';
    addFiles(files);
  });
  ui.importInput.addEventListener('change', () => {
    const file = ui.importInput.files[0];
    ui.importInput.value = '';
    if (file) importFile(file);
  });
  for (const type of ['dragenter', 'dragover']) {
    ui.drop.addEventListener(type, (event) => {
      event.preventDefault();
      ui.drop.classList.add('over');
    });
  }
  ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
  ui.drop.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.drop.classList.remove('over');
    addFiles([...(event.dataTransfer?.files ?? [])]);
  });
  ui.pasteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addPasted();
  });
  ui.exportButton.addEventListener('click', exportDocuments);
  ui.more.addEventListener('click', () => showMoreShipped());
  ui.readerClose.addEventListener('click', () => { ui.reader.hidden = true; });
  ui.disagree.addEventListener('toggle', () => { if (ui.disagree.open) showDisagreements(); });
  return true;
}

const KIND_NAMES = {
  wording: 'the wording of a quote', speaker: 'who said it', number: 'a number', date: 'a date',
  entity: 'who or what', comparison: 'a comparison', negation: 'whether it is so',
};

/** The shipped corpus's own disagreements (corpus/disagreements.json, written by
 *  `corroborate index`), fetched when the list is first opened. Every field is shown as text. */
async function showDisagreements() {
  if (ui.disagreeLoaded) return;
  ui.disagreeLoaded = true;
  ui.disagreeList.replaceChildren(el('p', {}, 'Loading…'));
  let data;
  try {
    const response = await fetch('./corpus/disagreements.json');
    if (response.status === 404) {
      ui.disagreeList.replaceChildren(el('p', {}, 'This corpus was not compared with itself (`corroborate index` compares up to 300 documents).'));
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
  } catch (err) {
    ui.disagreeLoaded = false;
    ui.disagreeList.replaceChildren(el('p', {}, `The list could not be loaded (${err && err.message ? err.message : err}); it loads once the page has been online.`));
    return;
  }
  const items = Array.isArray(data?.disagreements) ? data.disagreements : [];
  if (items.length === 0) {
    ui.disagreeList.replaceChildren(el('p', {}, 'None found: the shipped documents agree wherever they state the same thing.'));
    return;
  }
  const text = (v) => (typeof v === 'string' ? v : '');
  ui.disagreeList.replaceChildren(
    el('p', {}, `${items.length} place${items.length === 1 ? '' : 's'} where two documents state the same thing differently:`),
    el('ul', { class: 'corpus-disagreement-items' }, ...items.map((d) => el('li', {},
      el('p', {}, `They differ in ${KIND_NAMES[d.kind] ?? text(d.kind) ?? 'what they say'}:`),
      el('ul', {}, ...(Array.isArray(d.sides) ? d.sides : []).map((side) => el('li', {},
        el('blockquote', {}, text(side.value) || text(side.text)),
        el('p', { class: 'doc-meta' }, `${text(side.source)} · ${text(side.published)} · ${text(side.title)}`))))))));
}

function setStatus(text, kind = 'info') {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function showProblems(problems) {
  ui.problems.replaceChildren(...problems.map((p) => el('li', {}, p)));
}

function docItem(doc) {
  const title = typeof doc.title === 'string' && doc.title ? doc.title : String(doc.id);
  const meta = [];
  if (doc.source) meta.push(String(doc.source));
  if (doc.published) meta.push(String(doc.published));
  if (Number.isFinite(doc.claims)) meta.push(plural(doc.claims, 'claim'));
  if (Number.isFinite(doc.sentences)) meta.push(plural(doc.sentences, 'sentence'));
  if (Number.isFinite(doc.entities)) meta.push(plural(doc.entities, 'entity').replace(/entitys$/, 'entities'));
  const read = el('button', { type: 'button', class: 'link', 'data-action': 'read' }, 'Read');
  read.addEventListener('click', () => openDocument(doc.id));
  const li = el('li', { 'data-id': doc.id, 'data-origin': doc.origin },
    el('cite', {}, title), ' ', el('span', { class: 'doc-meta' }, meta.join(' · ')), ' ', read);
  if (doc.origin === 'yours') {
    const remove = el('button', { type: 'button', class: 'link', 'data-action': 'remove' }, 'Remove');
    remove.addEventListener('click', () => removeDocuments([doc.id]));
    li.append(' ', remove);
  }
  return li;
}

async function refresh() {
  const info = await ask('corpus-info');
  const docs = Array.isArray(info.documents) ? info.documents : [];
  const yours = docs.filter((d) => d.origin === 'yours');
  const shipped = docs.filter((d) => d.origin === 'shipped');
  const counts = info.counts ?? {};
  const shippedTotal = Number(counts.documents) || 0;
  ui.summary.textContent = `${plural(shippedTotal, 'shipped document')} (${plural(Number(counts.claims) || 0, 'claim')}) and ${plural(yours.length, 'document')} of yours. Corpus ${String(info.id).slice(0, 12)}.`;
  ui.yours.replaceChildren(...(yours.length ? yours.map(docItem) : [el('li', { class: 'hint' }, 'None yet.')]));
  ui.shipped.replaceChildren(...shipped.map(docItem));
  shippedShown = shipped.length;
  shippedPage = Math.max(shippedPage, Math.ceil(shippedShown / 200) - 1);
  ui.more.hidden = shippedShown >= shippedTotal;
  ui.more.textContent = `Show more (${numberFormat.format(shippedTotal - shippedShown)} more)`;
}

async function showMoreShipped() {
  try {
    const page = await ask('corpus-catalog', { page: shippedPage + 1 });
    shippedPage += 1;
    ui.shipped.append(...(page.documents ?? []).map(docItem));
    shippedShown += (page.documents ?? []).length;
    ui.more.hidden = shippedPage + 1 >= (page.pages ?? 0);
  } catch (err) {
    setStatus(`The list could not be loaded: ${err.message}`, 'error');
  }
}

async function openDocument(id) {
  try {
    const answer = await ask('corpus-document', { id });
    const doc = answer && answer.document;
    if (!doc) {
      setStatus(`There is no document ${id} in the corpus.`, 'error');
      return;
    }
    ui.readerTitle.textContent = doc.title || doc.id;
    ui.readerMeta.textContent = [doc.source, doc.published, doc.origin === 'yours' ? 'yours' : 'shipped'].filter(Boolean).join(' · ');
    ui.readerText.replaceChildren(...String(doc.text).split(/\n{2,}/).map((p) => el('p', {}, p)));
    ui.reader.hidden = false;
    ui.reader.focus();
  } catch (err) {
    setStatus(`The document could not be opened: ${err.message}`, 'error');
  }
}

// ---------------------------------------------------------------------------------------------
// Adding and removing.

async function readFile(file) {
  const lower = file.name.toLowerCase();
  if (!EXTENSIONS.some((x) => lower.endsWith(x))) {
    throw new Error(`${file.name}: not a .txt, .md or .html file; only text documents can be added`);
  }
  if (file.size > MAX_BYTES) {
    throw new Error(`${file.name}: ${(file.size / 1048576).toFixed(1)} MB is over the limit of 50 MB per document; split it into smaller documents`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0)) throw new Error(`${file.name}: contains NUL bytes: a binary file, not a text document`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${file.name}: not UTF-8 text; save it as UTF-8`);
  }
}

function utf8Length(text) {
  return text.length * 3 <= MAX_BYTES ? text.length : new TextEncoder().encode(text).length;
}

/** The docs within the limits (size, count); a problem for each one refused. */
function withinLimits(docs, problems) {
  const have = new Set(nameOf.values());
  let count = have.size;
  const ok = [];
  for (const d of docs) {
    const bytes = utf8Length(d.text);
    if (bytes > MAX_BYTES) {
      problems.push(`${d.name}: ${(bytes / 1048576).toFixed(1)} MB is over the limit of 50 MB per document; split it into smaller documents`);
    } else if (!have.has(d.name) && count >= MAX_DOCUMENTS) {
      problems.push(`${d.name}: not added: you already have ${numberFormat.format(MAX_DOCUMENTS)} documents, the most this page keeps; remove some first`);
    } else {
      if (!have.has(d.name)) { have.add(d.name); count += 1; }
      ok.push(d);
    }
  }
  return ok;
}

const sessionOnly = (n) => `${n === 1 ? 'it is' : 'they are'} kept only until this page is closed: export ${n === 1 ? 'it' : 'them'} to keep ${n === 1 ? 'it' : 'them'}`;

/** Adds documents ({ name, text, added? }) to the checker, then keeps the ones it took. */
async function addDocuments(docs, { quiet = false, problems = [], damaged = 0, note = '' } = {}) {
  docs = withinLimits(docs, problems);
  if (docs.length === 0) {
    showProblems(problems);
    if (problems.length) {
      setStatus(quiet
        ? `No document of yours loaded: ${plural(problems.length, 'problem')} (see below).${note}`
        : `No document added: ${plural(problems.length, 'file')} refused (see below).`, 'error');
    } else if (note) {
      setStatus(note.trim(), 'error');
    }
    await refresh().catch((err) => setStatus(`The corpus could not be listed: ${err.message}`, 'error'));
    return;
  }
  const to = worker;
  busy = true;
  ui.progress.hidden = false;
  ui.progress.max = docs.length;
  ui.progress.value = 0;
  setStatus(quiet ? `Loading your ${plural(docs.length, 'document')}…` : `Indexing ${plural(docs.length, 'document')}…`, 'busy');
  try {
    const results = await ask('corpus-add', { docs: docs.map((d) => ({ name: d.name, text: d.text })) }, (p) => {
      ui.progress.value = p.done;
      setStatus(`Indexing ${p.done} of ${p.total}: ${p.name}`, 'busy');
    });
    const kept = [];
    results.forEach((r, i) => {
      if (r.ok) {
        nameOf.set(r.doc.id, docs[i].name);
        const doc = { name: docs[i].name, text: docs[i].text, added: docs[i].added ?? new Date().toISOString() };
        session.set(doc.name, doc);
        kept.push(doc);
      } else {
        problems.push(r.message);
      }
    });
    // Kept in this browser; if it cannot keep them, they stay for this session and we say so.
    let saveNote = '';
    if (!quiet && kept.length) {
      if (storageProblem) {
        kept.forEach((d) => unsaved.add(d.name));
        saveNote = ` This browser cannot keep documents (${storageProblem}), so ${sessionOnly(kept.length)}.`;
      } else {
        try {
          await putDocuments(kept);
          kept.forEach((d) => unsaved.delete(d.name));
        } catch (err) {
          kept.forEach((d) => unsaved.add(d.name));
          saveNote = ` ${kept.length === 1 ? 'It' : 'They'} could not be saved in this browser (${describeStorageError(err)}), so ${sessionOnly(kept.length)}.`;
        }
      }
    }
    showProblems(problems);
    const refusedCount = problems.length - damaged;
    let more = refusedCount > 0 ? `; ${plural(refusedCount, quiet ? 'document' : 'file')} refused (see below)` : '';
    if (damaged) more += `; ${plural(damaged, 'stored document')} damaged and not loaded (see below)`;
    setStatus(quiet
      ? `Loaded your ${plural(kept.length, 'document')}${more}.${note}`
      : `Added ${plural(kept.length, 'document')}${more}.${saveNote}`, problems.length || saveNote || note ? 'error' : 'info');
  } catch (err) {
    // Loading into a checker that has since stopped: the new one's loading says what happens.
    if (quiet && to !== worker) return;
    setStatus(`Your documents could not be ${quiet ? 'loaded' : 'added'}: ${err.message}${quiet ? '' : '; try again'}.`, 'error');
  } finally {
    busy = false;
    ui.progress.hidden = true;
    await refresh().catch((err) => setStatus(`The corpus could not be listed: ${err.message}`, 'error'));
  }
}

async function addFiles(files) {
  if (busy || files.length === 0) return;
  const docs = [];
  const problems = [];
  for (const file of files) {
    try {
      docs.push({ name: file.name, text: await readFile(file) });
    } catch (err) {
      problems.push(err.message);
    }
  }
  await addDocuments(docs, { problems });
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'pasted';
}

async function addPasted() {
  const title = ui.pasteTitle.value.trim();
  const source = ui.pasteSource.value.trim();
  const date = ui.pasteDate.value.trim();
  const body = ui.pasteText.value;
  const missing = [[title, 'a title'], [source, 'the outlet'], [date, 'the date it was published'], [body.trim(), 'some text']]
    .filter(([v]) => !v).map(([, what]) => what);
  if (missing.length) {
    setStatus(`The pasted document needs ${missing.join(', ')}.`, 'error');
    return;
  }
  const clean = (v) => v.replace(/[\r\n]+/g, ' ');
  const text = `---\ntitle: ${clean(title)}\nsource: ${clean(source)}\npublished: ${date}\n---\n${body}\n`;
  await addDocuments([{ name: `${slug(title)}.md`, text }]);
  if (ui.status.dataset.kind !== 'error') ui.pasteForm.reset();
}

async function removeDocuments(ids) {
  try {
    await ask('corpus-remove', { ids });
    const names = ids.map((id) => nameOf.get(id)).filter(Boolean);
    ids.forEach((id) => nameOf.delete(id));
    names.forEach((n) => { session.delete(n); unsaved.delete(n); });
    if (!storageProblem) await deleteDocuments(names);
    setStatus(`Removed ${plural(ids.length, 'document')}.`);
  } catch (err) {
    setStatus(`The document could not be removed: ${err.message}`, 'error');
  }
  await refresh().catch(() => {});
}

async function exportDocuments() {
  try {
    // What this session has (including documents the browser could not keep).
    const docs = [...session.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const blob = new Blob([exportText(docs)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `corroborate-documents-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(`Exported ${plural(docs.length, 'document')}.`);
  } catch (err) {
    setStatus(`Your documents could not be exported: ${err.message}`, 'error');
  }
}

async function importFile(file) {
  if (busy) return;
  let docs;
  try {
    if (file.size > 512 * 1024 * 1024) throw new Error(`${file.name}: too large to import`);
    docs = parseExport(await file.text(), file.name);
  } catch (err) {
    setStatus(err.message, 'error');
    return;
  }
  const known = new Set(nameOf.values());
  const fresh = docs.filter((d) => !known.has(d.name));
  const skipped = docs.length - fresh.length;
  await addDocuments(fresh);
  if (skipped) setStatus(`${ui.status.textContent} ${plural(skipped, 'document')} you already had ${skipped === 1 ? 'was' : 'were'} skipped.`);
}

// ---------------------------------------------------------------------------------------------
// Start: called by app.js for each new checker worker.

let built = false;

export function attachCorpus(w) {
  if (!built) built = build();
  if (!built) return;
  for (const [rid, pending] of waiting) {
    if (pending.worker !== w) {
      waiting.delete(rid);
      pending.reject(new Error('the checker was restarted'));
    }
  }
  // The previous checker stopped while it was being given your stored documents: one of them may
  // be what stops it, so they are not given to this one (they stay stored; a reload tries again).
  const stoppedWhileLoading = loadingInto !== null && loadingInto !== w && readyWorkers.has(loadingInto);
  worker = w;
  nameOf.clear();
  w.addEventListener('message', onMessage);
  loadingInto = w;
  const done = () => { if (loadingInto === w) loadingInto = null; };
  if (stoppedWhileLoading) {
    setStatus('The checker stopped while it was loading your documents, so they were not loaded this time. They are still kept in this browser: reload the page to try again, or export them.', 'error');
    done();
    refresh().catch((err) => setStatus(`The corpus could not be listed: ${err.message}`, 'error'));
    return;
  }
  loadStored()
    .then(({ docs, problems, damaged, note }) => addDocuments(docs, { quiet: true, problems, damaged, note }))
    .catch((err) => setStatus(`The corpus could not be listed: ${err.message}`, 'error'))
    .finally(done);
}

/** Your documents for a new checker: the stored ones and this session's unsaved ones. */
async function loadStored() {
  const problems = [];
  let stored = [];
  let damaged = 0;
  let note = '';
  try {
    const loaded = await loadDocuments();
    stored = loaded.docs;
    damaged = loaded.unreadable.length;
    problems.push(...loaded.unreadable);
    storageProblem = null;
  } catch (err) {
    storageProblem = describeStorageError(err);
    note = ` Your documents cannot be kept in this browser: ${storageProblem}. The shipped corpus works; documents you add are kept only until this page is closed.`;
  }
  const docs = [...stored];
  const names = new Set(stored.map((d) => d.name));
  for (const d of session.values()) if (!names.has(d.name)) docs.push(d);
  if (unsaved.size) note += ` ${plural(unsaved.size, 'document')} of yours could not be saved in this browser and ${sessionOnly(unsaved.size)}.`;
  return { docs, problems, damaged, note };
}
