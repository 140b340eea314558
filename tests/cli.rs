//! The command line as outside tools use it (../shared/spec/cli.md): exit codes, messages on
//! stderr, whole JSON documents on stdout, UTF-16 offsets, deterministic indexes.

#[path = "common/cli.rs"]
mod cli;
use cli::run;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&o.stdout)
        )
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const ARTICLE: &str =
    "Café owners 🙂 heard that more than 900 American companies operate in Kazakhstan. \
Kazakhstan established diplomatic relations with Israel in 1992.";

#[test]
fn check_gives_verdicts_with_utf16_offsets() {
    let o = run(&["check", "--format", "json", "-"], ARTICLE.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let units: Vec<u16> = ARTICLE.encode_utf16().collect();
    let claims = v["claims"].as_array().expect("claims");
    let anchor = |c: &Value| {
        String::from_utf16_lossy(
            &units[c["anchor"]["start"].as_u64().unwrap() as usize
                ..c["anchor"]["end"].as_u64().unwrap() as usize],
        )
    };
    let c900 = claims
        .iter()
        .find(|c| anchor(c) == "more than 900")
        .expect("a claim on 'more than 900'");
    assert_eq!(c900["verdict"], "contradicted");
    assert_eq!(c900["mismatch"], "number");
    assert_eq!(c900["evidence"][0]["source"], "ReOpen Media");
    let c1992 = claims
        .iter()
        .find(|c| anchor(c) == "1992")
        .expect("a claim on '1992'");
    assert_eq!(c1992["verdict"], "supported");
    for c in claims {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16_lossy(&units[s..e]),
            c["text"].as_str().unwrap()
        );
    }
    assert_eq!(v["summary"]["contradicted"], 1);
    assert_eq!(v["corpus"]["documents"], 2);
}

#[test]
fn text_and_markdown_formats_name_the_verdicts() {
    let t = run(&["check", "--format", "text"], ARTICLE.as_bytes());
    assert!(String::from_utf8_lossy(&t.stdout).contains("CONTRADICTED"));
    let m = run(&["check", "--format", "markdown"], ARTICLE.as_bytes());
    let md = String::from_utf8_lossy(&m.stdout);
    assert!(md.starts_with("# Fact-check report"), "{md}");
    assert!(md.contains("SUPPORTED") && md.contains("ReOpen Media"));
}

