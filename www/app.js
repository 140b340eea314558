// The page: UI only. The checking happens in worker.js (the wasm core); this file sends it the text
// and shows the report (the JSON of `corroborate check --format json`, shared/spec/cli.md).
//
// Everything from the user or the report is rendered with createElement + textContent: never
// innerHTML, insertAdjacentHTML or outerHTML. The pasted text is never lost: the textarea is only
// ever written when the page starts (restoring the sessionStorage draft), never on an error.

import { attachCorpus } from './corpus.js';
const MAX_CHARS = 2_000_000;
const DRAFT_KEY = 'corroborate:text';
const DATE_KEY = 'corroborate:date';

/** Verdicts by severity (a highlight covering several claims shows the most severe). */
const VERDICTS = {
  contradicted: { label: 'Contradicted', icon: '✗', rank: 4 },
  conflicting: { label: 'Conflicting', icon: '⚠\uFE0E', rank: 3 },
  supported: { label: 'Supported', icon: '✓', rank: 2 },
  unverified: { label: 'Unverified', icon: '?', rank: 1 },
};
/** The order the summary line lists them in. */
const SUMMARY_ORDER = ['supported', 'contradicted', 'conflicting', 'unverified'];

const STANCES = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  related: 'Related',
};

const MISMATCHES = {
  number: 'the number',
  date: 'the date',
  entity: 'who or what',
  speaker: 'who said it',
  wording: 'the wording',
  comparison: 'the comparison',
  negation: 'a negation',
};

const $ = (id) => document.getElementById(id);
const form = $('check-form');
const textarea = $('text');
const dateInput = $('date');
const checkButton = $('check');
const stopButton = $('stop');
const statusLine = $('status');
const results = $('results');
const summaryLine = $('summary');
const shownText = $('shown-text');
const claimsList = $('claims');
const moreButton = $('more-claims');
const corpusList = $('corpus-docs');
const versionSpan = $('version');
const progressBar = $('progress');
const fileInput = $('file');
const openFileButton = $('open-file');
const sampleButton = $('sample');
const dropZone = $('drop-zone');
const verdictFilter = $('verdict-filter');
const kindFilter = $('kind-filter');
const filterNote = $('filter-note');
const exportFormat = $('export-format');
const downloadButton = $('download');
const copyButton = $('copy');
const shareButton = $('share');
const evidencePanel = $('evidence-panel');
const evidenceBody = $('evidence-body');

/** The one-file build (scripts/dist-single.mjs): the worker, the wasm and the corpus are inlined. */
const INLINE = document.documentElement.dataset.inline === 'true';

const numberFormat = new Intl.NumberFormat('en');
/** The claim list is drawn this many at a time: a huge text's thousands of claims stay responsive. */
const LIST_PAGE = 200;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only).

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function plural(n, one, many = `${one}s`) {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2025-11-07" → "7 November 2025"; "2025-11" → "November 2025"; anything else as given. */
function formatDate(value) {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  if (Number.isNaN(date.getTime())) return value;
  return (d ? dayFormat : monthFormat).format(date);
}

function timeElement(value) {
  if (typeof value !== 'string' || value === '') return null;
  const attrs = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) ? { datetime: value } : {};
  return el('time', attrs, formatDate(value));
}

/** A link only for http(s) URLs; anything else (javascript:, data:) is shown as plain text. */
function safeLink(url, ...children) {
  if (typeof url === 'string') {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
        return el('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank' }, ...children);
      }
    } catch { /* not a URL */ }
  }
  return el('span', {}, ...children);
}

function verdictOf(claim) {
  return Object.hasOwn(VERDICTS, claim.verdict) ? claim.verdict : 'unverified';
}

// ---------------------------------------------------------------------------------------------
// Status line.

let stickyError = false;

/** kind: 'info' | 'busy' | 'error'. An error stays until the next Check. */
function setStatus(message, kind = 'info', { sticky = false } = {}) {
  statusLine.textContent = message;
  statusLine.dataset.kind = kind;
  stickyError = sticky;
}

function endSentence(message) {
  const m = String(message).trim();
  return /[.!?…]$/.test(m) ? m : `${m}.`;
}

// ---------------------------------------------------------------------------------------------
// The worker.

let worker = null;
/** 'loading' | 'ready' | 'failed' */
let workerState = 'loading';
let restartsSinceReady = 0;
let nextId = 1;
/** The check we are waiting for: { id, text, started } or null. */
let pending = null;
/** Corpus documents by id, for links from the evidence. */
let corpusDocs = new Map();
let corpusSize = null;

/** The one-file build's inlined parts, decoded once: { bootstrap (blob: URL), workerSource, glueSource, wasm, corpus }. */
let inlineParts = null;

/**
 * Opened from disk (an opaque origin), Chromium runs a blob: worker only as a classic script, and
 * a worker may import only blob: URLs it made itself. So a classic bootstrap takes the 'init'
 * message, makes the worker's module from its source, imports it, then hands it the messages that
 * came meanwhile.
 */
const INLINE_BOOTSTRAP = `
  const early = [];
  const hold = (event) => { early.push(event.data); };
  self.addEventListener('message', hold);
  self.addEventListener('message', function start(event) {
    if (!event.data || event.data.type !== 'init') return;
    self.removeEventListener('message', start);
    self.corroborateInit = event.data;
    const url = URL.createObjectURL(new Blob([event.data.workerSource], { type: 'text/javascript' }));
    import(url).then(() => {
      self.removeEventListener('message', hold);
      for (const data of early) if (data.type !== 'init') self.dispatchEvent(new MessageEvent('message', { data }));
    }, (err) => self.postMessage({ type: 'crash', message: 'the checker could not start: ' + err }));
  });`;

function inlineSource(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`this one-file page has lost its part "${id}"`);
  return node.textContent;
}

