//! The fuzz targets' entry points, shared by the `cargo fuzz` binaries (fuzz/fuzz_targets/) and
//! by `tests/fuzz_regressions.rs`, which includes this file, so that a saved input runs through
//! exactly the code the fuzzer ran.
//!
//! Each entry takes the fuzzer's bytes, runs the public API a user's input reaches (the CLI and
//! the wasm `Checker` call the same functions), and panics only if that code panics or an
//! invariant of its output is broken (spans outside the text or off `char` boundaries, JSON that
//! does not serialise, an index that does not load back). Work is bounded by counts: no more
//! sentences or mentions than bytes, no more claims than mentions, one judgment per claim.
//!
//! Input formats (see fuzz/README.md):
//! - `extract`, `check`: UTF-8 text; an optional first line `@YYYY-MM-DD` is the article date
//!   (passed through [`corroborate::parse_date`], as the CLI's `--date` and the page's option are).
//! - `document`: the first byte picks the file name's extension (`.md`, `.txt`, `.html`, `.htm`),
//!   the rest are the file's bytes.
//! - `index`: the manifest's text, NUL, then each shard as its length in 4 bytes (little endian)
//!   and its bytes (index format 5 shards are binary). Each input is
//!   loaded twice: as given, and with the manifest's `id`, `format`, `engine_version` and shard
//!   list patched to match the shards, so the fuzzer gets past the SHA-256 check to the
//!   documents (a crafted index, not a damaged one).

use corroborate::corpus::{parse_document, Corpus, DocError, Document};
use corroborate::{analyze, reconcile, report, Analysis};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Splits an optional `@YYYY-MM-DD` first line off the input: (article date, text).
fn dated(data: &[u8]) -> Option<(Option<i32>, &str)> {
    let text = std::str::from_utf8(data).ok()?;
    if let Some(rest) = text.strip_prefix('@') {
        let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
        return Some((corroborate::parse_date(line), body));
    }
    Some((None, text))
}

fn span_ok(text: &str, s: usize, e: usize) -> bool {
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

/// Spans, order and counts of an analysis of `text`.
fn check_analysis(text: &str, a: &Analysis) {
    let mut last = 0;
    for (i, s) in a.sentences.iter().enumerate() {
        assert!(
            span_ok(text, s.start, s.end),
            "sentence {i} {:?} is not a span of the text",
            (s.start, s.end)
        );
        assert!(s.start < s.end, "sentence {i} is empty");
        assert!(
            s.start >= last,
            "sentence {i} starts before the previous one ends"
        );
        last = s.end;
    }
    for (i, m) in a.mentions.iter().enumerate() {
        assert!(
            span_ok(text, m.start, m.end),
            "mention {i} {:?} is not a span of the text",
            (m.start, m.end)
        );
        assert!(
            m.sentence < a.sentences.len(),
            "mention {i}: no sentence {}",
            m.sentence
        );
    }
    assert!(
        a.mentions.windows(2).all(|w| w[0].start <= w[1].start),
        "mentions are not sorted by start"
    );
    for (i, c) in a.claims.iter().enumerate() {
        assert!(
            span_ok(text, c.start, c.end),
            "claim {i} {:?} is not a span of the text",
            (c.start, c.end)
        );
        assert!(
            span_ok(text, c.anchor.0, c.anchor.1),
            "claim {i}'s anchor {:?} is not a span of the text",
            c.anchor
        );
        assert!(
            c.sentence < a.sentences.len(),
            "claim {i}: no sentence {}",
            c.sentence
        );
        assert!(
            (0.0..=1.0).contains(&c.checkworthiness),
            "claim {i}: checkworthiness {} outside [0, 1]",
            c.checkworthiness
        );
    }
    // Bounded work: the outputs grow at most linearly with the input.
    assert!(a.sentences.len() <= text.len(), "more sentences than bytes");
    assert!(a.mentions.len() <= text.len(), "more mentions than bytes");
    assert!(
        a.claims.len() <= a.mentions.len(),
        "more claims than mentions"
    );
}

/// The UTF-16 length of `text`: every offset in a report is at most this.
fn utf16_len(text: &str) -> u64 {
    text.encode_utf16().count() as u64
}

/// Every `start`/`end` in `items` (and their `anchor`s) is an ordered pair within `len`.
fn check_offsets(items: &Json, len: u64, what: &str) {
    for (i, item) in items.as_array().into_iter().flatten().enumerate() {
        for span in [Some(item), item.get("anchor")].into_iter().flatten() {
            let s = span.get("start").and_then(Json::as_u64);
            let e = span.get("end").and_then(Json::as_u64);
            let (Some(s), Some(e)) = (s, e) else {
                panic!("{what} {i}: no start/end in {span}");
            };
            assert!(
                s <= e && e <= len,
                "{what} {i}: offsets {s}..{e} outside 0..{len}"
            );
        }
    }
}

/// `corroborate extract` (and the page's `Checker.extract`) on the input.
pub fn extract(data: &[u8]) {
    let Some((today, text)) = dated(data) else {
        return;
    };
    let a = analyze(text, today);
    check_analysis(text, &a);
    let json = report::extract_json(text, &a);
    let len = utf16_len(text);
    check_offsets(&json["sentences"], len, "sentence");
    check_offsets(&json["mentions"], len, "mention");
    check_offsets(&json["claims"], len, "claim");
    serde_json::to_string_pretty(&json).expect("the extract report serialises");
    let _ = report::extract_text(text, &a);
}

/// The default corpus (`corpus/` of the repository at `root`), compiled once per process.
pub fn default_corpus(root: &Path) -> Corpus {
    let dir = root.join("corpus");
    let mut sources = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if [".md", ".txt", ".html"].iter().any(|x| name.ends_with(x)) {
            sources.push((
                name,
                std::fs::read(e.path()).expect("read a corpus document"),
            ));
        }
    }
    let (corpus, errors) = Corpus::compile(&sources);
    assert!(
        errors.is_empty(),
        "the default corpus has bad documents: {errors:?}"
    );
    assert!(!corpus.documents.is_empty(), "the default corpus is empty");
    corpus
}