#[test]
fn empty_input_is_refused_with_a_message() {
    let o = run(&["check", "-"], b"  \n ");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn binary_junk_is_refused_with_a_message() {
    let o = run(&["check", "-"], &[0x00, 0xff, 0xfe, 0x12, 0x00]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
    let o = run(&["extract", "-"], &[0xc3, 0x28, 0x41]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
}

#[test]
fn five_megabytes_is_refused_with_the_limit() {
    let big = "More than 600 companies operate here. ".repeat(5 * 1024 * 1024 / 38 + 1);
    let o = run(&["check", "-"], big.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("limit of 4 MB"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "no partial output");
}

#[test]
fn a_missing_corpus_is_refused() {
    let o = run(&["check", "--corpus", "/nonexistent-corpus-dir", "-"], b"x");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent-corpus-dir"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_malformed_index_is_refused_and_a_bad_document_is_skipped() {
    let dir = temp_dir("malformed");
    std::fs::write(dir.join("manifest.json"), "{not json").unwrap();
    let o = run(
        &["check", "--corpus", dir.to_str().unwrap(), "-"],
        b"In 1992 relations began.",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("manifest"), "{}", stderr(&o));

    let src = temp_dir("sources");
    std::fs::write(src.join("good.md"), "---\ntitle: Good\nsource: Test Wire\npublished: 2025-01-02\n---\nAcme opened 40 stores in 2024.\n").unwrap();
    std::fs::write(src.join("bad.md"), "---\ntitle: Bad\nsource: Test Wire\n").unwrap();
    let o = run(
        &[
            "check",
            "--corpus",
            src.to_str().unwrap(),
            "--format",
            "json",
            "-",
        ],
        b"Acme opened 40 stores in 2024.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bad.md") && stderr(&o).contains("never closed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(json(&o)["corpus"]["documents"], 1);
}

#[test]
fn index_is_deterministic_and_loads_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (a, b) = (temp_dir("index-a"), temp_dir("index-b"));
    for d in [&a, &b] {
        let o = run(
            &[
                "index",
                root.to_str().unwrap(),
                "--out",
                d.to_str().unwrap(),
            ],
            b"",
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&a), names(&b));
    for n in names(&a) {
        assert_eq!(
            std::fs::read(a.join(&n)).unwrap(),
            std::fs::read(b.join(&n)).unwrap(),
            "{n} differs between two builds"
        );
    }
    let from_index = run(
        &[
            "check",
            "--corpus",
            a.to_str().unwrap(),
            "--format",
            "json",
            "-",
        ],
        ARTICLE.as_bytes(),
    );
    let from_sources = run(
        &[
            "check",
            "--corpus",
            root.to_str().unwrap(),
            "--format",
            "json",
            "-",
        ],
        ARTICLE.as_bytes(),
    );
    let default = run(&["check", "--format", "json", "-"], ARTICLE.as_bytes());
    assert!(from_index.status.success(), "{}", stderr(&from_index));
    assert_eq!(json(&from_index), json(&from_sources));
    assert_eq!(
        json(&from_index),
        json(&default),
        "the default corpus is the shipped one"
    );

    // A truncated shard is refused, naming the problem.
    let shard = names(&a)
        .into_iter()
        .find(|n| n.starts_with("docs-"))
        .unwrap();
    let bytes = std::fs::read(a.join(&shard)).unwrap();
    std::fs::write(a.join(&shard), &bytes[..bytes.len() / 2]).unwrap();
    let o = run(
        &["check", "--corpus", a.to_str().unwrap(), "-"],
        ARTICLE.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("corrupt or truncated"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], b"").status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(
        run(&["check", "--date", "7 Nov"], b"x").status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--format", "pdf"], b"x").status.code(),
        Some(2)
    );
}

#[test]
fn html_input_drops_markup_and_scripts() {
    let dir = temp_dir("html");
    let f = dir.join("a.html");
    std::fs::write(&f, "<html><script>var x = 'more than 5 companies';</script><p>Kazakhstan established relations with Israel in 1992.</p></html>").unwrap();
    let o = run(&["extract", f.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let texts: Vec<&str> = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(texts.contains(&"1992"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.contains('5')),
        "script text was read: {texts:?}"
    );
}

#[test]
fn index_skips_bad_documents_by_name_counts_what_it_wrote_and_replaces_old_shards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-docs");
    let out = temp_dir("index-mixed");
    std::fs::write(out.join("docs-000000000000-0.json"), "stale").unwrap();
    std::fs::write(out.join("docs-000000000000-0.bin"), "stale").unwrap();
    std::fs::write(out.join("notes.txt"), "not ours").unwrap();
    let o = run(
        &[
            "index",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for bad in [
        "bad-front-matter.md",
        "no-text.md",
        "binary.txt",
        "bad-date.md",
    ] {
        assert!(err.contains(bad), "{bad} not named: {err}");
    }
    let said = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(said.starts_with("indexed 3 documents ("), "{said}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["documents"], 3);
    assert_eq!(manifest["engine_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["id"].as_str().unwrap().len(), 64);
    assert!(
        !out.join("docs-000000000000-0.json").exists()
            && !out.join("docs-000000000000-0.bin").exists(),
        "a stale shard was kept"
    );
    assert!(
        out.join("notes.txt").exists(),
        "a file that is not ours was removed"
    );
    // The written index checks like the sources do.
    let text = b"Acme Holdings opened 45 stores in Norland in 2023.";
    let from_index = run(&["check", "--corpus", out.to_str().unwrap(), "-"], text);
    let from_sources = run(&["check", "--corpus", src.to_str().unwrap(), "-"], text);
    assert!(from_index.status.success(), "{}", stderr(&from_index));
    assert_eq!(json(&from_index), json(&from_sources));
    let v = json(&from_index);
    assert_eq!(v["claims"][0]["verdict"], "contradicted");
    assert_eq!(v["claims"][0]["evidence"][0]["document"], "acme-results");
    assert_eq!(v["corpus"]["documents"], 3);

    // Nothing usable: exit 1, naming the folder.
    let empty = temp_dir("index-empty");
    std::fs::write(empty.join("x.md"), "---\ntitle: T\n").unwrap();
    let o = run(
        &[
            "index",
            empty.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no usable documents"), "{}", stderr(&o));
}

/// Too many documents in a corpus folder: refused whole with a message naming the folder, the
/// count and the limit, before any is read or anything written (`index` and `check --corpus`).
#[test]
fn too_many_documents_are_refused_with_the_limit() {
    let limit = corroborate::corpus::MAX_CORPUS_DOCUMENTS;
    let src = temp_dir("too-many");
    // Empty files: counted by name, never read (each would be refused as empty if it were).
    for i in 0..=limit {
        std::fs::File::create(src.join(format!("d{i:06}.md"))).unwrap();
    }
    std::fs::write(src.join("notes.json"), "{}").unwrap();
    let out = temp_dir("too-many-out");
    let s = src.to_str().unwrap();
    let o = run(&["index", s, "--out", out.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = format!(
        "{} documents is over the limit of {limit} per corpus",
        limit + 1
    );
    assert!(
        stderr(&o).contains(&want) && stderr(&o).contains(s),
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("empty"),
        "a document was read: {}",
        stderr(&o)
    );
    assert!(!out.join("manifest.json").exists(), "an index was written");
    let o = run(&["check", "--corpus", s, "-"], b"Acme opened 45 stores.");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    // At the limit: taken (one document fewer, the rest of the folder as it was).
    std::fs::remove_file(src.join(format!("d{limit:06}.md"))).unwrap();
    std::fs::write(
        src.join("d000000.md"),
        "---\ntitle: Acme\nsource: Wire\npublished: 2024-03-02\n---\nAcme opened 40 stores in Norland.\n",
    )
    .unwrap();
    let o = run(&["index", s, "--out", out.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("indexed 1 documents"));
    let _ = std::fs::remove_dir_all(&src);
}
