#!/usr/bin/env bash
# `npm run dist`: assembles the static site in dist/ from what scripts/build.sh made:
# www/ (with the compiled www/corpus/) at the top, pkg/ (the web wasm) at dist/pkg/.
# GitHub Pages publishes dist/ (.github/workflows/pages.yml).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "assembling the site in dist/"
for need in www/index.html www/corpus pkg/corroborate.js pkg/corroborate_bg.wasm; do
  [ -e "$need" ] || die "$need is missing" "build first: npm run build (or bash scripts/build.sh)"
done
rm -rf dist
mkdir -p dist
cp -R www/. dist/
rm -rf dist/pkg # a stray www/pkg must not shadow the fresh build
mkdir dist/pkg
cp -R pkg/. dist/pkg/
note "$(find dist -type f | wc -l) files, $(du -sk dist | cut -f1) KB"