function getInlineParts() {
  if (inlineParts) return inlineParts;
  const blobUrl = (source) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const binary = atob(inlineSource('inline-wasm').trim());
  const wasm = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) wasm[i] = binary.charCodeAt(i);
  inlineParts = {
    bootstrap: blobUrl(INLINE_BOOTSTRAP),
    workerSource: inlineSource('inline-worker'),
    glueSource: inlineSource('inline-glue'),
    wasm,
    corpus: JSON.parse(inlineSource('inline-corpus')),
  };
  return inlineParts;
}

function startWorker() {
  let w;
  if (INLINE) {
    const parts = getInlineParts();
    w = new Worker(parts.bootstrap, { name: 'corroborate-inline' });
    w.postMessage({
      type: 'init', workerSource: parts.workerSource, glueSource: parts.glueSource, wasm: parts.wasm.slice(), corpus: parts.corpus,
    });
  } else {
    w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'corroborate-checker' });
  }
  worker = w;
  workerState = 'loading';
  attachCorpus(w);
  w.addEventListener('message', (event) => {
    if (w === worker) onWorkerMessage(event.data);
  });
  w.addEventListener('error', (event) => {
    event.preventDefault();
    if (w !== worker) return;
    const message = event.message || 'the checker’s script could not be loaded or stopped with an error';
    onCrash(message);
  });
  w.addEventListener('messageerror', () => {
    if (w === worker) onCrash('a message from the checker could not be read');
  });
}

function stopWorker() {
  if (worker) worker.terminate();
  worker = null;
}

function onWorkerMessage(msg) {
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'ready':
      workerState = 'ready';
      restartsSinceReady = 0;
      renderCorpus(msg.corpus);
      if (typeof msg.version === 'string' && msg.version) versionSpan.textContent = `v${msg.version}`;
      if (pending) setStatus('Checking…', 'busy');
      else if (!stickyError) setStatus(readyMessage());
      break;
    case 'result':
      if (pending && msg.id === pending.id) {
        const { text, date, started } = pending;
        finishCheck();
        showReport(text, msg.report, performance.now() - started, date);
      }
      break;
    case 'progress':
      if (pending && msg.id === pending.id && Number.isFinite(msg.total) && msg.total > 0) {
        progressBar.hidden = false;
        progressBar.max = msg.total;
        progressBar.value = msg.done;
        setStatus(`Checking… part ${Math.min(msg.done + 1, msg.total)} of ${msg.total}`, 'busy');
      }
      break;
    case 'exported':
      exports.get(msg.id)?.resolve(String(msg.output ?? ''));
      exports.delete(msg.id);
      break;
    case 'error':
      if (exports.has(msg.id)) {
        exports.get(msg.id).reject(new Error(msg.message || 'the export failed'));
        exports.delete(msg.id);
      } else if (msg.id === undefined || msg.id === null) {
        // Loading failed: the checker cannot be used until it is loaded again (the next Check).
        workerState = 'failed';
        console.error(`corroborate: ${msg.message}`);
        if (pending) finishCheck();
        results.hidden = true;
        setStatus(endSentence(msg.message || 'The checker could not be loaded'), 'error', { sticky: true });
      } else if (pending && msg.id === pending.id) {
        finishCheck();
        results.hidden = true;
        setStatus(endSentence(msg.message || 'The checker refused this text'), 'error', { sticky: true });
      }
      break;
    case 'crash':
      onCrash(msg.message);
      break;
    default:
      break;
  }
}

/** The worker died (a wasm trap, or an uncaught error): say so, keep the text, start a new one. */
function onCrash(message) {
  const reason = String(message || 'unknown error').trim().replace(/[.]+$/, '');
  console.error(`corroborate: the checker stopped unexpectedly: ${reason}`);
  const wasReady = workerState === 'ready';
  stopWorker();
  for (const [, waiting] of exports) waiting.reject(new Error('the checker stopped'));
  exports.clear();
  if (pending) finishCheck();
  results.hidden = true;
  setStatus(`The checker stopped unexpectedly: ${reason}. Your text is kept; press Check to try again.`, 'error', { sticky: true });
  // A worker that dies while loading would most likely die again: restart it once, then wait for
  // the person to press Check.
  if (wasReady || restartsSinceReady < 1) {
    restartsSinceReady += 1;
    startWorker();
  } else {
    workerState = 'failed';
  }
}

function readyMessage() {
  if (corpusSize === null) return 'Ready.';
  return `Ready: ${plural(corpusSize, 'document')} in the corpus`;
}

// ---------------------------------------------------------------------------------------------
// Checking.

function setBusy(busy) {
  // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
  checkButton.setAttribute('aria-disabled', busy ? 'true' : 'false');
  stopButton.hidden = !busy;
  results.setAttribute('aria-busy', busy ? 'true' : 'false');
  if (!busy) {
    progressBar.hidden = true;
    progressBar.value = 0;
  }
}

function finishCheck() {
  pending = null;
  setBusy(false);
}

function runCheck() {
  if (pending) return; // one at a time; Stop cancels
  const text = textarea.value;
  const date = dateInput.value;
  saveDraft();
  if (text.trim() === '') {
    setStatus('Paste some text to check.', 'error');
    textarea.focus();
    return;
  }
  if (text.length > MAX_CHARS) {
    setStatus(
      `The text is ${numberFormat.format(text.length)} characters long; the checker takes at most ${numberFormat.format(MAX_CHARS)}. Check a shorter part of it.`,
      'error',
    );
    return;
  }
  if (!worker || workerState === 'failed') {
    stopWorker();
    restartsSinceReady = 0;
    startWorker();
  }
  const id = nextId++;
  pending = { id, text, date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '', started: performance.now() };
  setBusy(true);
  setStatus(workerState === 'ready' ? 'Checking…' : 'Loading the checker… (your check starts as soon as it is ready)', 'busy');
  worker.postMessage({ type: 'check', id, text, date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined });
}

function stopCheck() {
  if (!pending) return;
  stopWorker();
  for (const [, waiting] of exports) waiting.reject(new Error('the checker was stopped'));
  exports.clear();
  finishCheck();
  startWorker();
  setStatus('Stopped. Your text is kept; press Check to try again.', 'info', { sticky: true });
  checkButton.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  runCheck();
});
stopButton.addEventListener('click', stopCheck);

