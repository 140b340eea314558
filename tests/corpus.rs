//! The corpus index: documents in (with refusals that name the file), the same bytes for the same
//! documents, a round trip through the written shards, lazy loading (the manifest alone first,
//! then only the shards a check names), clear errors for corrupt, truncated or mismatched
//! shards, and retrieval that gives the verdicts a full scan of the corpus gives.

use corroborate::corpus::{
    compile_document, Corpus, Document, Needs, Part, Retrieved, Searcher, INDEX_FORMAT,
};
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(n, _)| !n.ends_with(".json"))
        .collect();
    v.sort();
    v
}

fn default_documents() -> Vec<Document> {
    let (c, errors) = Corpus::compile(&read_dir(&root().join("corpus")));
    assert!(errors.is_empty(), "{errors:?}");
    c.documents
        .into_iter()
        .map(std::sync::Arc::unwrap_or_clone)
        .collect()
}

/// Loads shards from an in-memory index until the searcher has what the claims need.
fn retrieve(
    searcher: &mut Searcher,
    files: &[(String, Vec<u8>)],
    claims: &[corroborate::claims::Claim],
) -> (Retrieved, Vec<String>) {
    let mut loaded = Vec::new();
    loop {
        match searcher.prepare(claims) {
            Ok(r) => return (r, loaded),
            Err(Needs(names)) => {
                assert!(!names.is_empty(), "needs with no names");
                for n in names {
                    assert!(!loaded.contains(&n), "{n} asked for twice");
                    let text = &files.iter().find(|(f, _)| *f == n).expect("named shard").1;
                    searcher.add_shard(&n, text).expect("valid shard");
                    loaded.push(n);
                }
            }
        }
    }
}

#[test]
fn documents_in_with_refusals_that_name_the_file() {
    let dir = root().join("tests/corpus-docs");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let (corpus, errors) = Corpus::compile(&read_dir(&dir));
    let ids: Vec<&str> = corpus
        .documents
        .iter()
        .map(|d| d.meta.id.as_str())
        .collect();
    let good: Vec<&str> = expected["good"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids, good, "the good documents load, in file-name order");
    let refused = expected["refused"].as_object().unwrap();
    assert_eq!(errors.len(), refused.len(), "{errors:?}");
    for (file, why) in refused {
        let e = errors
            .iter()
            .find(|e| &e.file == file)
            .unwrap_or_else(|| panic!("{file} was not refused: {errors:?}"));
        let msg = e.to_string();
        assert!(
            msg.starts_with(file.as_str()) && msg.contains(why.as_str().unwrap()),
            "{msg}"
        );
    }
    // HTML: scripts, styles, navigation and footers dropped; metadata from the meta tags.
    let page = corpus
        .documents
        .iter()
        .find(|d| d.meta.id == "page")
        .unwrap();
    assert_eq!(page.meta.source, "Food Daily");
    assert_eq!(page.meta.published, "2024-06-01");
    assert!(page.text.contains("5,300 people"), "{}", page.text);
    for junk in ["9,999", "color", "Sign up", "Copyright"] {
        assert!(!page.text.contains(junk), "{junk} kept: {}", page.text);
    }
    // Too large: refused by size before anything else.
    let big = vec![b'a'; corroborate::corpus::MAX_DOCUMENT_BYTES + 1];
    let e = compile_document("huge.txt", &big).unwrap_err().to_string();
    assert!(
        e.starts_with("huge.txt") && e.contains("over the limit"),
        "{e}"
    );
}

