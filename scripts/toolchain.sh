#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) needs and is missing; detects first, so a
# second run does nothing and takes about a second. Never prompts.
#   scripts/toolchain.sh            Rust (native + wasm32), wasm-bindgen CLI, node modules (wasm-opt)
#   scripts/toolchain.sh --browser  also Debian's Chromium (used by tests/browser through playwright-core)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    *) die "unknown option $arg" "usage: scripts/toolchain.sh [--browser]" ;;
  esac
done

step "checking the toolchain"

# Native Rust: rustup's stable, with rustfmt and clippy.
command -v cargo >/dev/null 2>&1 ||
  die "cargo not found" "install rustup's stable toolchain (https://rustup.rs), then run again"
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    step "adding rustup component $component"
    rustup component add "$component" ||
      die "cannot add rustup's $component" "run: rustup component add $component"
  fi
done

# Debian packages, in one apt-get call (wasm-opt comes from npm: see WASM_OPT in scripts/lib.sh).
packages=()
if [ "$WASM_MODE" = debian ]; then
  # rustup has no wasm32 std here: Debian's rustc/cargo 1.96 build it from rust-web-src;
  # rust-lld is a link to lld-22; rust-web-clippy lints the wasm32 build.
  packages+=(rustc-web cargo-web rust-web-src rust-web-clippy lld-22)
fi
if [ "$browser" = 1 ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  # The CLI contract check runs only where ../shared/spec/validate.py exists, and needs python3.
  if [ -f ../shared/spec/validate.py ] && ! command -v python3 >/dev/null 2>&1; then
    packages+=(python3)
  fi
fi
[ ${#packages[@]} -eq 0 ] || apt_ensure "${packages[@]}"
case "$WASM_MODE" in
  rustup) note "wasm32: rustup's own wasm32-unknown-unknown target" ;;
  debian) note "wasm32: Debian's $(/usr/bin/rustc --version) with -Zbuild-std (rustup has no wasm32 std)" ;;
esac

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
# `cargo metadata` writes Cargo.lock when it is missing and updates it when Cargo.toml moved on
# (a tenth of a second when nothing changed).
[ -f Cargo.lock ] || step "resolving dependencies (writing Cargo.lock)"
cargo metadata --format-version 1 >/dev/null ||
  die "cargo could not resolve the dependencies in Cargo.toml" "see cargo's message above"
want=$(awk '$0 == "[[package]]" { name = "" }
            $0 == "name = \"wasm-bindgen\"" { name = 1; next }
            name && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$want" ] ||
  die "Cargo.lock has no wasm-bindgen package" \
    "Cargo.toml must depend on wasm-bindgen (pinned with =) for target_arch = \"wasm32\""
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  step "installing wasm-bindgen-cli $want (${have:+replacing $have; }about 4 minutes, once)"
  # No --locked: one of its locked dependencies is not served here (../shared/TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$want" ||
    die "cargo install wasm-bindgen-cli --version $want failed" "see cargo's message above"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  [ "$have" = "$want" ] ||
    die "wasm-bindgen on PATH is ${have:-missing} ($(command -v wasm-bindgen || echo none)), not $want" \
      "put $CARGO_BIN first on PATH"
fi
note "wasm-bindgen $have (as Cargo.lock)"

# Node modules: npm ci when they are missing or older than package-lock.json.
command -v npm >/dev/null 2>&1 || die "npm not found" "install Node.js 20 or newer with npm"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing node modules (npm ci)"
  npm ci --no-audit --no-fund || die "npm ci failed" "see npm's message above"
fi
note "node $(node --version), node modules up to date ($("$WASM_OPT" --version))"

if [ "$browser" = 1 ]; then
  note "browser: /usr/bin/chromium $(dpkg-query -W -f='${Version}' chromium 2>/dev/null || true)"
fi