function onCheckShortcut(event) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
    event.preventDefault();
    runCheck();
  }
}
textarea.addEventListener('keydown', onCheckShortcut);
dateInput.addEventListener('keydown', onCheckShortcut);

// ---------------------------------------------------------------------------------------------
// The draft survives a reload (sessionStorage: this tab only, gone when it closes).

let saveTimer = 0;

function saveDraft() {
  clearTimeout(saveTimer);
  try {
    sessionStorage.setItem(DRAFT_KEY, textarea.value);
    sessionStorage.setItem(DATE_KEY, dateInput.value);
  } catch {
    // Over the storage quota (a huge text) or storage disabled: the textarea still holds it.
    try { sessionStorage.removeItem(DRAFT_KEY); } catch { /* nothing to do */ }
  }
}

function restoreDraft() {
  try {
    const text = sessionStorage.getItem(DRAFT_KEY);
    const date = sessionStorage.getItem(DATE_KEY);
    if (text && !textarea.value) textarea.value = text;
    if (date && !dateInput.value) dateInput.value = date;
  } catch { /* storage disabled */ }
}

textarea.addEventListener('input', () => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 300);
});
dateInput.addEventListener('change', saveDraft);
window.addEventListener('pagehide', saveDraft);

// ---------------------------------------------------------------------------------------------
// The corpus.

function renderCorpus(info) {
  const docs = info && Array.isArray(info.documents) ? info.documents : [];
  corpusDocs = new Map(docs.map((d) => [d && d.id, d]));
  corpusSize = docs.length;
  const items = docs.map((doc) => {
    const title = typeof doc.title === 'string' && doc.title ? doc.title : String(doc.id ?? 'Untitled');
    const meta = [];
    if (doc.source) meta.push(el('span', { class: 'source' }, String(doc.source)));
    const time = timeElement(doc.published);
    if (time) meta.push(time);
    if (Number.isFinite(doc.claims)) meta.push(el('span', { class: 'count' }, plural(doc.claims, 'claim')));
    const metaLine = el('span', { class: 'doc-meta' });
    meta.forEach((part, i) => {
      if (i) metaLine.append(' · ');
      metaLine.append(part);
    });
    return el('li', {}, el('cite', {}, safeLink(doc.url, title)), metaLine);
  });
  corpusList.replaceChildren(...items);
}

// ---------------------------------------------------------------------------------------------
// The report.

/** Selection state: the claim element lists built by the last render. */
let view = { text: '', claims: [], marks: [], values: [], tags: [], items: [], rendered: 0, selected: -1 };

function toInt(value, fallback) {
  return Number.isInteger(value) ? value : fallback;
}

/** Claims sorted by position, with offsets checked against the text (bad ones are not drawn). */
function normaliseClaims(text, report) {
  const list = report && Array.isArray(report.claims) ? report.claims : [];
  const len = text.length;
  const claims = list
    .filter((c) => c && typeof c === 'object')
    .map((c, order) => {
      const start = toInt(c.start, -1);
      const end = toInt(c.end, -1);
      const span = start >= 0 && end <= len && start < end ? { start, end } : null;
      const a = c.anchor && typeof c.anchor === 'object' ? c.anchor : null;
      const as = a ? toInt(a.start, -1) : -1;
      const ae = a ? toInt(a.end, -1) : -1;
      const anchor = as >= 0 && ae <= len && as < ae ? { start: as, end: ae } : null;
      return { raw: c, order, span, anchor, verdict: verdictOf(c) };
    });
  claims.sort((x, y) => {
    const xs = x.span ? x.span.start : Infinity;
    const ys = y.span ? y.span.start : Infinity;
    if (xs !== ys) return xs - ys;
    const xa = x.anchor ? x.anchor.start : Infinity;
    const ya = y.anchor ? y.anchor.start : Infinity;
    if (xa !== ya) return xa - ya;
    return x.order - y.order;
  });
  claims.forEach((c, i) => { c.index = i; c.n = i + 1; });
  return claims;
}

function mostSevere(claims, indices) {
  let best = -1;
  for (const k of indices) {
    if (best < 0 || VERDICTS[claims[k].verdict].rank > VERDICTS[claims[best].verdict].rank) best = k;
  }
  return best;
}

function showReport(text, report, elapsedMs, date = '') {
  const claims = normaliseClaims(text, report);
  view = {
    text, claims, marks: claims.map(() => []), values: claims.map(() => []), tags: [], items: [], rendered: 0, selected: -1,
    report, date,
  };
  renderSummary(report, claims);
  renderShownText(text, claims);
  claimsList.replaceChildren();
  renderFilters(claims);
  renderMoreClaims(LIST_PAGE);
  renderEvidencePanel(null);
  results.hidden = false;
  const seconds = elapsedMs / 1000;
  const took = seconds < 10 ? seconds.toFixed(1) : Math.round(seconds).toString();
  const counts = SUMMARY_ORDER
    .map((v) => `${claims.filter((c) => c.verdict === v).length} ${v}`)
    .join(', ');
  setStatus(`Done: ${plural(claims.length, 'claim')} found in ${took} s${claims.length ? ` (${counts})` : ''}.`);
}

function renderSummary(report, claims) {
  const counts = { supported: 0, contradicted: 0, conflicting: 0, unverified: 0 };
  const given = report && report.summary && typeof report.summary === 'object' ? report.summary : null;
  for (const v of SUMMARY_ORDER) {
    counts[v] = given && Number.isInteger(given[v]) ? given[v] : claims.filter((c) => c.verdict === v).length;
  }
  if (claims.length === 0) {
    summaryLine.replaceChildren('No checkable claims were found in this text.');
    return;
  }
  const parts = [el('span', { class: 'total' }, `${plural(claims.length, 'claim')}:`)];
  for (const v of SUMMARY_ORDER) {
    parts.push(' ', el('span', { class: `chip v-${v}`, 'data-verdict': v },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, VERDICTS[v].icon),
      ` ${numberFormat.format(counts[v])} ${VERDICTS[v].label.toLowerCase()}`));
  }
  summaryLine.replaceChildren(...parts);
}

