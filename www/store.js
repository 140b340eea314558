// Your documents, kept in this browser (IndexedDB): they survive reloads and work offline.
// One record per document: { name, text, added } keyed by its file name; the text is stored
// exactly as it was added, so an export and an import give back the same documents.

const DB_NAME = 'corroborate';
const DB_VERSION = 1;
const STORE = 'documents';

/** The export file's format tag. */
export const EXPORT_FORMAT = 'corroborate-documents';
export const EXPORT_VERSION = 1;

let dbPromise = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open() {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser keeps no local storage (IndexedDB is off)'));
      return;
    }
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'name' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this page; close it and reload'));
  });
  dbPromise.catch(() => { dbPromise = null; });
  return dbPromise;
}

async function tx(mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    let result;
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction was aborted (is the disk full?)'));
    Promise.resolve(fn(t.objectStore(STORE))).then((r) => { result = r; }, reject);
  });
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Is this stored record a document this page can read? */
function readable(r) {
  return !!r && typeof r === 'object' && typeof r.name === 'string' && r.name !== '' && typeof r.text === 'string';
}

/**
 * Every stored document that can be read, sorted by name, and one line for each record that
 * cannot (a damaged store, or one written by something else). Those records are left as they are:
 * nothing is deleted. Throws an Error naming the problem when the store cannot be read at all.
 */
export async function loadDocuments() {
  let records;
  try {
    records = await tx('readonly', (store) => request(store.getAll()));
  } catch (err) {
    throw new Error(`the documents kept in this browser could not be read (${describeStorageError(err)}); the store may be damaged`);
  }
  const docs = [];
  const unreadable = [];
  (Array.isArray(records) ? records : []).forEach((r, i) => {
    if (readable(r)) {
      docs.push({ name: r.name, text: r.text, added: typeof r.added === 'string' ? r.added : undefined });
    } else {
      const name = r && typeof r === 'object' && (typeof r.name === 'string' || typeof r.name === 'number') ? `"${r.name}"` : `number ${i + 1}`;
      unreadable.push(`Stored document ${name} is damaged (it has no name or no text) and was not loaded; it is left in the store as it is.`);
    }
  });
  return { docs: docs.sort(byName), unreadable };
}

/** Every readable stored document, sorted by name. */
export async function allDocuments() {
  return (await loadDocuments()).docs;
}

/** A storage error in words people know. */
export function describeStorageError(err) {
  const name = err && err.name;
  if (name === 'QuotaExceededError') return 'the browser’s storage for this page is full (quota exceeded)';
  if (name === 'SecurityError' || name === 'InvalidStateError') {
    return `the browser does not let this page keep data (private browsing?): ${err.message || name}`;
  }
  return err && err.message ? err.message : String(err);
}

/** Stores documents ({ name, text, added? }); one transaction, all or none. */
export function putDocuments(docs) {
  return tx('readwrite', (store) => {
    for (const d of docs) {
      store.put({ name: String(d.name), text: String(d.text), added: d.added ?? new Date().toISOString() });
    }
  });
}

/** Deletes documents by name. */
export function deleteDocuments(names) {
  return tx('readwrite', (store) => {
    for (const n of names) store.delete(String(n));
  });
}

/** The export file's text: every stored document, whole. */
export function exportText(docs) {
  return `${JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    documents: docs.map((d) => ({ name: d.name, text: d.text, added: d.added })),
  }, null, 1)}\n`;
}

/** Parses an export file; throws an Error naming the problem. Returns [{ name, text, added }]. */
export function parseExport(text, fileName = 'the file') {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${fileName}: not a corpus export (it is not JSON: ${err.message})`);
  }
  if (!data || data.format !== EXPORT_FORMAT) {
    throw new Error(`${fileName}: not a corpus export (no "format": "${EXPORT_FORMAT}")`);
  }
  if (data.version !== EXPORT_VERSION) {
    throw new Error(`${fileName}: a corpus export of version ${data.version}; this page reads version ${EXPORT_VERSION}`);
  }
  if (!Array.isArray(data.documents)) throw new Error(`${fileName}: the export has no "documents" list`);
  return data.documents.map((d, i) => {
    if (!d || typeof d.name !== 'string' || typeof d.text !== 'string' || !d.name) {
      throw new Error(`${fileName}: document ${i + 1} of the export has no name or no text`);
    }
    return { name: d.name, text: d.text, added: typeof d.added === 'string' ? d.added : undefined };
  });
}