#[test]
fn same_documents_same_bytes_and_a_lossless_round_trip() {
    let docs = default_documents();
    let a = Part::build(docs.clone()).to_files();
    let b = Part::build(docs.clone()).to_files();
    assert_eq!(a.manifest, b.manifest);
    assert_eq!(a.shards, b.shards);
    let m: Value = serde_json::from_str(&a.manifest).unwrap();
    assert_eq!(m["format"], INDEX_FORMAT);
    assert_eq!(m["engine_version"], corroborate::VERSION);
    assert_eq!(m["counts"]["documents"], docs.len());
    let claims: usize = docs.iter().map(|d| d.claims.len()).sum();
    assert_eq!(m["counts"]["claims"], claims);
    assert!(m["counts"]["entities"].as_u64().unwrap() > 0);
    assert!(m["counts"]["terms"].as_u64().unwrap() > 0);
    // Loaded back from every shard: the same documents, claims and all.
    let bytes: Vec<&[u8]> = a.shards.iter().map(|(_, t)| t.as_slice()).collect();
    let back = Corpus::from_index(&a.manifest, &bytes).unwrap();
    assert_eq!(back.documents.len(), docs.len());
    for (b, d) in back.documents.iter().zip(&docs) {
        assert_eq!(b.meta, d.meta);
        assert_eq!(b.text, d.text);
        assert_eq!(b.sentences, d.sentences);
        assert_eq!(b.entities, d.entities);
        for (x, y) in b.claims.iter().zip(&d.claims) {
            assert_eq!(x, y, "{}", d.meta.id);
        }
        assert_eq!(**b, *d);
    }
    assert_eq!(back.id, m["id"].as_str().unwrap());
    // Generated documents too: every mention and claim back as it was.
    let gen = generated(40);
    let files = Part::build(gen.clone()).to_files();
    let back = Corpus::from_index(
        &files.manifest,
        &files
            .shards
            .iter()
            .map(|(_, b)| b.as_slice())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(back.documents.iter().map(|d| &**d).eq(&gen));
    assert!(
        gen.iter().all(|d| !d.mentions.is_empty()),
        "mentions are stored"
    );
    // Another corpus, another id.
    let other = Part::build(docs[..1].to_vec());
    assert_ne!(other.manifest.id, m["id"].as_str().unwrap());
}

#[test]
fn corrupt_truncated_and_mismatched_shards_are_refused_by_name() {
    let files = Part::build(default_documents()).to_files();
    let (name, text) = files
        .shards
        .iter()
        .find(|(n, _)| n.starts_with("docs-"))
        .unwrap()
        .clone();
    let part = || Part::from_manifest(&files.manifest).unwrap();
    let err = |t: &[u8]| part().add_shard(&name, t).unwrap_err().to_string();
    // Cut anywhere: in the header, in the checksum, in the body.
    for cut in [1, 10, 40, 100, text.len() / 2, text.len() - 1] {
        let truncated = err(&text[..cut]);
        assert!(
            truncated.contains(&name) && truncated.contains("corrupt or truncated"),
            "cut at {cut}: {truncated}"
        );
    }
    let at = text
        .windows(10)
        .position(|w| w == b"Kazakhstan")
        .expect("the text is stored as it is");
    let mut altered = text.clone();
    altered[at + 9] = b'm';
    let altered = err(&altered);
    assert!(
        altered.contains("corrupt or truncated") && altered.contains("checksum"),
        "{altered}"
    );
    assert!(err(b"").contains("corrupt or truncated"));
    // A format 2 shard (a JSON header line): refused as text of an older format.
    let old = err(b"{\"format\":2,\"corpus\":\"x\"}\n[]\n");
    assert!(old.contains("older format"), "{old}");
    // A body that parses its checksum but not its records: still named, not a panic.
    let mut head_only = text.clone();
    let body_at = head_only.len() - 3;
    head_only.truncate(body_at);
    assert!(err(&head_only).contains("corrupt or truncated"));
    // A shard of another build.
    let other = Part::build(default_documents()[..1].to_vec()).to_files();
    let (oname, otext) = other
        .shards
        .iter()
        .find(|(n, _)| n.starts_with("docs-"))
        .unwrap();
    let e = part().add_shard(oname, otext).unwrap_err().to_string();
    assert!(e.contains("not part of corpus"), "{e}");
    let e = part().add_shard(&name, otext).unwrap_err().to_string();
    assert!(e.contains("another build"), "{e}");
    // Manifests: not JSON, another format, another engine version, truncated.
    for (manifest, want) in [
        ("{not json".to_string(), "not valid"),
        (
            files
                .manifest
                .replace(&format!("\"format\": {INDEX_FORMAT}"), "\"format\": 2"),
            &*format!("format 2 but this engine reads format {INDEX_FORMAT}"),
        ),
        (
            files.manifest.replace(corroborate::VERSION, "0.0.1"),
            "written by corroborate 0.0.1",
        ),
        (
            files.manifest[..files.manifest.len() / 2].to_string(),
            "not valid",
        ),
    ] {
        let e = Part::from_manifest(&manifest).unwrap_err().to_string();
        assert!(e.contains(want) && e.contains("rebuild"), "{e}");
    }
}

/// Generated documents: enough that a check must not load the whole index.
fn generated(n: usize) -> Vec<Document> {
    let places = [
        "Norland", "Eastmark", "Suderia", "Westvale", "Ostholm", "Lakeport",
    ];
    let first = [
        "Northwind",
        "Bluewater",
        "Helios",
        "Granite",
        "Aurora",
        "Meridian",
        "Caspian",
        "Orion",
        "Falcon",
        "Vertex",
        "Harbor",
        "Zenith",
        "Atlas",
        "Cobalt",
        "Summit",
    ];
    let second = [
        "Energy",
        "Logistics",
        "Mining",
        "Telecom",
        "Foods",
        "Motors",
        "Pharma",
        "Steel",
        "Solar",
        "Rail",
        "Grain",
        "Textiles",
        "Chemicals",
        "Software",
        "Airlines",
        "Bank",
        "Media",
        "Glass",
        "Paper",
        "Water",
    ];
    let nouns = ["stores", "workers", "schools", "trains", "flights", "farms"];
    (0..n)
        .map(|i| {
            let company = format!("{} {} Holdings", first[i % 15], second[i / 15]);
            let place = places[i % places.len()];
            let mut body = String::new();
            for k in 0..6 {
                let noun = nouns[(i + k) % nouns.len()];
                body.push_str(&format!(
                    "{company} operates {} {noun} in {place}. {company} reported revenue of ${}.{} billion in {}.\n\n",
                    100 + 7 * i + k,
                    1 + (i + k) % 9,
                    k,
                    2010 + (i + k) % 14
                ));
            }
            let src = format!(
                "---\ntitle: {company} report {i}\nsource: Outlet {}\npublished: 2024-0{}-1{}\n---\n{body}",
                i % 5,
                1 + i % 9,
                i % 9
            );
            compile_document(&format!("gen-{i:03}.md"), src.as_bytes()).unwrap()
        })
        .collect()
}

#[test]
fn a_check_loads_the_manifest_then_only_the_shards_it_needs() {
    let docs = generated(300);
    let files = Part::build(docs.clone()).to_files();
    let small = Part::build(docs[..3].to_vec()).to_files();
    // The first load is the manifest: it does not grow with the corpus.
    assert!(files.manifest.len() < 1024, "{}", files.manifest.len());
    assert!(files.manifest.len() < small.manifest.len() + 64);
    let total = files.shards.len();
    assert!(total > 40, "{total} shards");
    // Document 42: Atlas Mining Holdings in Norland; its first sentence has 100 + 7 * 42 = 394.
    let text = "Atlas Mining Holdings operates 394 stores in Norland. Atlas Mining Holdings reported revenue of $7.0 billion in 2010.";
    let claims = corroborate::analyze(text, None).claims;
    let mut searcher = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
    let (r, loaded) = retrieve(&mut searcher, &files.shards, &claims);
    assert!(
        loaded.len() * 4 < total,
        "a check of two sentences loaded {} of {total} shards: {loaded:?}",
        loaded.len()
    );
    assert!(loaded.iter().any(|n| n.starts_with("terms-")));
    assert!(loaded.iter().any(|n| n.starts_with("docs-")));
    // Its evidence comes from the document that states it, named.
    let judgments = r.reconcile(text, &claims);
    let stores = claims
        .iter()
        .position(|c| &text[c.anchor.0..c.anchor.1] == "394")
        .expect("a claim on 394");
    let j = &judgments[stores];
    assert_eq!(j.verdict.as_str(), "supported", "{}", j.explanation);
    let doc = &r.corpus.documents[j.evidence[0].document];
    assert_eq!(doc.meta.id, "gen-042");
    assert_eq!(r.corpus.document_count(), 300);
    // Against the whole corpus in memory: the same verdict on the figure the corpus states once,
    // and retrieval never contradicts where a full scan does not (it keeps the best 16
    // sentences of 300 near-identical documents, so it may miss a far document that disagrees:
    // "supported" where a full scan says "conflicting", the README's measured agreement).
    let full = Corpus::from_documents(docs);
    let scan = corroborate::reconcile::reconcile(text, &claims, &full);
    assert_eq!(scan[stores].verdict.as_str(), "supported");
    for (r, s) in judgments.iter().zip(&scan) {
        if r.verdict.as_str() == "contradicted" {
            assert_eq!(s.verdict.as_str(), "contradicted", "{}", r.explanation);
        }
    }
}

#[test]
fn retrieval_gives_the_verdicts_of_a_full_scan_on_the_check_cases() {
    let docs = default_documents();
    let full = Corpus::from_documents(docs.clone());
    let files = Part::build(docs).to_files();
    let cases: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/cases/check.json")).unwrap(),
    )
    .unwrap();
    let mut searcher = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
    assert!(cases.len() >= 10);
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let today = case
            .get("date")
            .and_then(Value::as_str)
            .and_then(corroborate::parse_date);
        let claims = corroborate::analyze(text, today).claims;
        let (r, _) = retrieve(&mut searcher, &files.shards, &claims);
        let got = r.reconcile(text, &claims);
        let want = corroborate::reconcile::reconcile(text, &claims, &full);
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(
                (g.verdict, g.mismatch),
                (w.verdict, w.mismatch),
                "{}: {}",
                case["name"],
                g.explanation
            );
        }
    }
}