/**
 * The text shown back, with every claim highlighted. Claims may overlap (several claims in one
 * sentence, each with its own anchor), so the text is cut at every claim and anchor boundary;
 * each piece knows the claims covering it. A piece inside an anchor takes the verdict of the
 * claim it is the value of (the most severe, if several); any other piece the most severe verdict
 * of the claims covering it (contradicted > conflicting > supported > unverified). After each
 * claim's anchor (or its end, without one) comes a tag button: its number and verdict icon.
 * The icons are CSS generated content, so the shown text's textContent is exactly the input.
 * Each line (up to and with its "\n") is a block of its own, so the browser lays out only the
 * lines on screen (content-visibility in style.css): a long text stays fast.
 */
function renderShownText(text, claims) {
  const len = text.length;
  const cuts = new Set([0, len]);
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) cuts.add(nl + 1);
  const opens = new Map();
  const closes = new Map();
  const anchorOpens = new Map();
  const anchorCloses = new Map();
  const tagsAt = new Map();
  const push = (map, key, value) => {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  };
  for (const c of claims) {
    if (c.span) {
      cuts.add(c.span.start); cuts.add(c.span.end);
      push(opens, c.span.start, c.index); push(closes, c.span.end, c.index);
    }
    if (c.anchor) {
      cuts.add(c.anchor.start); cuts.add(c.anchor.end);
      push(anchorOpens, c.anchor.start, c.index); push(anchorCloses, c.anchor.end, c.index);
    }
    const tagAt = c.anchor ? c.anchor.end : c.span ? c.span.end : null;
    if (tagAt !== null) push(tagsAt, tagAt, c.index);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const active = new Set();
  const activeAnchors = new Set();
  const frag = document.createDocumentFragment();
  let line = null;
  for (let i = 0; i < points.length; i++) {
    const pos = points[i];
    for (const k of closes.get(pos) ?? []) active.delete(k);
    for (const k of anchorCloses.get(pos) ?? []) activeAnchors.delete(k);
    for (const k of tagsAt.get(pos) ?? []) line.append(makeTag(claims[k]));
    for (const k of opens.get(pos) ?? []) active.add(k);
    for (const k of anchorOpens.get(pos) ?? []) activeAnchors.add(k);
    if (i === points.length - 1) break;
    if (pos === 0 || text.charCodeAt(pos - 1) === 10) {
      line = el('div', { class: 'line' });
      frag.append(line);
    }
    const piece = text.slice(pos, points[i + 1]);
    if (active.size === 0 && activeAnchors.size === 0) {
      line.append(document.createTextNode(piece));
      continue;
    }
    const covering = [...new Set([...active, ...activeAnchors])].sort((a, b) => a - b);
    // A claim's value (its anchor) shows that claim's verdict; the rest of a sentence shows the
    // most severe verdict of the claims it holds. Clicking a piece selects that same claim.
    const primary = activeAnchors.size ? mostSevere(claims, [...activeAnchors]) : mostSevere(claims, covering);
    const verdict = claims[primary].verdict;
    const numbers = covering.map((k) => claims[k].n);
    const title = covering
      .map((k) => `Claim ${claims[k].n}: ${VERDICTS[claims[k].verdict].label}`)
      .join('; ');
    const mark = el('mark', {
      class: `hl v-${verdict}${activeAnchors.size ? ' anchor' : ''}`,
      'data-verdict': verdict,
      'data-claims': numbers.join(' '),
      'data-primary': String(primary),
      title,
    }, piece);
    for (const k of covering) view.marks[k].push(mark);
    for (const k of activeAnchors) view.values[k].push(mark);
    line.append(mark);
  }
  shownText.replaceChildren(frag);
}

function makeTag(claim) {
  const v = VERDICTS[claim.verdict];
  const tag = el('button', {
    type: 'button',
    class: `tag v-${claim.verdict}`,
    'data-claim': String(claim.index),
    'data-verdict': claim.verdict,
    'data-icon': v.icon,
    'data-n': String(claim.n),
    'aria-label': `Claim ${claim.n}: ${v.label.toLowerCase()}. Show why.`,
    title: `Claim ${claim.n}: ${v.label}`,
  });
  view.tags[claim.index] = tag;
  return tag;
}

/** The claim's words, with the value it turns on in bold. */
function claimWords(text, c) {
  const words = el('span', { class: 'claim-text' });
  if (c.span) {
    const { start, end } = c.span;
    if (c.anchor && c.anchor.start >= start && c.anchor.end <= end) {
      words.append(
        text.slice(start, c.anchor.start),
        el('strong', {}, text.slice(c.anchor.start, c.anchor.end)),
        text.slice(c.anchor.end, end),
      );
    } else {
      words.append(text.slice(start, end));
    }
  } else {
    words.append(typeof c.raw.text === 'string' ? c.raw.text : '');
  }
  return words;
}

/** Draws the next `count` claims of the list (all of them for an ordinary article). */
function renderMoreClaims(count) {
  const end = Math.min(view.claims.length, view.rendered + count);
  const frag = document.createDocumentFragment();
  for (let i = view.rendered; i < end; i++) frag.append(claimItem(view.text, view.claims[i]));
  claimsList.append(frag);
  view.rendered = end;
  const left = view.claims.length - end;
  moreButton.hidden = left === 0;
  moreButton.textContent = left === 0 ? ''
    : `Show ${numberFormat.format(Math.min(left, LIST_PAGE))} more (${plural(left, 'claim')} not shown yet)`;
}

moreButton.addEventListener('click', () => {
  const first = view.rendered;
  renderMoreClaims(LIST_PAGE);
  view.items[first]?.querySelector('.claim-head')?.focus();
});

