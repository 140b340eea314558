#!/usr/bin/env bash
# `npm test`, and CI through .ci/run: installs what is missing, then runs every check in order and
# stops at the first failure, naming it and the command that failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$SECONDS

check() { # check NAME HINT COMMAND...
  local name=$1 hint=$2 t=$SECONDS
  shift 2
  step "$name"
  if "$@"; then
    note "ok ($((SECONDS - t)) s)"
  else
    die "FAILED: $name" "command: $*" "$hint"
  fi
}

check "toolchain" "see its message above" bash scripts/toolchain.sh --browser
check "cargo fmt --check" "run \`cargo fmt\` and review the diff" cargo fmt --check
check "clippy (native, all targets)" "fix the warnings above" \
  cargo clippy --all-targets -- -D warnings
check "clippy (wasm32, $WASM_MODE toolchain)" "fix the warnings above (they are wasm32-only code paths)" \
  wasm_cargo clippy -- -D warnings
check "cargo test (native, all targets)" "see the failing test above" cargo test --all-targets
check "cargo test --doc" "see the failing doc test above" cargo test --doc
check "build (CLI, corpus, wasm)" "see the build's message above" bash scripts/build.sh

check "wasm equals native (node --test tests/wasm/)" "the wasm build and the CLI disagree: see the case named above" \
  node --test tests/wasm/

validator=../shared/spec/validate.py
if [ -f "$validator" ]; then
  check "CLI contract (../shared/spec/cli.md)" "the CLI's output no longer keeps the contract in ../shared/spec/cli.md" \
    python3 "$validator" target/release/corroborate
else
  step "CLI contract"
  note "skipped: $validator not found (the contract checker sits beside the repository on development machines, not in it)"
fi

if compgen -G 'tests/browser/*.test.mjs' >/dev/null; then
  check "browser tests (node --test tests/browser/, Chromium $(dpkg-query -W -f='${Version}' chromium))" \
    "see the failing test above" node --test tests/browser/
else
  step "browser tests"
  note "no browser tests yet (tests/browser/*.test.mjs): skipped"
fi

step "all checks passed ($((SECONDS - started)) s)"