/// Reconciles `text` with `corpus` and writes all three reports, checking what they cite.
/// Confidences are checked only against a `trusted` corpus (one compiled here, not one loaded
/// from a crafted index, whose claims may hold any values).
fn check_against(text: &str, today: Option<i32>, corpus: &Corpus, trusted: bool) {
    let a = analyze(text, today);
    check_analysis(text, &a);
    let judgments = reconcile::reconcile(text, &a.claims, corpus);
    assert_eq!(judgments.len(), a.claims.len(), "one judgment per claim");
    for (i, j) in judgments.iter().enumerate() {
        assert!(
            !trusted || (0.0..=1.0).contains(&j.confidence),
            "judgment {i}: confidence {} outside [0, 1]",
            j.confidence
        );
        for e in &j.evidence {
            let d = corpus
                .documents
                .get(e.document)
                .unwrap_or_else(|| panic!("judgment {i} cites document {}", e.document));
            assert!(
                span_ok(&d.text, e.start, e.end),
                "judgment {i}: evidence {:?} is not a span of document {}",
                (e.start, e.end),
                d.meta.id
            );
        }
    }
    let json = report::check_json(text, &a.claims, &judgments, corpus);
    check_offsets(&json["claims"], utf16_len(text), "claim");
    serde_json::to_string_pretty(&json).expect("the check report serialises");
    let _ = report::check_text(text, &a.claims, &judgments, corpus);
    // The exports (`check --format markdown|claimreview|html`) render from the JSON report.
    for name in ["markdown", "claimreview", "html"] {
        if let Some(format) = corroborate::export::Format::parse(name) {
            let _ = corroborate::export::render(&json, text, format, &Default::default());
        }
    }
}

/// `corroborate check` (and the page's `Checker.check`) on the input, against `corpus`.
pub fn check(data: &[u8], corpus: &Corpus) {
    let Some((today, text)) = dated(data) else {
        return;
    };
    check_against(text, today, corpus, true);
}

const EXTENSIONS: [&str; 4] = ["md", "txt", "html", "htm"];

/// How strict the round-trip checks are.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// A written and reloaded index must give back bit-identical numbers. The fuzz targets run
    /// with `false` while finding F1 (fuzz-findings: serde_json's default float parsing is off by
    /// one unit in the last place for some values) is open, so that fuzzing goes on past it;
    /// tests/fuzz_regressions.rs runs with `true`.
    pub exact_floats: bool,
    /// Leave out inputs that would hit an open finding whose panic is already known (F2: a
    /// manifest id that is not ASCII; F3: an `&` 10 or 11 bytes before a multi-byte character;
    /// F4: a loaded claim whose span ends before it starts), so that fuzzing goes on past it.
    /// `false` in tests/fuzz_regressions.rs.
    pub dodge_known: bool,
}

