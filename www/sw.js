// The service worker: after one visit the page works with the network off.
//
// Network first, cache as the fallback: online, every load takes the newest files (a new version
// is taken on the next load, never a mix held back by the cache); offline, the copy from the
// last visit answers. On install it caches the page, the wasm and the whole corpus (the shards
// its manifest names). It caches only this origin's GET responses, and keeps nothing of the
// person's: texts and documents live in the page's own storage, which this worker never touches.
// Every path is relative to this script, so it works under any sub-path (GitHub Pages).

const CACHE = 'corroborate-v6';
const CORE = [
  './', './index.html', './app.js', './worker.js', './style.css', './favicon.svg', './manifest.webmanifest',
  './icon.svg', './pkg/corroborate.js', './pkg/corroborate_bg.wasm', './corpus/manifest.json',
  './corpus.js', './corpus.css', './corpus-worker.js', './store.js',
];

/** Up to this many shards, the whole shipped corpus is cached on install; a bigger corpus caches
 *  its catalog and then each shard as a check first fetches it. */
const PRECACHE_SHARDS = 400;

const scope = new URL('./', self.location).href;

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(CORE);
  // The corpus shards its manifest counts (names as in src/corpus/index.rs: catalog, docs, terms;
  // binary, index format 6).
  const manifest = await (await cache.match('./corpus/manifest.json')).json();
  const id = typeof manifest.id === 'string' && /^[0-9a-f]{12,}$/.test(manifest.id) ? manifest.id.slice(0, 12) : null;
  if (!id) return;
  const counts = [['catalog', manifest.catalog_shards], ['docs', manifest.doc_shards], ['terms', manifest.term_shards]]
    .map(([kind, n]) => [kind, Number.isInteger(n) && n > 0 ? n : 0]);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const names = [];
  for (const [kind, n] of counts) {
    if (total > PRECACHE_SHARDS && kind !== 'catalog') continue;
    for (let i = 0; i < n; i += 1) names.push(`./corpus/${kind}-${id}-${i}.bin`);
  }
  await cache.addAll(names);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('corroborate-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const page = await cache.match('./index.html');
      if (page) return page;
    }
    throw err;
  }
}

// The page tells us what else it loaded on its first visit (before this worker controlled it):
// any other script or style of this origin is cached too.
self.addEventListener('message', (event) => {
  const msg = event.data;
  if (!msg || msg.type !== 'cache' || !Array.isArray(msg.urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of msg.urls) {
      if (typeof url !== 'string' || !url.startsWith(scope) || await cache.match(url)) continue;
      try {
        const response = await fetch(url, { cache: 'no-cache' });
        if (response.ok && response.type === 'basic') await cache.put(url, response);
      } catch { /* offline already: nothing to add */ }
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  event.respondWith(networkFirst(request));
});
