# Shared by the scripts in this folder: `source scripts/lib.sh`, never run it.
# It moves to the repository root, puts cargo-installed tools on PATH, decides how wasm32 is built
# here (WASM_MODE) and offers the few helpers every script needs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Nothing here may ever wait for an answer (CI runs without stdin).
export DEBIAN_FRONTEND=noninteractive
# `cargo install` puts wasm-bindgen here; a CI shell does not always have it on PATH.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf '\nerror: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '       %s\n' "$line" >&2; done
  exit 1
}

# How wasm32 is built on this machine, decided once and passed on to child scripts:
#   rustup  rustup has its own wasm32-unknown-unknown std: plain `cargo --target wasm32-unknown-unknown`;
#   debian  it has not (and cannot download one): Debian's rustc-web builds std from source
#           (`-Zbuild-std`), see ../shared/TOOLCHAIN.md. Override with WASM_MODE=rustup|debian.
if [ -z "${WASM_MODE:-}" ]; then
  if command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    WASM_MODE=rustup
  else
    WASM_MODE=debian
  fi
fi
case "$WASM_MODE" in
  rustup | debian) export WASM_MODE ;;
  *) die "WASM_MODE=$WASM_MODE is not known" "use WASM_MODE=rustup or WASM_MODE=debian, or leave it unset to detect" ;;
esac

# Every wasm32 build and lint goes through here, into its own target dir (switching compilers
# would otherwise rebuild everything). The output is the same path in both modes:
WASM_TARGET_DIR=target/wasm
WASM_OUT="$WASM_TARGET_DIR/wasm32-unknown-unknown/wasm/corroborate.wasm"
wasm_cargo() { # wasm_cargo build|clippy [more cargo args] [-- tool args]
  local sub=$1
  shift
  if [ "$WASM_MODE" = rustup ]; then
    cargo "$sub" --lib --profile wasm --target wasm32-unknown-unknown \
      --target-dir "$WASM_TARGET_DIR" "$@"
  else
    # rustup's proxies in ~/.cargo/bin come first on PATH: pin Debian's compiler, and put /usr/bin
    # first so that cargo finds Debian's cargo-clippy/clippy-driver, not rustup's.
    # std is built here anyway, so it is built for size (issue 7's budget: together 39.5 KB less
    # gzipped wasm, measured on 30 Nov with scripts/build.sh's wasm-opt flags):
    #   optimize_for_size       std's small variants (sorting above all: its stable and unstable
    #                           sorts were ~75 KB of the 620 KB of code, one copy per element type);
    #   -Cpanic=immediate-abort a panic traps at once, without formatting a message: no panic
    #                           strings or location tables. The page sees the same
    #                           WebAssembly.RuntimeError ("unreachable") as with panic = "abort"
    #                           (www/worker.js restarts the worker); only the console message goes.
    #   -Zfmt-debug=none        `{:?}` writes nothing and derived Debug is empty: 3.6-4.1 KB gz
    #                           less. Nothing the page shows or keys on may use it: messages quote
    #                           with corroborate::quoted (tests/no_debug_format.rs checks).
    #   -inline-threshold=20    LLVM's inliner kept small. From 1 Dec it was 20 (Checker.extract
    #                           about 10% faster for 6.7 KB gz), but the extraction fixes of 2 Dec
    #                           (the audit's 35 high findings: +14 KB gz of wasm at 20) left no room:
    #                           wasm + JS 255.6 KB at 20, 250.8 at 8 or 10, 249.9 at 5 (node:zlib
    #                           level 9, as `npm run bench` measures), for Checker.extract CPU
    #                           1.08-1.12x that at 20 (in turns in one Node process). At 10
    #                           since 3 Dec, once the room was back: +1,287 B gz (227,130 ->
    #                           228,417; 6-10 give the same wasm, 11-15 231,308) for
    #                           Checker.extract CPU 0.90-0.91x that at 5 (in turns, both orders).
    #                           Back at 5 on 3 Dec (17:40 UTC): the day's reconciliation fixes
    #                           brought wasm + JS to 256,514 B at 10, over the 256,000; at 5 it
    #                           is 255,085 (wasm 231,996 -> 230,567), for Checker.extract CPU
    #                           1.03x and Checker.check 1.10x that at 10 (in turns, 6 rounds).
    #                           At 20 again since 4 Dec: the word lists packed and the Unicode
    #                           tables as bytes freed 7.4 KB gz; wasm 224,063 B gz at 5, 229,486
    #                           at 15, 231,002 at 20 (wasm + JS 255,520), 235,757 at 25 (over);
    #                           Checker.extract 0.915x the time at 15 and 0.898x that again at 20
    #                           (600 KB of the bench text, in turns in one Node process, 8 rounds).
    #                           Lower it first when a fix needs room.
    # A rustup-mode build (stable std, precompiled) cannot do the unstable ones and comes out larger.
    env PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Cllvm-args=-inline-threshold=20" \
      /usr/bin/cargo "$sub" --lib --profile wasm --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
      --target-dir "$WASM_TARGET_DIR" "$@"
  fi
}

# wasm-opt comes from npm's binaryen (pinned in package-lock.json), not Debian's binaryen 108:
# binaryen <= 108 rewrites wasm-bindgen's export of its externref table to point at the funcref
# table (fixed in 110, WebAssembly/binaryen#4711), and the page then dies at start-up with
# "WebAssembly.Table.set(): Argument 1 is invalid for table". One pinned version also gives the
# same bytes here and in CI.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"

# Debian packages: install only the missing ones, `apt-get update` only when something is missing.
apt_ensure() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
      die "installing ${missing[*]} needs root" "run as root: apt-get update && apt-get install -y ${missing[*]}"
    sudo=(sudo -n)
  fi
  "${sudo[@]}" apt-get update -q ||
    die "apt-get update failed" "check the network and /etc/apt/sources.list*, then run again"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o DPkg::Lock::Timeout=300 "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed" "see the apt output above"
}

sha256() { sha256sum "$1" | cut -d' ' -f1; }