function claimItem(text, c) {
  const raw = c.raw;
  const v = VERDICTS[c.verdict];
  const head = el('button', { type: 'button', class: 'claim-head', 'data-claim': String(c.index) },
    el('span', { class: `verdict v-${c.verdict}`, 'data-verdict': c.verdict },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, v.icon), ` ${v.label}`),
    el('span', { class: 'num' }, `Claim ${c.n}`),
    claimWords(text, c));
  const item = el('li', {
    id: `claim-${c.n}`, class: `claim v-${c.verdict}`, 'data-verdict': c.verdict, 'data-kind': kindOf(c), hidden: !isShown(c),
  }, head);
  if (typeof raw.explanation === 'string' && raw.explanation) {
    item.append(el('p', { class: 'explanation' }, raw.explanation));
  }
  const meta = [];
  if (typeof raw.confidence === 'number' && Number.isFinite(raw.confidence)) {
    meta.push(`confidence ${Math.round(raw.confidence * 100)}%`);
  }
  if (typeof raw.mismatch === 'string' && raw.mismatch) {
    meta.push(`differs in ${MISMATCHES[raw.mismatch] ?? raw.mismatch}`);
  }
  if (typeof raw.kind === 'string' && raw.kind) meta.push(`a ${raw.kind} claim`);
  if (meta.length) item.append(el('p', { class: 'claim-meta' }, meta.join(' · ')));
  const evidence = Array.isArray(raw.evidence) ? raw.evidence.filter((e) => e && typeof e === 'object') : [];
  if (evidence.length) {
    item.append(el('ul', { class: 'evidence', 'aria-label': `Evidence for claim ${c.n}` },
      ...evidence.map(renderEvidence)));
  }
  view.items[c.index] = item;
  return item;
}

function renderEvidence(e) {
  const stance = Object.hasOwn(STANCES, e.stance) ? e.stance : 'related';
  const doc = corpusDocs.get(e.document);
  const title = typeof e.title === 'string' && e.title ? e.title : doc && doc.title ? String(doc.title) : String(e.document ?? '');
  const cite = el('p', { class: 'cite' }, el('cite', { class: 'doc-title' }, safeLink(doc && doc.url, title)));
  if (typeof e.source === 'string' && e.source) cite.append(' · ', el('span', { class: 'source' }, e.source));
  const time = timeElement(e.published);
  if (time) cite.append(' · ', time);
  return el('li', { class: `ev stance-${stance}`, 'data-stance': stance },
    el('span', { class: 'stance' }, STANCES[stance]),
    el('blockquote', {}, typeof e.text === 'string' ? e.text : ''),
    cite);
}

// ---------------------------------------------------------------------------------------------
// Text ⇄ list.

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

function select(index, from) {
  const claim = view.claims[index];
  if (!claim) return;
  if (view.selected >= 0) {
    view.items[view.selected]?.classList.remove('selected');
    view.items[view.selected]?.querySelector('.claim-head')?.removeAttribute('aria-current');
    for (const m of view.marks[view.selected] ?? []) m.classList.remove('current', 'current-value');
    view.tags[view.selected]?.classList.remove('current');
  }
  view.selected = index;
  if (index >= view.rendered) renderMoreClaims(index + 1 - view.rendered + LIST_PAGE / 2);
  const item = view.items[index];
  const head = item.querySelector('.claim-head');
  item.classList.add('selected');
  head.setAttribute('aria-current', 'true');
  for (const m of view.marks[index]) m.classList.add('current');
  for (const m of view.values[index]) m.classList.add('current-value');
  const tag = view.tags[index];
  tag?.classList.add('current');
  renderEvidencePanel(claim);
  const behavior = reducedMotion.matches ? 'auto' : 'smooth';
  if (from === 'text') {
    item.scrollIntoView({ block: 'nearest', behavior });
    head.focus({ preventScroll: true });
  } else {
    const target = view.marks[index][0] ?? tag;
    target?.scrollIntoView({ block: 'center', behavior });
    tag?.focus({ preventScroll: true });
  }
}

shownText.addEventListener('click', (event) => {
  const tag = event.target.closest('.tag');
  if (tag) {
    select(Number(tag.dataset.claim), 'text');
    return;
  }
  const mark = event.target.closest('mark.hl');
  if (mark && !String(window.getSelection() ?? '')) select(Number(mark.dataset.primary), 'text');
});

claimsList.addEventListener('click', (event) => {
  const head = event.target.closest('.claim-head');
  if (head) select(Number(head.dataset.claim), 'list');
});

// ---------------------------------------------------------------------------------------------
// Filters: by verdict and by kind. A claim filtered out leaves the list, loses its tag in the
// text, and its words are no longer highlighted (unless a shown claim covers them too).

const KINDS = {
  number: 'Numbers', money: 'Money', percent: 'Percentages', quantity: 'Quantities', ordinal: 'Ranks',
  date: 'Dates', duration: 'Durations', quote: 'Quotes', entity: 'Names',
};
const filters = { verdicts: new Set(SUMMARY_ORDER), kinds: null };

function kindOf(c) {
  return typeof c.raw.kind === 'string' && c.raw.kind ? c.raw.kind : 'other';
}

function isShown(c) {
  return filters.verdicts.has(c.verdict) && (!filters.kinds || filters.kinds.has(kindOf(c)));
}

function filterBox(group, value, label, count) {
  const id = `filter-${group}-${value}`;
  const input = el('input', { type: 'checkbox', id, value, 'data-group': group, checked: true });
  return el('label', { class: `filter-option${group === 'verdict' ? ` v-${value}` : ''}`, for: id }, input,
    group === 'verdict' ? el('span', { class: 'icon', 'aria-hidden': 'true' }, VERDICTS[value].icon) : null,
    ` ${label} (${numberFormat.format(count)})`);
}