/// F3: HTML entity decoding slices 12 bytes after each `&`.
fn hits_f3(text: &str) -> bool {
    text.match_indices('&')
        .any(|(p, _)| p + 12 < text.len() && !text.is_char_boundary(p + 12))
}

/// F4: `Corpus::from_index` accepts a claim whose span (or anchor) ends before it starts.
fn hits_f4(corpus: &Corpus) -> bool {
    corpus
        .documents
        .iter()
        .flat_map(|d| &d.claims)
        .any(|c| c.start > c.end || c.anchor.0 > c.anchor.1)
}

/// F2: `Corpus::from_index` slices the manifest's id at byte 12 for its message.
fn hits_f2(manifest: &str) -> bool {
    serde_json::from_str::<Json>(manifest)
        .ok()
        .and_then(|v| v.get("id").and_then(Json::as_str).map(|id| !id.is_ascii()))
        .unwrap_or(false)
}

/// Whether two document lists are the same, numbers compared exactly or to 1e-12 (relative).
fn same_documents(
    a: &[std::sync::Arc<Document>],
    b: &[std::sync::Arc<Document>],
    mode: Mode,
) -> Result<(), String> {
    let a: Vec<&Document> = a.iter().map(|d| &**d).collect();
    let b: Vec<&Document> = b.iter().map(|d| &**d).collect();
    fn same(x: &Json, y: &Json, exact: bool, at: &str) -> Result<(), String> {
        match (x, y) {
            (Json::Number(p), Json::Number(q)) if !exact => {
                let (p, q) = (p.as_f64().unwrap_or(0.0), q.as_f64().unwrap_or(0.0));
                if (p - q).abs() <= 1e-12 * p.abs().max(q.abs()).max(1.0) {
                    Ok(())
                } else {
                    Err(format!("{at}: {p} became {q}"))
                }
            }
            (Json::Array(p), Json::Array(q)) if p.len() == q.len() => p
                .iter()
                .zip(q)
                .enumerate()
                .try_for_each(|(i, (p, q))| same(p, q, exact, &format!("{at}[{i}]"))),
            (Json::Object(p), Json::Object(q)) if p.len() == q.len() => {
                p.iter().try_for_each(|(k, v)| {
                    let w = q.get(k).ok_or_else(|| format!("{at}.{k} is gone"))?;
                    same(v, w, exact, &format!("{at}.{k}"))
                })
            }
            _ if x == y => Ok(()),
            _ => Err(format!("{at}: {x} became {y}")),
        }
    }
    let x = serde_json::to_value(&a).map_err(|e| e.to_string())?;
    let y = serde_json::to_value(&b).map_err(|e| e.to_string())?;
    if mode.exact_floats && a != b {
        same(&x, &y, false, "documents")?;
        return Err("documents: a number changed in its last digits (F1)".into());
    }
    same(&x, &y, mode.exact_floats, "documents")
}

