#!/usr/bin/env bash
# A bounded fuzz run: each cargo fuzz target (fuzz/fuzz_targets/) for N seconds or M runs.
#
#   scripts/fuzz.sh [--install] [--seconds N | --runs M] [TARGET...]
#
# Targets: extract check document index (all by default). Default: --seconds 30 each.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); without it the run is skipped with a note,
# or, with --install, it is installed first (never prompting). Builds with `-s none` (no
# sanitizer): that works on rustup's stable toolchain as it is; AddressSanitizer would need
# nightly flags (RUSTC_BOOTSTRAP=1) and adds little to safe Rust. Debug assertions stay on, so
# integer overflow is a crash.
#
# Seeds: fuzz/seeds.py writes fuzz/corpus/<target>/ when it is empty (from tests/cases, tests/devset
# and corpus/; index seeds need a built `corroborate`, target/release or target/debug).
# A crash or a timeout is reported with its input file (fuzz/artifacts/<target>/); the run goes on
# with the other targets and exits 1 at the end. Save a finding in tests/fuzz-regressions/<target>/
# so `cargo test --test fuzz_regressions` keeps it.
#
# Environment: FUZZ_NICE (default 19), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_RSS_MB (default 2048), FUZZ_LOG_DIR (default target/fuzz-logs).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

install=0
seconds=30
runs=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --seconds) seconds=${2:?--seconds needs a value}; runs=""; shift ;;
    --runs) runs=${2:?--runs needs a value}; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    extract | check | document | index) targets+=("$1") ;;
    *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(extract check document index)

if ! cargo fuzz --version >/dev/null 2>&1; then
  if [ "$install" = 1 ]; then
    echo "fuzz.sh: installing cargo-fuzz (cargo install cargo-fuzz --locked)"
    cargo install cargo-fuzz --locked || { echo "fuzz.sh: installing cargo-fuzz failed" >&2; exit 1; }
  else
    echo "fuzz.sh: skipped: cargo-fuzz is not installed (scripts/fuzz.sh --install installs it)"
    exit 0
  fi
fi

nice_level=${FUZZ_NICE:-19}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
logs=${FUZZ_LOG_DIR:-target/fuzz-logs}
mkdir -p "$logs"

max_len() {
  case "$1" in
    extract | check) echo 512 ;;
    document) echo 2048 ;;
    index) echo 32768 ;; # the default corpus's index is about 31 KB
  esac
}
dict() {
  case "$1" in
    extract | check) echo fuzz/dict/text.dict ;;
    *) echo "fuzz/dict/$1.dict" ;;
  esac
}

started=$SECONDS
echo "fuzz.sh: building the fuzz targets (cargo fuzz build -s none)"
# All targets at once (they share the library build; `cargo fuzz build` takes one target or all).
nice -n "$nice_level" cargo fuzz build -s none >"$logs/build.log" 2>&1 \
  || { tail -n 30 "$logs/build.log" >&2; echo "fuzz.sh: build failed (log: $logs/build.log)" >&2; exit 1; }
echo "fuzz.sh: built in $((SECONDS - started)) s"

need_seeds=0
for t in "${targets[@]}"; do
  [ -n "$(ls -A "fuzz/corpus/$t" 2>/dev/null)" ] || need_seeds=1
done
if [ "$need_seeds" = 1 ]; then
  python3 fuzz/seeds.py || echo "fuzz.sh: seeds.py failed; fuzzing from empty corpora"
fi

failed=0
total=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  t0=$SECONDS
  execs=0
  found=()
  restarts=0
  # libFuzzer stops at the first crash; go on until the time or the runs are used up (at most
  # 10 restarts, in case one shallow crash is found again and again).
  while :; do
    if [ -n "$runs" ]; then
      left=$((runs - execs)); [ "$left" -gt 0 ] || break
      budget=(-runs="$left")
    else
      left=$((seconds - (SECONDS - t0))); [ "$left" -gt 0 ] || break
      budget=(-max_total_time="$left")
    fi
    before=$(ls "fuzz/artifacts/$t" | sort)
    log="$logs/$t-$restarts.log"
    nice -n "$nice_level" cargo fuzz run -s none "$t" -- "${budget[@]}" -max_len="$(max_len "$t")" \
      -timeout="$timeout" -rss_limit_mb="$rss" -dict="$(dict "$t")" -print_final_stats=1 \
      -print_pcs=0 >"$log" 2>&1
    rc=$?
    n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    execs=$((execs + ${n:-0}))
    new=$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$t" | sort))
    if [ "$rc" != 0 ] || [ -n "$new" ]; then
      failed=1
      for a in $new; do found+=("fuzz/artifacts/$t/$a"); done
      [ -n "$new" ] || found+=("(exit $rc, no input saved; log $log)")
      grep -m 3 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/    /'
      restarts=$((restarts + 1))
      [ "$restarts" -le 10 ] || break
    else
      break
    fi
  done
  total=$((total + execs))
  echo "fuzz.sh: $t: $execs runs in $((SECONDS - t0)) s, ${#found[@]} finding(s)"
  for f in "${found[@]}"; do echo "    $f"; done
done
echo "fuzz.sh: $total runs in all, $((SECONDS - started)) s (logs: $logs)"
if [ "$failed" = 1 ]; then
  echo "fuzz.sh: FAILED: findings above; reproduce one with: cargo fuzz run -s none TARGET FILE" >&2
  exit 1
fi