function renderFilters(claims) {
  filters.verdicts = new Set(SUMMARY_ORDER);
  const kinds = [...new Set(claims.map(kindOf))].sort();
  filters.kinds = new Set(kinds);
  const legendOf = (fs) => fs.querySelector('legend');
  verdictFilter.replaceChildren(legendOf(verdictFilter), ...SUMMARY_ORDER.map((v) =>
    filterBox('verdict', v, VERDICTS[v].label, claims.filter((c) => c.verdict === v).length)));
  kindFilter.replaceChildren(legendOf(kindFilter), ...kinds.map((k) =>
    filterBox('kind', k, KINDS[k] ?? k, claims.filter((c) => kindOf(c) === k).length)));
  filterNote.textContent = '';
}

function applyFilters() {
  let shown = 0;
  view.claims.forEach((c) => {
    const visible = isShown(c);
    if (visible) shown += 1;
    if (view.items[c.index]) view.items[c.index].hidden = !visible;
    if (view.tags[c.index]) view.tags[c.index].hidden = !visible;
  });
  for (const mark of shownText.querySelectorAll('mark.hl')) {
    const any = mark.dataset.claims.split(' ').some((n) => {
      const c = view.claims[Number(n) - 1];
      return c && isShown(c);
    });
    mark.classList.toggle('filtered', !any);
  }
  filterNote.textContent = shown === view.claims.length ? ''
    : `Showing ${numberFormat.format(shown)} of ${plural(view.claims.length, 'claim')}.`;
}

for (const fieldset of [verdictFilter, kindFilter]) {
  fieldset.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement)) return;
    const set = box.dataset.group === 'verdict' ? filters.verdicts : filters.kinds;
    if (!set) return;
    if (box.checked) set.add(box.value); else set.delete(box.value);
    applyFilters();
  });
}

// ---------------------------------------------------------------------------------------------
// The evidence panel: the selected claim, the corpus sentences with the value each states
// highlighted, a word diff for quotes, and a table of each source's value when they conflict.

/** Words and punctuation, for the word diff. */
function tokens(text) {
  return String(text).match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * A word diff (longest common subsequence, case-insensitive): [{ op: 'same'|'text'|'corpus', word }].
 * 'text': only in the checked text; 'corpus': only in the corpus sentence.
 */
export function wordDiff(a, b) {
  const x = tokens(a).slice(0, 400);
  const y = tokens(b).slice(0, 400);
  const n = x.length;
  const m = y.length;
  const eq = (i, j) => x[i].toLowerCase() === y[j].toLowerCase();
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = eq(i, j) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(i, j)) { out.push({ op: 'same', word: x[i] }); i++; j++; }
    else if (i < n && (j === m || table[i + 1][j] >= table[i][j + 1])) { out.push({ op: 'text', word: x[i] }); i++; }
    else { out.push({ op: 'corpus', word: y[j] }); j++; }
  }
  return out;
}

/** The words inside the first pair of quotation marks, or the whole string. */
function quoted(text) {
  const m = /["“”„«»]([^"“”„«»]+)["“”„«»]/.exec(String(text));
  return m ? m[1] : String(text);
}

function renderDiff(diff) {
  const p = el('p', { class: 'word-diff' });
  diff.forEach((part, i) => {
    if (i && !/^[,.;:!?)]/.test(part.word)) p.append(' ');
    if (part.op === 'same') p.append(part.word);
    else if (part.op === 'text') p.append(el('del', { title: 'only in your text' }, el('span', { class: 'visually-hidden' }, '[your text: '), part.word, el('span', { class: 'visually-hidden' }, ']')));
    else p.append(el('ins', { title: 'only in the corpus' }, el('span', { class: 'visually-hidden' }, '[corpus: '), part.word, el('span', { class: 'visually-hidden' }, ']')));
  });
  return p;
}

/** The part of an evidence sentence that states its value (its anchor, relative to the sentence). */
function evidenceValue(e) {
  const text = typeof e.text === 'string' ? e.text : '';
  const a = e.anchor && typeof e.anchor === 'object' ? e.anchor : null;
  if (!a || !Number.isInteger(e.start) || !Number.isInteger(a.start) || !Number.isInteger(a.end)) return null;
  const s = a.start - e.start;
  const t = a.end - e.start;
  if (s < 0 || t > text.length || s >= t) return null;
  return { before: text.slice(0, s), value: text.slice(s, t), after: text.slice(t) };
}

function panelEvidence(e) {
  const stance = Object.hasOwn(STANCES, e.stance) ? e.stance : 'related';
  const doc = corpusDocs.get(e.document);
  const title = typeof e.title === 'string' && e.title ? e.title : doc && doc.title ? String(doc.title) : String(e.document ?? '');
  const parts = evidenceValue(e);
  const quote = el('blockquote', {});
  if (parts) quote.append(parts.before, el('mark', { class: `ev-value stance-${stance}` }, parts.value), parts.after);
  else quote.append(typeof e.text === 'string' ? e.text : '');
  const cite = el('p', { class: 'cite' }, el('cite', { class: 'doc-title' }, safeLink(e.url ?? (doc && doc.url), title)));
  if (typeof e.source === 'string' && e.source) cite.append(' · ', el('span', { class: 'source' }, e.source));
  const time = timeElement(e.published);
  if (time) cite.append(' · ', time);
  return el('li', { class: `ev stance-${stance}`, 'data-stance': stance }, el('span', { class: 'stance' }, STANCES[stance]), quote, cite);
}

