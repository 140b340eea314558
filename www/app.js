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

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'corroborate-checker' });
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
        const { text, started } = pending;
        finishCheck();
        showReport(text, msg.report, performance.now() - started);
      }
      break;
    case 'error':
      if (msg.id === undefined || msg.id === null) {
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
  pending = { id, text, started: performance.now() };
  setBusy(true);
  setStatus(workerState === 'ready' ? 'Checking…' : 'Loading the checker… (your check starts as soon as it is ready)', 'busy');
  worker.postMessage({ type: 'check', id, text, date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined });
}

function stopCheck() {
  if (!pending) return;
  stopWorker();
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

function showReport(text, report, elapsedMs) {
  const claims = normaliseClaims(text, report);
  view = {
    text, claims, marks: claims.map(() => []), values: claims.map(() => []), tags: [], items: [], rendered: 0, selected: -1,
  };
  renderSummary(report, claims);
  renderShownText(text, claims);
  claimsList.replaceChildren();
  renderMoreClaims(LIST_PAGE);
  results.hidden = false;
  const seconds = elapsedMs / 1000;
  const took = seconds < 10 ? seconds.toFixed(1) : Math.round(seconds).toString();
  setStatus(`Done: ${plural(claims.length, 'claim')} found in ${took} s.`);
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
  const item = el('li', { id: `claim-${c.n}`, class: `claim v-${c.verdict}`, 'data-verdict': c.verdict }, head);
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
// Start.

restoreDraft();
setStatus('Loading the checker…', 'busy');
startWorker();
