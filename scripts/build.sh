#!/usr/bin/env bash
# Builds everything the page and the tests use (run scripts/toolchain.sh first):
#   target/release/corroborate  the CLI (rustup's stable)
#   www/corpus/                 the default corpus, compiled by the CLI for the page
#   pkg/                        the wasm for the page (wasm-bindgen --target web, then wasm-opt -Oz)
#   pkg-node/                   the same wasm for Node tests and benchmarks (--target nodejs glue)
#   www-min/                    the page's scripts and style sheets minified, served in place of www/*.js|css
# Steps whose inputs did not change are skipped (stamps hold the sha256 of their inputs).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "building the CLI (cargo build --release)"
cargo build --release || die "cargo build --release failed" "see the compiler's message above"
cli=target/release/corroborate

step "compiling the default corpus (corpus/ -> www/corpus/)"
[ -d corpus ] || die "no corpus/ folder" "the default corpus's source documents live in corpus/"
corpus_stamp=target/corpus.stamp
corpus_key=$({
  sha256 "$cli"
  find corpus -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
} | sha256sum | cut -d' ' -f1)
if [ -d www/corpus ] && [ "$(cat "$corpus_stamp" 2>/dev/null)" = "$corpus_key" ]; then
  note "unchanged, kept www/corpus/"
else
  rm -rf www/corpus
  "$cli" index corpus --out www/corpus ||
    die "$cli index corpus --out www/corpus failed" "see its message above (it names the file)"
  echo "$corpus_key" >"$corpus_stamp"
fi

step "building wasm (wasm32-unknown-unknown, profile wasm, $WASM_MODE toolchain)"
# `cargo rustc --crate-type cdylib`, not `cargo build`: with Cargo.toml's two crate types built at
# once (cdylib for here, rlib for the CLI and tests), the wasm came out 30 KB gzipped larger (270.2
# -> 240.5 KB gz after wasm-opt, measured 30 Nov; the exports are the same).
wasm_cargo rustc --crate-type cdylib || die "the wasm32 build failed" \
  "see the compiler's message above; mode: WASM_MODE=$WASM_MODE (scripts/lib.sh)" \
  "in debian mode compare \`/usr/bin/rustc -vV\` with \`rustc -vV\`: the build must use /usr/bin/rustc"
[ -f "$WASM_OUT" ] || die "the wasm32 build wrote no $WASM_OUT" "check [lib] crate-type in Cargo.toml"

sizes() { printf '%s bytes raw, %s bytes gzipped' "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)"; }

step "wasm-bindgen + wasm-opt (-> pkg/, pkg-node/)"
pkg_stamp=$WASM_TARGET_DIR/pkg.stamp
[ -x "$WASM_OPT" ] || die "no $WASM_OPT (npm's binaryen)" "run: bash scripts/toolchain.sh"
# The features: exactly the ones rustc's LLVM 22 enables for wasm32-unknown-unknown (what its
# target_features section lists; stated here so a stripped build works too). Not -all: binaryen 132 then
# also writes newer encodings (compact imports) that Chromium 156 rejects ("Invalid import kind
# 127"). A feature the code uses but is not named here fails wasm-opt's validation, loudly.
# --strip-*: the page needs no names or DWARF. --converge: the passes again until nothing shrinks
# (0.3 KB gzipped, measured 30 Nov). --low-memory-unused: a constant added to a pointer may go
# into the load's or store's offset, which differs only where the add wraps past 2^32 into the
# first 1 KB of memory; Rust's pointers never wrap, and rustc puts the stack there anyway (data
# from 1 MB). 0.77 KB gzipped (231,489 -> 230,717 B, node:zlib level 9, measured 2 Dec).
# --one-caller-inline-max-function-size 20: a function with one caller is inlined into it only
# when it is small (binaryen's default inlines it whatever its size): 3.2 KB gzipped less (231,835
# -> 228,604 B at 5ad62d9; 15 to 50 all give 228.6-228.7 KB, 0 gives 228.7, 1000 gives 230.5;
# brotli -11 193,507 -> 191,426 B), for a Checker.extract CPU time of 0.986-1.000 and a
# Checker.check of 0.99-1.03 of before (the two builds in turns in one Node process, both orders;
# measured 3 Dec).
# --always-inline-max-function-size 4: functions of up to 4 bytes are always inlined (binaryen's
# default is 2): 100 B gzipped less (231,567 -> 231,467 B at 4473bdc plus the rank fix after it; 3
# gives 231,520, 5 231,641, 6 231,811, 10 234,453; measured 4 Dec), for a Checker.extract time
# of 0.97 of before (the two builds in turns in one Node process, 6 rounds on 600 KB of the bench text).
wasm_opt_flags=(--one-caller-inline-max-function-size 20 --always-inline-max-function-size 4 -Oz --converge --low-memory-unused --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory
  --enable-bulk-memory-opt --enable-sign-ext --enable-reference-types --enable-multivalue
  --enable-call-indirect-overlong --strip-debug --strip-producers)