function conflictTable(evidence) {
  const rows = evidence.map((e) => {
    const parts = evidenceValue(e);
    return el('tr', {},
      el('th', { scope: 'row' }, typeof e.source === 'string' && e.source ? e.source : String(e.document ?? '')),
      el('td', {}, timeElement(e.published) ?? ''),
      el('td', { class: 'value' }, parts ? parts.value : ''),
      el('td', {}, STANCES[e.stance] ?? 'Related'));
  });
  return el('table', { class: 'conflicts' },
    el('caption', {}, 'What each source says'),
    el('thead', {}, el('tr', {}, ...['Source', 'Date', 'Value', 'Stance'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows));
}

function renderEvidencePanel(c) {
  if (!c) {
    evidenceBody.replaceChildren(el('p', { class: 'hint' }, 'Choose a claim, in the text or in the list, to see the corpus sentences behind its verdict.'));
    return;
  }
  const raw = c.raw;
  const v = VERDICTS[c.verdict];
  const parts = [
    el('p', { class: 'panel-head' },
      el('span', { class: `verdict v-${c.verdict}` }, el('span', { class: 'icon', 'aria-hidden': 'true' }, v.icon), ` ${v.label}`),
      ' ', el('span', { class: 'num' }, `Claim ${c.n}`)),
  ];
  const words = el('p', { class: 'panel-claim' });
  if (c.span && c.anchor && c.anchor.start >= c.span.start && c.anchor.end <= c.span.end) {
    words.append(view.text.slice(c.span.start, c.anchor.start),
      el('mark', { class: `differs v-${c.verdict}` }, view.text.slice(c.anchor.start, c.anchor.end)),
      view.text.slice(c.anchor.end, c.span.end));
  } else {
    words.append(claimWords(view.text, c));
  }
  parts.push(words);
  if (typeof raw.explanation === 'string' && raw.explanation) parts.push(el('p', { class: 'explanation' }, raw.explanation));
  if (typeof raw.mismatch === 'string' && raw.mismatch) {
    parts.push(el('p', { class: 'claim-meta' }, `What differs: ${MISMATCHES[raw.mismatch] ?? raw.mismatch} (highlighted).`));
  }
  const evidence = Array.isArray(raw.evidence) ? raw.evidence.filter((e) => e && typeof e === 'object') : [];
  if (kindOf(c) === 'quote' && evidence.length) {
    const mine = c.anchor ? view.text.slice(c.anchor.start, c.anchor.end) : String(raw.text ?? '');
    const theirs = evidenceValue(evidence[0])?.value ?? evidence[0].text ?? '';
    parts.push(el('h4', {}, 'The quote, word by word'),
      el('p', { class: 'hint' }, 'Struck out: only in your text. Underlined: only in the corpus.'),
      renderDiff(wordDiff(quoted(mine), quoted(theirs))));
  }
  const values = new Set(evidence.map((e) => evidenceValue(e)?.value).filter(Boolean));
  if (evidence.length > 1 && (c.verdict === 'conflicting' || values.size > 1)) parts.push(conflictTable(evidence));
  if (evidence.length) {
    parts.push(el('ul', { class: 'evidence', 'aria-label': `Corpus sentences for claim ${c.n}` }, ...evidence.map(panelEvidence)));
  } else {
    parts.push(el('p', { class: 'hint' }, 'The corpus says nothing about this claim.'));
  }
  evidenceBody.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------
// Exports and the share link. The worker renders the exports with the wasm core (the same code as
// `corroborate check --format ...`).

const exports = new Map();
let nextExportId = 1_000_000;

const EXPORTS = {
  json: { ext: 'json', type: 'application/json', label: 'JSON' },
  markdown: { ext: 'md', type: 'text/markdown', label: 'Markdown' },
  claimreview: { ext: 'claimreview.jsonld', type: 'application/ld+json', label: 'ClaimReview JSON-LD' },
  html: { ext: 'html', type: 'text/html', label: 'HTML report' },
};

function today() {
  return new Date().toISOString().slice(0, 10);
}

function renderExport(format) {
  if (!view.report) return Promise.reject(new Error('check a text first'));
  if (!worker) startWorker();
  const id = nextExportId++;
  const promise = new Promise((resolve, reject) => exports.set(id, { resolve, reject }));
  const url = /^https?:$/.test(location.protocol) ? location.href.split('#')[0] : '';
  worker.postMessage({
    type: 'export', id, format, report: view.report, text: view.text,
    options: { date: today(), url, articleDate: view.date || undefined },
  });
  return promise;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or an insecure context): the old way, through a selection.
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    area.remove();
    return ok;
  }
}

downloadButton.addEventListener('click', async () => {
  const format = exportFormat.value;
  const info = EXPORTS[format];
  try {
    const output = await renderExport(format);
    const blob = new Blob([output], { type: `${info.type};charset=utf-8` });
    const link = el('a', { href: URL.createObjectURL(blob), download: `corroborate-report.${info.ext}`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setStatus(`Downloaded the ${info.label} (corroborate-report.${info.ext}).`);
  } catch (err) {
    setStatus(`The ${info.label} could not be made: ${endSentence(err.message)}`, 'error');
  }
});

copyButton.addEventListener('click', async () => {
  const format = exportFormat.value;
  const info = EXPORTS[format];
  try {
    const output = await renderExport(format);
    const ok = await copyText(output);
    setStatus(ok ? `Copied the ${info.label} to the clipboard.` : 'The browser did not allow copying to the clipboard.', ok ? 'info' : 'error');
  } catch (err) {
    setStatus(`The ${info.label} could not be made: ${endSentence(err.message)}`, 'error');
  }
});

/** Share links carry the text, compressed, in the #fragment (never sent to a server). */
const MAX_LINK = 8_000;

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

async function shareFragment(text, date) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  const params = new URLSearchParams();
  params.set('z', toBase64Url(packed));
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) params.set('date', date);
  return `#${params}`;
}

/** The text (and date) a share link carries, or null when the fragment holds none. */
async function readShareFragment(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const packed = params.get('z');
  if (!packed) return null;
  const bytes = await pipe(fromBase64Url(packed), new DecompressionStream('deflate-raw'));
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const date = params.get('date');
  return { text, date: /^\d{4}-\d{2}-\d{2}$/.test(date ?? '') ? date : '' };
}

shareButton.addEventListener('click', async () => {
  const text = textarea.value;
  if (!text.trim()) {
    setStatus('Paste some text to share.', 'error');
    return;
  }
  const fragment = await shareFragment(text, dateInput.value);
  const url = location.href.split('#')[0] + fragment;
  if (url.length > MAX_LINK) {
    setStatus(`This text is too long for a link (${numberFormat.format(url.length)} characters; at most ${numberFormat.format(MAX_LINK)}). Export a report instead.`, 'error');
    return;
  }
  history.replaceState(null, '', fragment);
  const ok = await copyText(url);
  setStatus(ok ? 'Copied a link that carries the text after its “#”: that part is never sent to a server.'
    : 'The link is in the address bar (the browser did not allow copying it).');
});

// ---------------------------------------------------------------------------------------------
// Getting a text in: a file (.txt, .md, .html), dropped or opened, or the sample article. HTML is
// read as text through an inert document (DOMParser runs no script and loads nothing).

const MAX_FILE_BYTES = 4 * 1024 * 1024;
const FILE_TYPES = /\.(txt|text|md|markdown|html?)$/i;

export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const heading = doc.title.trim();
  for (const node of doc.querySelectorAll('script, style, noscript, template, iframe, object, embed, svg, math, head')) node.remove();
  const body = doc.body ?? doc.documentElement;
  for (const node of body.querySelectorAll('p, div, section, article, header, footer, aside, main, nav, h1, h2, h3, h4, h5, h6, li, blockquote, pre, tr, br, hr, dd, dt, figcaption, table, ul, ol')) {
    node.after(doc.createTextNode(/^(P|H\d|BLOCKQUOTE|TABLE|UL|OL|PRE)$/.test(node.tagName) ? '\n\n' : '\n'));
  }
  const title = heading ? `${heading}\n\n` : '';
  const text = (body.textContent ?? '')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n').map((line) => line.trim()).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title && !text.startsWith(heading) ? title + text : text;
}

