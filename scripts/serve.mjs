// A dependency-free static server for the page: www/ at /, the wasm-bindgen output pkg/ at /pkg/
// (so www/worker.js can import './pkg/corroborate.js'), and the page's scripts and style sheets
// minified from www-min/ (what `npm run build` writes) in place of www/*.js and www/*.css. Used
// by `npm start` and imported by the browser tests:
//
//   import { startServer } from '../../scripts/serve.mjs';
//   const { url, close } = await startServer({ port: 0, quiet: true }); // port 0: any free port
//
// Run directly (`node scripts/serve.mjs`, PORT overrides 8080) it serves until Ctrl-C.
//
// Options for tests: `root` serves one folder as it is (e.g. dist/, what `npm run dist` built)
// instead of www/ + pkg/; `base` serves everything under a sub-path, as GitHub Pages does
// (`base: '/corroborate/'`: the page at /corroborate/, nothing outside it).
import { createReadStream, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');
// The page's scripts and style sheets as served: the minified copies scripts/build.sh writes
// (www-min/app.js for www/app.js, ...). A source edited after the last build is served as it is (newer than its copy).
const MIN = join(ROOT, 'www-min');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', // wasm-bindgen's .d.ts files
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** The page's Content-Security-Policy: nothing leaves the origin; wasm may be compiled. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Maps a request path to a file under www/ or pkg/ (or under `site`, when given), or null when
 *  there is none or it escapes its root. */
async function locate(rawPath, site = null) {
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('\0')) return null;
  let root = site ?? WWW;
  if (!site && (path === '/pkg' || path.startsWith('/pkg/'))) {
    root = PKG;
    path = path.slice('/pkg'.length);
  }
  if (!site && /^\/[A-Za-z0-9_-]+\.(?:js|css)$/.test(path)) {
    try {
      const [min, src] = await Promise.all([stat(join(MIN, path)), stat(join(WWW, path))]);
      if (min.isFile() && min.mtimeMs >= src.mtimeMs) root = MIN;
    } catch {
      // not built (or no such source): www/ as it is
    }
  }
  if (path === '') path = '/';
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(root + sep)) return null; // `..` climbed out of the root
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    // A symlink inside the root must not lead out of it either.
    const [realFile, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    return { file, info };
  } catch {
    return null;
  }
}

async function handle(req, res, quiet, site = null, base = '/') {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  const fullPath = (req.url ?? '').split(/[?#]/, 1)[0];
  if (base !== '/' && fullPath === base.slice(0, -1)) {
    res.writeHead(301, { ...COMMON_HEADERS, Location: base });
    res.end();
    return;
  }
  const rawPath = fullPath.startsWith(base) ? `/${fullPath.slice(base.length)}` : null;
  const found = rawPath === null ? null : await locate(rawPath, site);
  if (!found) {
    if (!quiet) {
      const hint = rawPath?.startsWith('/pkg/') && !rawPath.includes('..') ? ' (is pkg/ built? npm run build)' : '';
      console.log(`corroborate: 404 ${fullPath}${hint}`);
    }
    res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const { file, info } = found;
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = {
    ...COMMON_HEADERS,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server. Resolves once it listens, with its address (`http://host:port`, no trailing
 * slash) and `close()` (resolves when it has stopped, dropping open keep-alive connections).
 * Rejects with the listen error (e.g. code EADDRINUSE) when it cannot listen.
 */
export function startServer({ port = 8080, host = '127.0.0.1', quiet = false, root = null, base = '/' } = {}) {
  const site = root ? resolve(root) : null;
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return new Promise((resolveStart, rejectStart) => {
    const server = createServer((req, res) => {
      handle(req, res, quiet, site, prefix).catch((err) => {
        if (!quiet) console.error(`corroborate: ${req.url}: ${err.message}`);
        if (!res.headersSent) res.writeHead(500, COMMON_HEADERS);
        res.end();
      });
    });
    server.once('error', rejectStart);
    server.listen(port, host, () => {
      server.off('error', rejectStart);
      const address = server.address();
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      if (!quiet) console.log(`corroborate: serving on ${url}`);
      const close = () =>
        new Promise((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
      resolveStart({ url, port: address.port, close });
    });
  });
}

async function main() {
  const portText = process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    console.error(`corroborate: PORT=${portText} is not a port number (0-65535)`);
    process.exit(2);
  }
  for (const [what, path] of [['www/index.html', join(WWW, 'index.html')], ['pkg/', PKG]]) {
    try {
      await stat(path);
    } catch {
      console.warn(`corroborate: warning: ${what} is missing (run \`npm run build\`, or \`npm start\`)`);
    }
  }
  let server;
  try {
    server = await startServer({ port });
  } catch (err) {
    if (err.code === 'EADDRINUSE') {
      console.error(`corroborate: port ${port} is already in use (another server running?).`);
      console.error(`corroborate: pick another one with PORT, e.g. PORT=${port === 8080 ? 8081 : port + 1} npm start`);
    } else if (err.code === 'EACCES') {
      console.error(`corroborate: not allowed to listen on port ${port}; pick another one with PORT=...`);
    } else {
      console.error(`corroborate: cannot listen on port ${port}: ${err.message}`);
    }
    process.exit(1);
  }
  console.log('corroborate: press Ctrl-C to stop');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