#[test]
fn the_users_documents_are_searched_with_the_shipped_ones_and_named() {
    let shipped = Part::build(default_documents());
    let files = shipped.to_files();
    let mut mine = compile_document(
        "acme.md",
        b"---\ntitle: Acme notes\nsource: My notes\npublished: 2024-03-02\n---\nAcme Holdings opened 40 stores in Norland in 2023.\n",
    )
    .unwrap();
    mine.meta.id = format!("user/{}", mine.meta.id);
    let mut searcher = Searcher::new(vec![
        Part::from_manifest(&files.manifest).unwrap(),
        Part::build(vec![mine]),
    ]);
    let text = "Acme Holdings opened 45 stores in Norland in 2023. More than 600 American companies operate in Kazakhstan.";
    let claims = corroborate::analyze(text, None).claims;
    let (r, _) = retrieve(&mut searcher, &files.shards, &claims);
    let judgments = r.reconcile(text, &claims);
    let cited: Vec<&str> = judgments
        .iter()
        .flat_map(|j| &j.evidence)
        .map(|e| r.corpus.documents[e.document].meta.id.as_str())
        .collect();
    assert!(cited.contains(&"user/acme"), "{cited:?}");
    assert!(cited.iter().any(|c| !c.starts_with("user/")), "{cited:?}");
    assert_eq!(r.corpus.document_count(), 3);
    assert_ne!(
        r.corpus.id, shipped.manifest.id,
        "the combined corpus has its own id"
    );
    let stores = claims
        .iter()
        .position(|c| &text[c.anchor.0..c.anchor.1] == "45")
        .unwrap();
    assert_eq!(judgments[stores].verdict.as_str(), "contradicted");
}