/** Puts a text in the box as one edit the browser can undo (Ctrl+Z), so nothing typed is lost. */
function replaceText(text) {
  textarea.focus();
  textarea.select();
  let done = false;
  if (text.length < 500_000) {
    try { done = document.execCommand('insertText', false, text); } catch { done = false; }
  }
  if (!done || textarea.value !== text) textarea.value = text;
  textarea.setSelectionRange(0, 0);
  textarea.scrollTop = 0;
  saveDraft();
}

async function openFile(file) {
  if (!file) return;
  const name = file.name || 'The file';
  if (!FILE_TYPES.test(name) && !/^text\/(plain|markdown|html)/.test(file.type)) {
    setStatus(`${name}: not a text file; open a .txt, .md or .html file.`, 'error');
    return;
  }
  if (file.size > MAX_FILE_BYTES) {
    setStatus(`${name} is ${(file.size / 1_048_576).toFixed(1)} MB; the checker takes at most 4 MB. Open a shorter part of it.`, 'error');
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    setStatus(`${name} could not be read: ${endSentence(err.message)}`, 'error');
    return;
  }
  if (bytes.includes(0)) {
    setStatus(`${name} contains NUL bytes: it is binary data, not text.`, 'error');
    return;
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    setStatus(`${name} is not UTF-8 text; save it as UTF-8 and open it again.`, 'error');
    return;
  }
  const isHtml = /\.html?$/i.test(name) || /^text\/html/.test(file.type);
  if (isHtml) text = htmlToText(text);
  if (!text.trim()) {
    setStatus(`${name} has no text in it.`, 'error');
    return;
  }
  replaceText(text);
  setStatus(`Opened ${name} (${plural(text.length, 'character')}${isHtml ? ', read as text from HTML' : ''}). Press Check, or Ctrl+Enter.`);
}

openFileButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  openFile(fileInput.files?.[0]);
  fileInput.value = '';
});

dropZone.addEventListener('dragover', (event) => {
  if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    dropZone.classList.add('dropping');
  }
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dropping'));
dropZone.addEventListener('drop', (event) => {
  dropZone.classList.remove('dropping');
  const file = event.dataTransfer?.files?.[0];
  if (file) {
    event.preventDefault();
    openFile(file);
  }
});

// Our own sample, in the style of the corpus's sources, with two facts changed.
const SAMPLE = `Kazakhstan signs up to the Abraham Accords

Kazakhstan is joining the Abraham Accords, a step its government described as natural. Ties with Israel are not new: Kazakhstan established diplomatic relations with Israel in 1992.

Business ties run deep as well. More than 900 American companies operate in Kazakhstan, and the country's Jewish community numbers about 40,000 people.

Officials also said Kazakhstan has roughly 20 million people.`;

sampleButton.addEventListener('click', () => {
  replaceText(SAMPLE);
  dateInput.value = '2025-11-07';
  saveDraft();
  setStatus('The sample article is in the box (two of its facts are wrong on purpose). Press Check, or Ctrl+Enter.');
});

// ---------------------------------------------------------------------------------------------
// Offline: a service worker caches the page, the wasm and the corpus (not in the one-file build,
// which needs no server).

function registerServiceWorker() {
  if (INLINE || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register(new URL('./sw.js', import.meta.url), { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // What this first visit loaded before the worker controlled the page (other scripts and styles).
      const urls = performance.getEntriesByType('resource').map((e) => e.name.split('#')[0])
        .filter((u) => u.startsWith(new URL('./', import.meta.url).href));
      registration.active?.postMessage({ type: 'cache', urls: [...new Set(urls)] });
    })
    .catch((err) => {
      console.info(`corroborate: working without offline support (${err.message})`);
    });
}

// ---------------------------------------------------------------------------------------------
// Start.

restoreDraft();
setStatus('Loading the checker…', 'busy');
startWorker();
registerServiceWorker();
openShared();
window.addEventListener('hashchange', openShared);

/** A share link: its text replaces the box's (the earlier draft can be had back with Ctrl+Z). */
async function openShared() {
  if (!location.hash.includes('z=')) return;
  let shared;
  try {
    shared = await readShareFragment(location.hash);
  } catch {
    setStatus('The text in this link is damaged (it may have been cut short); nothing was changed.', 'error', { sticky: true });
    return;
  }
  if (!shared || !shared.text.trim()) return;
  if (shared.text.length > MAX_CHARS) return;
  if (textarea.value !== shared.text) replaceText(shared.text);
  if (shared.date) dateInput.value = shared.date;
  saveDraft();
  runCheck();
}
