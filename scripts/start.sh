#!/usr/bin/env bash
# `npm start`: install what is missing, build, serve the page on http://127.0.0.1:8080 (PORT overrides).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash scripts/toolchain.sh
bash scripts/build.sh
step "serving the page (Ctrl-C stops)"
exec node scripts/serve.mjs