#[test]
fn retrieval_gives_the_verdicts_of_a_full_scan_on_the_dev_set() {
    let docs = default_documents();
    let full = Corpus::from_documents(docs.clone());
    let files = Part::build(docs).to_files();
    let mut searcher = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
    let dir = root().join("tests/devset");
    let mut articles: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    articles.sort();
    assert!(articles.len() >= 5);
    let mut compared = 0;
    for path in articles {
        let a: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = a["text"].as_str().unwrap();
        let today = a["date"].as_str().and_then(corroborate::parse_date);
        let claims = corroborate::analyze(text, today).claims;
        let (r, _) = retrieve(&mut searcher, &files.shards, &claims);
        let got = r.reconcile(text, &claims);
        let want = corroborate::reconcile::reconcile(text, &claims, &full);
        for ((g, w), c) in got.iter().zip(&want).zip(&claims) {
            assert_eq!(
                (g.verdict, g.mismatch),
                (w.verdict, w.mismatch),
                "{}: {:?}: {} / full scan: {}",
                path.display(),
                &text[c.start..c.end],
                g.explanation,
                w.explanation
            );
            compared += 1;
        }
    }
    assert!(compared > 100, "{compared}");
}

/// A searcher keeps prepared corpus claims and IDFs across checks: reports must be those of a
/// fresh searcher, check after check, and after its parts change (the page's own documents).
#[test]
fn checks_through_one_searcher_report_what_fresh_searchers_do() {
    let docs = generated(300);
    let files = Part::build(docs.clone()).to_files();
    let texts = [
        "Atlas Mining Holdings operates 394 stores in Norland. Atlas Mining Holdings reported revenue of $7.0 billion in 2010.",
        "Helios Energy Holdings operates 120 workers in Eastmark. Helios Energy Holdings reported revenue of $3.2 billion in 2015. Orion Motors Holdings reported revenue of $9.9 billion in 2019.",
        "Granite Steel Holdings operates 777 schools in Suderia, and Caspian Rail Holdings reported revenue of $4.4 billion in 2012.",
    ];
    let report = |searcher: &mut Searcher, text: &str| {
        let claims = corroborate::analyze(text, None).claims;
        let (r, _) = retrieve(searcher, &files.shards, &claims);
        let j = r.reconcile(text, &claims);
        corroborate::report::check_json(text, &claims, &j, &r.corpus).to_string()
    };
    let fresh = |text: &str| {
        let mut s = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
        report(&mut s, text)
    };
    let want: Vec<String> = texts.iter().map(|t| fresh(t)).collect();
    let mut shared = Searcher::new(vec![Part::from_manifest(&files.manifest).unwrap()]);
    for i in [0, 1, 2, 0, 2, 1, 1] {
        assert_eq!(report(&mut shared, texts[i]), want[i], "text {i}");
    }
    // A part that changes (documents added in the page) starts the kept work afresh.
    let mine = compile_document(
        "mine.md",
        b"---\ntitle: Mine\nsource: Me\npublished: 2024-05-01\n---\nAtlas Mining Holdings operates 395 stores in Norland.\n",
    )
    .unwrap();
    let mut both = Searcher::new(vec![
        Part::from_manifest(&files.manifest).unwrap(),
        Part::build(Vec::new()),
    ]);
    let before = report(&mut both, texts[0]);
    assert_eq!(before, want[0]);
    both.parts[1] = Part::build(vec![mine.clone()]);
    let mut fresh_both = Searcher::new(vec![
        Part::from_manifest(&files.manifest).unwrap(),
        Part::build(vec![mine]),
    ]);
    let after = report(&mut both, texts[0]);
    assert_eq!(after, report(&mut fresh_both, texts[0]));
    assert_ne!(after, before, "the added document is searched");
}

