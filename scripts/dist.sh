#!/usr/bin/env bash
# `npm run dist`: builds (scripts/build.sh; unchanged steps are skipped) and assembles the static
# site in dist/ for any static host, plus one self-contained HTML file:
#   dist/                  www/ (with the compiled www/corpus/) at the top, pkg/ (the web wasm) at
#                          dist/pkg/; every URL is relative, so it works under a sub-path
#   dist/corroborate.html  the whole page in one file (wasm and corpus inlined) that works when
#                          opened straight from disk (scripts/dist-single.mjs)
# GitHub Pages publishes dist/ (.github/workflows/pages.yml). DIST_NO_BUILD=1 skips the build;
# DIST_DIR=PATH writes elsewhere than dist/ (the browser tests assemble their own copy).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "${DIST_NO_BUILD:-}" != 1 ]; then
  bash scripts/build.sh
fi

out=${DIST_DIR:-dist}
step "assembling the site in $out/"
for need in www/index.html www/corpus pkg/corroborate.js pkg/corroborate_bg.wasm; do
  [ -e "$need" ] || die "$need is missing" "build first: npm run build (or bash scripts/build.sh)"
done
rm -rf "$out"
mkdir -p "$out"
cp -R www/. "$out/"
# The page's scripts and style sheets as served: the minified copies (scripts/build.sh), over the
# sources.
[ -d www-min ] || die "www-min/ is missing" "build first: npm run build (or bash scripts/build.sh)"
cp www-min/* "$out/"
rm -rf "$out/pkg" # a stray www/pkg must not shadow the fresh build
mkdir "$out/pkg"
# Only what the page loads: the web glue and the wasm (not the TypeScript types or package.json).
cp pkg/corroborate.js pkg/corroborate_bg.wasm "$out/pkg/"
note "$(find "$out" -type f | wc -l) files, $(du -sk "$out" | cut -f1) KB"

step "one self-contained file ($out/corroborate.html)"
node scripts/dist-single.mjs "$out" "$out/corroborate.html" || die "the one-file build failed" "see its message above"
