#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs into fuzz/corpus/<target>/ (not kept in git).

Seeds are small inputs made from the repository's own data: the texts of tests/cases/*.json and
tests/devset/*.json, the documents of corpus/, HTML and plain-text forms of them, and corpus
indexes written by `corroborate index` (so the index target starts from inputs that load).

usage: fuzz/seeds.py [--cli PATH_TO_corroborate] [--max-len N]
Without --cli, the index seeds use target/release/corroborate or target/debug/corroborate if
one exists, and are left out otherwise (with a note).
"""
import argparse
import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def chunks(text, limit):
    """Whole paragraphs, at most `limit` bytes each."""
    out, cur = [], ""
    for para in text.split("\n\n"):
        piece = (cur + "\n\n" + para) if cur else para
        if len(piece.encode()) > limit and cur:
            out.append(cur)
            cur = para
        else:
            cur = piece
    if cur:
        out.append(cur)
    return [c.encode()[:limit].decode("utf-8", "ignore") for c in out]


def front_matter(text):
    """(fields, body) of a corpus document."""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    fields = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        fields[k.strip()] = v.strip()
    return fields, body


def html_of(fields, body):
    paras = "".join(f"<p>{p.replace('&', '&amp;')}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{fields.get('title', 'A title')}</title>"
        f'<meta property="og:site_name" content="{fields.get("source", "An outlet")}">'
        f'<meta property="article:published_time" content="{fields.get("published", "2025-11-07")}T06:06:00Z">'
        "<style>p { color: red }</style></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{paras}</article><script>var x = '<p>';</script>"
        "<footer>&copy; 2025</footer></body></html>\n"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli")
    ap.add_argument("--max-len", type=int, default=4096)
    args = ap.parse_args()
    texts = []  # (date or None, text)
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "*.json"))):
        for case in json.load(open(path, encoding="utf-8")):
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                texts.append((case.get("date"), case["text"]))
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "devset", "*.json"))):
        art = json.load(open(path, encoding="utf-8"))
        for c in chunks(art["text"], args.max_len - 12):
            texts.append((art.get("date"), c))
    docs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.md"))):
        raw = open(path, encoding="utf-8").read()
        docs.append(raw)
        fields, body = front_matter(raw)
        for c in chunks(body, args.max_len - 12):
            texts.append((fields.get("published"), c))

    for date, text in texts:
        data = (f"@{date}\n" if date else "") + text
        write("extract", data)
        write("check", data)

    ext = {"md": b"\x00", "txt": b"\x01", "html": b"\x02", "htm": b"\x03"}
    for raw in docs:
        fields, body = front_matter(raw)
        write("document", ext["md"] + raw.encode())
        write("document", ext["txt"] + raw.encode())
        write("document", ext["html"] + html_of(fields, body).encode())
        write("document", ext["htm"] + html_of(fields, body[:600]).encode())
    small = [
        "---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\nMore than 600 companies operate there.\n",
        "---\ntitle: \"Quoted\"\nsource: 'S'\nurl: https://example.org/a\nauthor: A B\n"
        "published: 2025-11-07T10:00:00Z\n# a comment\n\n---\n# Heading\n\n**Bold** [a link](http://x) > quote\n",
        "---\ntitle: never closed\nsource: S\n",
        "---\nnot a field\n---\ntext\n",
        "# Only a heading\n\nNo front matter at all.\n",
        "---\ntitle: T\nsource: S\npublished: 2025-13-40\n---\nBad date.\n",
    ]
    for s in small:
        write("document", ext["md"] + s.encode())
    write("document", ext["html"] + b"<html><head><title>A &amp; B &#x263A; &#9731;</title></head>"
          b"<body><p>Text &nbsp;&mdash; &bogus; &#xD800;</p><br><li>x</li><script>no end")

    cli = args.cli
    if not cli:
        for c in ("target/release/corroborate", "target/debug/corroborate"):
            if os.path.exists(os.path.join(ROOT, c)):
                cli = os.path.join(ROOT, c)
                break
    if not cli:
        print("seeds: no corroborate binary (cargo build first): index seeds left out", file=sys.stderr)
        return
    corpora = [[("corpus-" + os.path.basename(p), open(p, encoding="utf-8").read())
                for p in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.md")))]]
    # Tiny corpora: one or two documents made of test-case sentences, a few kinds each.
    picks = [t for _, t in texts if len(t) < 300]
    for i in range(0, min(len(picks), 60), 6):
        corpora.append([(f"doc{j}.md", "---\ntitle: Doc %d\nsource: Outlet\npublished: 2025-11-0%d\n---\n%s\n"
                         % (j, 1 + j % 9, picks[i + j])) for j in range(min(3, len(picks) - i))])
    for n, files in enumerate(corpora):
        with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as out:
            for name, text in files:
                with open(os.path.join(src, name if name.endswith(".md") else name + ".md"), "w", encoding="utf-8") as f:
                    f.write(text)
            r = subprocess.run([cli, "index", src, "--out", out], capture_output=True, text=True)
            if r.returncode != 0:
                print(f"seeds: corroborate index failed on corpus {n}: {r.stderr.strip()}", file=sys.stderr)
                continue
            manifest = open(os.path.join(out, "manifest.json"), "rb").read()
            m = json.loads(manifest)
            # Index format 4: {kind}-{first 12 of the id}-{n}.bin, catalog then docs then terms
            # (Part::shard_names in src/corpus/index.rs).
            names = [
                f"{kind}-{m['id'][:12]}-{n}.bin"
                for kind, count in (
                    ("catalog", m["catalog_shards"]),
                    ("docs", m["doc_shards"]),
                    ("terms", m["term_shards"]),
                )
                for n in range(count)
            ]
            shards = [open(os.path.join(out, s), "rb").read() for s in names]
            # The index target's framing (fuzz/src/lib.rs, `index`): the manifest, NUL, then each
            # shard as its length in 4 bytes, little endian, and its bytes.
            body = b"".join(len(s).to_bytes(4, "little") + s for s in shards)
            write("index", manifest + b"\x00" + body)
    print("seeds: " + ", ".join(
        f"{t} {len(os.listdir(os.path.join(OUT, t)))}" for t in sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