/// "York" and "New York" are two places: a sentence on one is no evidence for the other, though
/// the other's name ends with it (reconcile's `same_entity` and `mentions`).
#[test]
fn a_name_that_ends_another_is_another_place() {
    let doc = "---\ntitle: Conference report\nsource: Test Wire\npublished: 2024-01-10\n---\n\
        The conference was held in York, England, in 2023. About 3,000 delegates attended the \
        meeting in York.\n";
    let (corpus, errors) = Corpus::compile(&[("york.md".to_string(), doc.as_bytes().to_vec())]);
    assert!(errors.is_empty());
    for (text, same) in [
        (
            "About 3,000 delegates attended the meeting in New York.",
            false,
        ),
        ("The conference was held in New York in 2023.", false),
        ("About 3,000 delegates attended the meeting in York.", true),
    ] {
        let claims = corroborate::analyze(text, None).claims;
        let judged = corroborate::reconcile::reconcile(text, &claims, &corpus);
        assert!(!judged.is_empty(), "{text}");
        let supported = judged.iter().any(|j| j.verdict.as_str() == "supported");
        assert_eq!(
            supported,
            same,
            "{text}: {:?}",
            judged.iter().map(|j| &j.explanation).collect::<Vec<_>>()
        );
        assert!(
            judged.iter().all(|j| j.verdict.as_str() != "contradicted"),
            "{text}"
        );
    }
}

/// A figure compared with a year is not the figure of that year: "rose 12% from 2024" against
/// "rose 8% in 2024" is no contradiction (reconcile's `compares_with`), while "rose 12% in 2024"
/// is one.
#[test]
fn a_change_from_a_year_is_not_that_years_change() {
    let doc = "---\ntitle: Trade report\nsource: Test Wire\npublished: 2025-02-10\n---\n\
        Kazakhstan's exports rose 8% in 2024, the statistics office said.\n";
    let (corpus, errors) = Corpus::compile(&[("trade.md".to_string(), doc.as_bytes().to_vec())]);
    assert!(errors.is_empty());
    let today = corroborate::parse_date("2025-11-07");
    for (text, verdict) in [
        ("Kazakhstan's exports rose 12% from 2024.", "unverified"),
        (
            "Kazakhstan's exports rose 12% compared with 2024.",
            "unverified",
        ),
        ("Kazakhstan's exports rose 8% from 2024.", "unverified"),
        ("Kazakhstan's exports rose 12% in 2024.", "contradicted"),
        ("Kazakhstan's exports rose 8% in 2024.", "supported"),
    ] {
        let claims = corroborate::analyze(text, today).claims;
        let judged = corroborate::reconcile::reconcile(text, &claims, &corpus);
        let share = judged
            .iter()
            .zip(&claims)
            .find(|(_, c)| matches!(c.value(), corroborate::extract::Value::Percent(..)))
            .map(|(j, _)| j)
            .unwrap_or_else(|| panic!("{text}: no claim of a share"));
        assert_eq!(
            share.verdict.as_str(),
            verdict,
            "{text}: {}",
            share.explanation
        );
    }
}