ESBUILD="$ROOT/node_modules/.bin/esbuild"
[ -x "$ESBUILD" ] || die "no $ESBUILD (npm's esbuild)" "run: bash scripts/toolchain.sh (it runs npm ci)"
pkg_key="pkg-node-optimised $(sha256 "$WASM_OUT") $(wasm-bindgen --version) $("$WASM_OPT" --version) ${wasm_opt_flags[*]} esbuild $("$ESBUILD" --version)"
if [ -f pkg/corroborate.js ] && [ -f pkg/corroborate_bg.wasm ] && [ -f pkg-node/package.json ] &&
  [ "$(cat "$pkg_stamp" 2>/dev/null)" = "$pkg_key" ]; then
  note "unchanged wasm input, kept pkg/ and pkg-node/: $(sizes pkg/corroborate_bg.wasm)"
else
  rm -rf pkg pkg-node "$pkg_stamp"
  wasm-bindgen --target web --out-dir pkg "$WASM_OUT" || die "wasm-bindgen --target web failed"
  wasm-bindgen --target nodejs --out-dir pkg-node "$WASM_OUT" || die "wasm-bindgen --target nodejs failed"
  # The nodejs glue is CommonJS; without this, the top package.json's "type": "module" makes Node
  # load it as ESM (and it fails). Node code imports it as `import m from '../pkg-node/corroborate.js'`.
  echo '{ "type": "commonjs" }' >pkg-node/package.json
  # The page's glue, minified (the page loads it; pkg-node's stays as generated).
  "$ESBUILD" pkg/corroborate.js --minify --format=esm --log-level=warning --outfile=pkg/corroborate.min.js ||
    die "esbuild could not minify pkg/corroborate.js" "see its message above"
  mv pkg/corroborate.min.js pkg/corroborate.js
  note "before wasm-opt: $(sizes pkg/corroborate_bg.wasm)"
  # Node's tests and benchmarks run the page's optimised wasm too, not wasm-bindgen's output
  # (which ran Checker.extract 1.03x slower, measured 3 Dec). The two targets' wasm files are the
  # same bytes (only the glue differs); if a wasm-bindgen ever makes them differ, both are optimised.
  same=false
  cmp -s pkg/corroborate_bg.wasm pkg-node/corroborate_bg.wasm && same=true
  for dir in pkg pkg-node; do
    [ "$dir" = pkg-node ] && $same && break
    "$WASM_OPT" "${wasm_opt_flags[@]}" "$dir/corroborate_bg.wasm" -o "$dir/corroborate_bg.opt.wasm" ||
      die "wasm-opt ${wasm_opt_flags[*]} failed on $dir/corroborate_bg.wasm" "see its message above"
    mv "$dir/corroborate_bg.opt.wasm" "$dir/corroborate_bg.wasm"
  done
  $same && cp pkg/corroborate_bg.wasm pkg-node/corroborate_bg.wasm
  note "after  wasm-opt: $(sizes pkg/corroborate_bg.wasm)"
  echo "$pkg_key" >"$pkg_stamp"
fi

# The page's scripts and style sheets, minified (issue 7's size budget): www/*.js and www/*.css
# stay the readable sources; the minified copies in www-min/ are what scripts/serve.mjs serves in
# their place (and what
# `npm run dist` ships), so the browser tests run them. Same names, same imports: the service
# worker's cache list and the one-file build need no change. (The web glue is minified with pkg/.)
step "minifying the page's scripts and style sheets (www/*.js, www/*.css -> www-min/)"
min_stamp=target/www-min.stamp
min_key=$({
  "$ESBUILD" --version
  for f in www/*.js www/*.css; do sha256sum "$f"; done
} | sha256sum | cut -d' ' -f1)
if [ -d www-min ] && [ "$(cat "$min_stamp" 2>/dev/null)" = "$min_key" ]; then
  note "unchanged, kept www-min/"
else
  rm -rf www-min "$min_stamp"
  mkdir www-min
  for src in www/*.js; do
    name=$(basename "$src")
    # sw.js is a classic script (registered without type: 'module'); the others are modules.
    format=(--format=esm)
    [ "$name" = sw.js ] && format=()
    "$ESBUILD" "$src" --minify "${format[@]}" --log-level=warning --outfile="www-min/$name" ||
      die "esbuild could not minify $src" "see its message above"
  done
  for src in www/*.css; do
    "$ESBUILD" "$src" --minify --log-level=warning --outfile="www-min/$(basename "$src")" ||
      die "esbuild could not minify $src" "see its message above"
  done
  note "$(cat www/*.js www/*.css | wc -c) -> $(cat www-min/* | wc -c) bytes raw"
  echo "$min_key" >"$min_stamp"
fi
