//! Every input the fuzzers found a problem with, kept: `tests/fuzz-regressions/<target>/<name>`
//! runs through the same entry point as the cargo fuzz target of that name (fuzz/src/lib.rs,
//! included below), which panics on a panic in the engine or a broken invariant of its output.
//!
//! A finding that is not fixed yet is listed in `tests/fuzz-regressions/KNOWN` (`target/name`,
//! then what is wrong, one a line): it is skipped here, and reported, until its line is removed.
//! A KNOWN line naming no file is an error, so the list cannot go stale unnoticed.
//!
//! Bounded work: each entry point checks that its outputs are at most linear in the input
//! (sentences, mentions ≤ bytes; claims ≤ mentions; one judgment per claim), and each input must
//! finish at all: it runs on its own thread and fails the test if it has not finished after
//! `HANG` (far above anything a few-KB input needs; a hang detector, not a timing assertion).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod entry;

use corroborate::corpus::Corpus;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const HANG: Duration = Duration::from_secs(120);
const TARGETS: [&str; 4] = ["extract", "check", "document", "index"];
const STRICT: entry::Mode = entry::Mode {
    exact_floats: true,
    dodge_known: false,
};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/name` → what is wrong, from tests/fuzz-regressions/KNOWN.
fn known() -> Vec<(String, String)> {
    let path = root().join("tests/fuzz-regressions/KNOWN");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, why) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (name.to_string(), why.trim().to_string())
        })
        .collect()
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz-regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `f` on its own thread; Err(message) if it panicked or did not finish within HANG.
fn run(f: impl FnOnce() + Send + 'static) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = tx.send(r.map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into())
        }));
    });
    match rx.recv_timeout(HANG) {
        Ok(r) => r,
        Err(_) => Err(format!("did not finish in {} s", HANG.as_secs())),
    }
}

#[test]
fn fuzz_regressions_pass() {
    let known = known();
    let corpus = Arc::new(entry::default_corpus(root()));
    let mut failures = Vec::new();
    let mut ran = 0;
    for target in TARGETS {
        for path in inputs(target) {
            let name = format!(
                "{target}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            if let Some((_, why)) = known.iter().find(|(k, _)| *k == name) {
                eprintln!("skipped (KNOWN, not fixed yet): {name}: {why}");
                continue;
            }
            let data = std::fs::read(&path).expect("read a regression input");
            let corpus = Arc::clone(&corpus);
            let result = match target {
                "extract" => run(move || entry::extract(&data)),
                "check" => run(move || entry::check(&data, &corpus)),
                "document" => run(move || entry::document(&data, STRICT)),
                _ => run(move || entry::index(&data, STRICT)),
            };
            ran += 1;
            if let Err(e) = result {
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    eprintln!("{ran} regression input(s) ran");
    assert!(
        failures.is_empty(),
        "{} fuzz regression(s) fail (a fixed finding? remove it from KNOWN only when it passes):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn known_names_existing_files() {
    for (name, why) in known() {
        let path = root().join("tests/fuzz-regressions").join(&name);
        assert!(
            path.is_file(),
            "KNOWN lists {name}, which is not a file in tests/fuzz-regressions/"
        );
        assert!(!why.is_empty(), "KNOWN: {name} does not say what is wrong");
    }
}

#[test]
fn regression_dirs_are_targets() {
    let dir = root().join("tests/fuzz-regressions");
    for e in std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions/")
        .flatten()
    {
        if e.path().is_dir() {
            let n = e.file_name().to_string_lossy().into_owned();
            assert!(
                TARGETS.contains(&n.as_str()),
                "tests/fuzz-regressions/{n} is not a fuzz target"
            );
        }
    }
}

/// The runner reports a panic, and the entry points accept good input: so a regression file
/// that passes means something.
#[test]
fn runner_catches_panics_and_entry_points_accept_good_input() {
    assert!(run(|| panic!("boom")).is_err_and(|e| e == "boom"));
    let corpus = entry::default_corpus(root());
    entry::extract(b"@2025-11-07\nMore than 600 American companies operate in Kazakhstan.");
    entry::check(b"Trade reached almost $5 billion.", &corpus);
    let doc = b"\x00---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\nKazakhstan has 20 million people.\n";
    // Floats compared loosely here: F1 is a finding of its own (tests/fuzz-regressions/KNOWN).
    let loose = entry::Mode {
        exact_floats: false,
        dodge_known: false,
    };
    entry::document(doc, loose);
    // The default corpus's index, as the page loads it.
    let index = corpus.to_index();
    let mut bytes = index.manifest.clone().into_bytes();
    bytes.push(0);
    for (_, s) in &index.shards {
        bytes.extend_from_slice(&(s.len() as u32).to_le_bytes());
        bytes.extend_from_slice(s);
    }
    assert_eq!(run(move || entry::index(&bytes, loose)), Ok(()));
    let loaded = Corpus::from_index(
        &index.manifest,
        &index
            .shards
            .iter()
            .map(|(_, s)| s.as_slice())
            .collect::<Vec<_>>(),
    );
    assert!(
        loaded.is_ok(),
        "the default corpus's index loads: {loaded:?}"
    );
}
