// Benchmark (not a test): one check of a 1,000-word article against the default corpus, in wasm
// (Node, the pkg-node/ build of scripts/build.sh: Checker.check, which also builds the report and
// converts it to JS objects) and natively (examples/bench_check.rs: analyze + retrieval + reconcile +
// the JSON report, through the searcher as the CLI and the page do). Prints ms per check, best and median of --runs (default 50) after a warm-up.
// Goal (issue 5): <= 5 ms per check in wasm.
//
// The article: the dev set's articles (tests/devset/*.json, on-topic news about what the corpus
// covers, so most claims meet corpus claims) joined in file order and cut at the first sentence end
// after 1,000 words (--words N changes that); written to target/bench/article-1000.txt.
//
//   npm run bench:check [-- --runs N --words N]
//
// Needs: npm run build (pkg-node/ and www/corpus/); cargo builds the native example itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 1) die(`${name} needs a positive number`);
  return v;
};
function die(msg) {
  process.stderr.write(`bench-check: ${msg}\n`);
  process.exit(1);
}
const runs = opt('--runs', 50);
const words = opt('--words', 1000);

// ---- the article ----
const dir = join(ROOT, 'tests/devset');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).text);
const all = texts.join('\n\n');
const re = /\S+/g;
let count = 0;
let cut = all.length;
for (let m = re.exec(all); m; m = re.exec(all)) {
  count += 1;
  if (count >= words && /[.!?]["”’)]?$/.test(m[0])) {
    cut = m.index + m[0].length;
    break;
  }
}
const article = all.slice(0, cut);
const nWords = article.split(/\s+/).filter(Boolean).length;
if (nWords < words) die(`the dev set has only ${nWords} words; --words ${words} is too many`);
const file = join(ROOT, 'target/bench/article-1000.txt');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, article);

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}; Node ${process.version}`);
console.log(`article: target/bench/article-1000.txt, ${nWords} words, ${Buffer.byteLength(article)} bytes (dev-set articles joined); ${runs} runs each after a warm-up`);

// ---- wasm ----
const pkgNode = join(ROOT, 'pkg-node', 'corroborate.js');
const manifestPath = join(ROOT, 'www/corpus/manifest.json');
if (!existsSync(pkgNode) || !existsSync(manifestPath)) die('pkg-node/ or www/corpus/ is missing: run npm run build first');
const require = createRequire(import.meta.url);
const { Checker } = require(pkgNode);
const manifestText = readFileSync(manifestPath, 'utf8');
// Every shard up front, as bytes (the binary index format), so the timed checks fetch nothing.
const checker = new Checker(manifestText, []);
for (const name of checker.shardNames()) checker.addShard(name, readFileSync(join(ROOT, 'www/corpus', name)));
let report = null;
for (let i = 0; i < 5; i += 1) report = checker.check(article, {});
const times = [];
for (let i = 0; i < runs; i += 1) {
  const t = process.hrtime.bigint();
  report = checker.check(article, {});
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const wasm = { best: times[0], median: times[Math.floor(times.length / 2)] };
const s = report.summary;
console.log(`wasm (Node, Checker.check):  best ${wasm.best.toFixed(3)} ms, median ${wasm.median.toFixed(3)} ms per check; ${report.claims.length} claims (${s.supported} supported, ${s.contradicted} contradicted, ${s.conflicting} conflicting, ${s.unverified} unverified)`);
// The checker keeps the analysis of the last text, so the runs above do not extract the article
// again. The split: checks of a text it has not just analysed (the article and the article with
// one more newline, alternately: every check extracts), and extraction alone (Checker.extract,
// which also writes its JSON report).
const median = (f) => {
  const ts = [];
  for (let i = 0; i < runs; i += 1) {
    const t = process.hrtime.bigint();
    f(i);
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
};
const variants = [article, `${article}\n`];
const fresh = median((i) => checker.check(variants[i % 2], {}));
const extract = median(() => checker.extract(article, {}));
console.log(`wasm, a text not analysed just before (every check extracts it): median ${fresh.toFixed(3)} ms per check; Checker.extract alone: median ${extract.toFixed(3)} ms`);

// ---- native ----
const build = spawnSync('cargo', ['build', '--release', '--example', 'bench_check'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) die('cargo build --release --example bench_check failed (see above)');
const nat = spawnSync(join(ROOT, 'target/release/examples/bench_check'), [file, '--runs', String(runs)], { cwd: ROOT, encoding: 'utf8' });
if (nat.status !== 0) die(`bench_check failed: ${nat.stderr}`);
const line = nat.stdout.split('\n').find((l) => l.startsWith('RESULT '));
const native = JSON.parse(line.slice(7));
console.log(`native (analyze + retrieve + reconcile + JSON): best ${native.best_ms.toFixed(3)} ms, median ${native.median_ms.toFixed(3)} ms per check; ${native.claims} claims`);
const goal = wasm.median <= 5;
console.log(`goal: <= 5 ms per check in wasm: ${goal ? 'met' : 'NOT met'} (median ${wasm.median.toFixed(3)} ms)`);