/// Parses one source document (as `corroborate index` and a user's upload do), converts HTML to
/// text, and compiles what parses into an index that must load back.
pub fn document(data: &[u8], mode: Mode) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = format!("doc.{}", EXTENSIONS[pick as usize % EXTENSIONS.len()]);
    if mode.dodge_known && std::str::from_utf8(bytes).is_ok_and(hits_f3) {
        return;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        let _ = corroborate::corpus::html_to_text(s);
    }
    match parse_document(&name, bytes) {
        Err(DocError { file, message, .. }) => {
            assert_eq!(file, name, "the error names the file");
            assert!(!message.is_empty(), "the error says what is wrong");
        }
        Ok((meta, text)) => {
            assert!(!text.trim().is_empty(), "an accepted document has text");
            let p = meta.published.as_bytes();
            assert!(
                p.len() == 10
                    && p.iter().enumerate().all(|(i, c)| match i {
                        4 | 7 => *c == b'-',
                        _ => c.is_ascii_digit(),
                    }),
                "published {:?} is not YYYY-MM-DD",
                meta.published
            );
            let (corpus, errors) = Corpus::compile(&[(name.clone(), bytes.to_vec())]);
            assert!(
                errors.is_empty(),
                "parsed, then refused by compile: {errors:?}"
            );
            let index = corpus.to_index();
            let shards: Vec<&[u8]> = index.shards.iter().map(|(_, s)| s.as_slice()).collect();
            let back = Corpus::from_index(&index.manifest, &shards)
                .unwrap_or_else(|e| panic!("a compiled index does not load back: {e}"));
            assert_eq!(back.id, corpus.id, "the id changes on loading");
            if let Err(e) = same_documents(&corpus.documents, &back.documents, mode) {
                panic!("the documents change on loading: {e}");
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest `m` patched to match `shards`: its id, format, engine version and shard count.
fn patched(m: &str, shards: &[&[u8]]) -> Option<String> {
    let mut v: Json = serde_json::from_str(m).ok()?;
    let o = v.as_object_mut()?;
    // A corpus id that the first shard's name agrees with (format 5: `CRBS`, the format as a
    // varint, then the shard name after its length, `kind-<the id's first 12 hex digits>-n.bin`;
    // the rest of the id is not stored), else a hash of the shards.
    let from_header = shards.first().and_then(|s| {
        let rest = s.strip_prefix(b"CRBS")?;
        let at = rest.iter().position(|&b| b < 0x80)? + 1;
        let len = *rest.get(at)? as usize;
        let name = std::str::from_utf8(rest.get(at + 1..at + 1 + len)?).ok()?;
        let id12 = name.split('-').nth(1)?;
        (id12.len() == 12 && id12.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| format!("{id12}{}", "0".repeat(52)))
    });
    let id = match from_header {
        Some(id) => id,
        None => {
            let mut h = Sha256::new();
            for s in shards {
                h.update(s);
            }
            hex(&h.finalize())
        }
    };
    o.insert("id".into(), Json::String(id));
    o.insert(
        "format".into(),
        Json::from(corroborate::corpus::INDEX_FORMAT),
    );
    o.insert(
        "engine_version".into(),
        Json::String(corroborate::VERSION.into()),
    );
    let names = (0..shards.len())
        .map(|i| Json::String(format!("s{i}.json")))
        .collect();
    o.insert("shards".into(), Json::Array(names));
    serde_json::to_string(&v).ok()
}

/// A short article with claims of several kinds, checked against every index that loads.
const PROBE: &str = "Kazakhstan joined the Abraham Accords on 6 November 2025, Trump said. \
More than 600 American companies operate in Kazakhstan. Trade reached almost $5 billion, up 20%. \
It is the first country to join in his second term. \"We are proud,\" Tokayev said.";

/// Loads an index (the manifest's text, NUL, then each shard as its length in 4 bytes, little
/// endian, and its bytes: shards of index format 5 are binary) as the CLI's `--corpus` and the
/// page's `new Checker(manifest, shards)` do; whatever loads must round-trip and check a text.
///
/// The round trip re-patches the manifest: `to_index` on a loaded corpus keeps the id of the
/// shards it was loaded from, not of the shards it writes (nothing in the CLI or the page writes
/// a loaded corpus, so that is noted in fuzz-findings, not checked here).
pub fn index(data: &[u8], mode: Mode) {
    let (head, mut rest) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let manifest = String::from_utf8_lossy(head);
    let manifest: &str = &manifest;
    let mut shards: Vec<&[u8]> = Vec::new();
    while rest.len() >= 4 {
        let n = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let n = n.min(rest.len() - 4);
        shards.push(&rest[4..4 + n]);
        rest = &rest[4 + n..];
    }
    let mut loaded = Vec::new();
    if mode.dodge_known && hits_f2(manifest) {
        return;
    }
    match Corpus::from_index(manifest, &shards) {
        Ok(c) => loaded.push(c),
        Err(e) => assert!(!e.0.is_empty(), "the refusal says why"),
    }
    if let Some(m) = patched(manifest, &shards) {
        match Corpus::from_index(&m, &shards) {
            Ok(c) => loaded.push(c),
            Err(e) => assert!(!e.0.is_empty(), "the refusal says why"),
        }
    }
    for corpus in loaded {
        let again = corpus.to_index();
        let refs: Vec<&[u8]> = again.shards.iter().map(|(_, s)| s.as_slice()).collect();
        // Index format 2 and after name shards by the id and head each with it: what `to_index`
        // writes loads back as it is.
        let back = Corpus::from_index(&again.manifest, &refs)
            .unwrap_or_else(|e| panic!("a loaded index does not load back once written: {e}"));
        if let Err(e) = same_documents(&corpus.documents, &back.documents, mode) {
            panic!("the documents change on a round trip: {e}");
        }
        if !(mode.dodge_known && hits_f4(&corpus)) {
            check_against(PROBE, corroborate::parse_date("2025-11-07"), &corpus, false);
        }
    }
}
