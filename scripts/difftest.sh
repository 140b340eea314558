#!/usr/bin/env bash
# Differential test of two CLI builds: runs `extract` and `check` (--format json, --date
# 2025-11-07) of both on the same inputs and counts the runs whose output or exit status differ.
# For changes meant to keep every output the same (speed work): a developer's tool, not a test.
#
#   bash scripts/difftest.sh OLD_CLI NEW_CLI      e.g. a copy of target/release/corroborate from
#                                                 before the change, and the one after
#
# Inputs (written to target/difftest/in/): the texts of tests/cases/*.json and tests/devset/*.json,
# corpus/ and tests/corpus-docs/ documents, tests/fuzz-regressions/, the bench text
# (target/bench/news.txt, `npm run bench:extract` or scripts/bench/gen-news.mjs writes it) in
# 15,000-byte pieces and its first 600,000 bytes (past the 256 KB at which a text is split among
# threads), the seed articles of ../shared/seeds/ when that folder is there, and the fuzzers'
# seeds of fuzz/corpus/{extract,check}/ when `python3 fuzz/seeds.py` has written them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -eq 2 ] && [ -x "$1" ] && [ -x "$2" ] || {
  echo "usage: bash scripts/difftest.sh OLD_CLI NEW_CLI (two corroborate binaries)" >&2
  exit 2
}
old=$(realpath "$1") new=$(realpath "$2")
dir=target/difftest
rm -rf "$dir" && mkdir -p "$dir/in"
python3 - "$dir/in" <<'EOF'
import glob, json, os, sys
out = sys.argv[1]
n = 0
def put(kind, text):
    global n
    n += 1
    with open(f"{out}/{n:05d}-{kind}.txt", "w", encoding="utf-8") as f:
        f.write(text)
for f in sorted(glob.glob("tests/cases/*.json")):
    for c in json.load(open(f, encoding="utf-8")):
        if isinstance(c, dict) and c.get("text"):
            put("case", c["text"])
for f in sorted(glob.glob("tests/devset/*.json")):
    put("dev", json.load(open(f, encoding="utf-8"))["text"])
docs = glob.glob("corpus/*") + glob.glob("tests/corpus-docs/*.md") + glob.glob("tests/fuzz-regressions/*")
for f in sorted(docs) + sorted(glob.glob("../shared/seeds/*")):
    try:
        put("doc", open(f, encoding="utf-8").read())
    except (UnicodeDecodeError, IsADirectoryError):
        pass
if os.path.exists("target/bench/news.txt"):
    b = open("target/bench/news.txt", encoding="utf-8").read()
    for i in range(0, len(b), 15000):
        put("bench", b[i:i + 15000])
    put("bench-600k", b[:600000])
else:
    print("difftest: no target/bench/news.txt (node scripts/bench/gen-news.mjs writes it): left out", file=sys.stderr)
EOF
[ -d ../shared/seeds ] || echo "difftest: ../shared/seeds not found: the seed articles are left out" >&2
k=0
for f in fuzz/corpus/extract/* fuzz/corpus/check/*; do
  [ -f "$f" ] || continue
  k=$((k + 1))
  cp "$f" "$dir/in/fuzz-$k.txt"
done
[ $k -gt 0 ] || echo "difftest: no fuzz/corpus/ (python3 fuzz/seeds.py writes it): left out" >&2

run() { # run CLI OUT: both subcommands on every input, two at a time
  mkdir -p "$2"
  ls "$dir/in" | xargs -P2 -I{} sh -c '
    "$1" extract "$2/in/{}" --format json --date 2025-11-07 > "$3/{}.extract" 2>&1; echo "exit $?" >> "$3/{}.extract"
    "$1" check "$2/in/{}" --format json --date 2025-11-07 > "$3/{}.check" 2>&1; echo "exit $?" >> "$3/{}.check"
  ' _ "$1" "$dir" "$2"
}
run "$old" "$dir/old"
run "$new" "$dir/new"
differ=0 total=0
for f in "$dir"/old/*; do
  total=$((total + 1))
  if ! cmp -s "$f" "$dir/new/${f##*/}"; then
    differ=$((differ + 1))
    echo "differs: ${f##*/} (diff $f $dir/new/${f##*/})"
  fi
done
echo "difftest: $differ of $total runs differ ($(ls "$dir/in" | wc -l) inputs)"
[ $differ -eq 0 ]
