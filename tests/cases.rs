//! Runs the test cases in tests/cases/*.json: each case names the behaviour it checks, gives a
//! text, and lists what must (and must not) be found. Extraction cases compare fields of the
//! `extract --format json` output; check cases compare verdicts against the default corpus, or a case's own.

use corroborate::corpus::Corpus;
use serde_json::Value;
use std::path::Path;

fn load(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn default_corpus() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut sources = Vec::new();
    for e in std::fs::read_dir(&dir).expect("corpus/").flatten() {
        sources.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).expect("read"),
        ));
    }
    let (corpus, errors) = Corpus::compile(&sources);
    assert!(
        errors.is_empty(),
        "the default corpus has bad documents: {errors:?}"
    );
    corpus
}

/// A case's own corpus, when it gives one (`"corpus": ["---\ntitle: …\n---\nbody", …]`, each a
/// document with its front matter): for rules the default corpus has no example of.
fn own_corpus(case: &Value) -> Option<Corpus> {
    let docs = case.get("corpus")?.as_array()?;
    let sources: Vec<(String, Vec<u8>)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                format!("doc-{i}.md"),
                d.as_str().unwrap_or("").as_bytes().to_vec(),
            )
        })
        .collect();
    let (corpus, errors) = Corpus::compile(&sources);
    assert!(
        errors.is_empty(),
        "a case's corpus has bad documents: {errors:?}"
    );
    Some(corpus)
}

fn today(case: &Value) -> Option<i32> {
    case.get("date")
        .and_then(Value::as_str)
        .and_then(corroborate::parse_date)
}

/// Every field of `want` is in `got` with the same value (numbers compared loosely).
fn matches(want: &Value, got: &Value) -> bool {
    want.as_object().is_some_and(|w| {
        w.iter().all(|(k, v)| match (v, got.get(k)) {
            (Value::Number(a), Some(Value::Number(b))) => {
                (a.as_f64().unwrap_or(0.0) - b.as_f64().unwrap_or(1.0)).abs()
                    < 1e-6 * a.as_f64().unwrap_or(1.0).abs().max(1.0)
            }
            (v, Some(g)) => v == g,
            (Value::Null, None) => true,
            _ => false,
        })
    })
}

/// Every extraction case file: tests/cases/extract.json and tests/cases/extract-*.json, in name
/// order, as (file name, case).
fn extraction_case_files() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/cases/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("extract") && n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .flat_map(|n| load(&n).into_iter().map(move |c| (n.clone(), c)))
        .collect()
}

/// Runs every extraction case. A case may carry `"known_failure": "reason"`: it is run and
/// reported, but does not fail the test (and a known failure that passes is reported too, so
/// the mark can be removed).
#[test]
fn extraction_cases() {
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let all = extraction_case_files();
    let cases: Vec<&Value> = all.iter().map(|(_, c)| c).collect();
    for (file, case) in &all {
        let before = failures.len();
        let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
        let name = name.as_str();
        let text = case["text"].as_str().unwrap_or("");
        let out = corroborate::report::extract_json(text, &corroborate::analyze(text, today(case)));
        let mentions = out["mentions"].as_array().cloned().unwrap_or_default();
        for want in case
            .get("mentions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !mentions.iter().any(|m| matches(want, m)) {
                failures.push(format!(
                    "{name}:\n  wanted {want}\n  got    {}",
                    Value::Array(mentions.clone())
                ));
            }
        }
        for not in case
            .get("absent")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(m) = mentions.iter().find(|m| matches(not, m)) {
                failures.push(format!("{name}:\n  should not find {not}\n  found {m}"));
            }
        }
        if let Some(reason) = case.get("known_failure").and_then(Value::as_str) {
            let failed: Vec<String> = failures.drain(before..).collect();
            if failed.is_empty() {
                known.push(format!("{name}: passes now (known failure: {reason})"));
            } else {
                known.push(format!("{name}: known failure ({reason})"));
            }
        }
    }
    if !known.is_empty() {
        eprintln!("{} known failures:\n{}", known.len(), known.join("\n"));
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} extraction cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn check_cases() {
    let corpus = default_corpus();
    let mut failures = Vec::new();
    let cases = load("check.json");
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let analysis = corroborate::analyze(text, today(case));
        let own = own_corpus(case);
        let corpus = own.as_ref().unwrap_or(&corpus);
        let judgments = corroborate::reconcile::reconcile(text, &analysis.claims, corpus);
        let report = corroborate::report::check_json(text, &analysis.claims, &judgments, corpus);
        let claims = report["claims"].as_array().cloned().unwrap_or_default();
        let units: Vec<u16> = text.encode_utf16().collect();
        let anchor_text = |c: &Value| {
            let (s, e) = (
                c["anchor"]["start"].as_u64().unwrap_or(0) as usize,
                c["anchor"]["end"].as_u64().unwrap_or(0) as usize,
            );
            String::from_utf16_lossy(&units[s..e])
        };
        // "never": a verdict no claim of the text may get.
        if let Some(never) = case.get("never").and_then(Value::as_str) {
            for c in claims.iter().filter(|c| c["verdict"] == never) {
                failures.push(format!("{name}: {} is {never}", anchor_text(c)));
            }
        }
        for want in case["claims"].as_array().into_iter().flatten() {
            let found = claims
                .iter()
                .find(|c| match want.get("anchor").and_then(Value::as_str) {
                    Some(a) => anchor_text(c) == a,
                    None => want.get("kind").is_some_and(|k| &c["kind"] == k),
                });
            let Some(c) = found else {
                failures.push(format!(
                    "{name}: no claim anchored on {want}; claims: {:?}",
                    claims.iter().map(anchor_text).collect::<Vec<_>>()
                ));
                continue;
            };
            let mut problems = Vec::new();
            if c["verdict"] != want["verdict"] {
                problems.push(format!(
                    "verdict {} (wanted {})",
                    c["verdict"], want["verdict"]
                ));
            }
            if let Some(m) = want.get("mismatch") {
                if &c["mismatch"] != m {
                    problems.push(format!("mismatch {} (wanted {m})", c["mismatch"]));
                }
            }
            if let Some(ev) = want.get("evidence").and_then(Value::as_str) {
                let texts: Vec<&str> = c["evidence"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["text"].as_str())
                    .collect();
                if !texts.iter().any(|t| t.contains(ev)) {
                    problems.push(format!("no evidence sentence contains {ev:?}: {texts:?}"));
                }
            }
            // "explanation": words the verdict's explanation must contain ("The corpus says
            // $60 billion" when one evidence sentence holds both figures).
            if let Some(x) = want.get("explanation").and_then(Value::as_str) {
                if !c["explanation"].as_str().is_some_and(|e| e.contains(x)) {
                    problems.push(format!("the explanation does not contain {x:?}"));
                }
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{name}: {}: {}\n  explanation: {}",
                    anchor_text(c),
                    problems.join("; "),
                    c["explanation"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} check cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
