//! Scores the sentence segmenter against the English Golden Rules, and optionally times it.
//!
//! ```text
//! cargo run --release --example golden_rules [-- PATH] [--bench]
//! ```
//!
//! PATH defaults to `../shared/testdata/golden_rules_en.json` beside the checkout: a JSON list of
//! `{"id", "name", "text", "sentences": [...]}`. A rule passes when the texts of the spans that
//! [`corroborate::segment::split`] returns equal `sentences`. Each failing rule is printed with what
//! was expected and what came out, then a score line. When the file is missing the example says so
//! and exits successfully, so scripts can run it everywhere.
//!
//! `--bench` also splits a synthetic news text of about 5 MB (headlines, bylines, abbreviations,
//! numbers, quotations, lists, page junk) and prints the throughput, best of five runs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use corroborate::segment;
use serde::Deserialize;

/// The default path, relative to the crate root.
const DEFAULT_PATH: &str = "../shared/testdata/golden_rules_en.json";

#[derive(Deserialize)]
struct Rule {
    id: serde_json::Value,
    name: String,
    text: String,
    sentences: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let path = match args.iter().find(|a| !a.starts_with("--")) {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_PATH),
    };
    let code = score(&path, args.iter().any(|a| !a.starts_with("--")));
    if bench {
        run_bench();
    }
    code
}

fn score(path: &PathBuf, explicit: bool) -> ExitCode {
    let shown = if explicit {
        path.display().to_string()
    } else {
        DEFAULT_PATH.to_string()
    };
    if !path.exists() {
        println!("golden rules: {shown} not found (it lives in the shared folder beside the checkout); skipped");
        return ExitCode::SUCCESS;
    }
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("golden rules: cannot read {shown}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rules: Vec<Rule> = match serde_json::from_str(&data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "golden rules: {shown} is not a JSON list of {{\"id\", \"name\", \"text\", \"sentences\"}}: {e}"
            );
            return ExitCode::FAILURE;
        }
    };
    let mut passed = 0;
    for rule in &rules {
        let got: Vec<&str> = segment::split(&rule.text)
            .iter()
            .map(|s| &rule.text[s.start..s.end])
            .collect();
        if got == rule.sentences {
            passed += 1;
        } else {
            println!("FAIL {} {}", rule.id, rule.name);
            println!("  text:     {:?}", rule.text);
            println!("  expected: {:?}", rule.sentences);
            println!("  got:      {got:?}");
        }
    }
    let total = rules.len();
    let pct = if total == 0 {
        100.0
    } else {
        100.0 * passed as f64 / total as f64
    };
    println!("golden rules: {passed}/{total} passed ({pct:.1}%)");
    ExitCode::SUCCESS
}

/// Paragraphs of a synthetic news page; `{n}` is replaced by a counter so no line repeats.
const PAGE: &[&str] = &[
    "Sign Up",
    "Share",
    "Kazakhstan Deal Number {n} Signals Wider Push",
    "By Jane Doe and John Roe",
    "7 NOV 2025 06:06",
    "WASHINGTON (Reuters) - The U.S. has invested more than $100 billion in Kazakhstan since 1991, \
     Secretary of State Marco Rubio said on Friday, according to a statement. Mr. Rubio met Gen. \
     A. B. Tokayev at 5 p.m. in the capital, where officials signed deal No. {n} worth $4.5 billion.",
    "\"We are not here to take anything,\" he said. \"We are here to build.\" Officials from the \
     E.U. and the U.K. attended, as did Dr. Jane Smith of Acme Corp. The talks ran until 9 p.m. \
     Eastern time.",
    "Advertisement",
    "Exports rose 4.2% in Jan. and Feb., the ministry said (the figure excludes oil). Some 600 \
     American companies, e.g. Chevron and Exxon, operate there... Analysts were unconvinced!",
    "Economic Profile",
    "- Population: about 20 million people",
    "- GDP grew 5.1% last year, vs. 3.2% in the region",
    "1. The first item 2. The second item 3. The third item",
    "Was the deal worth it? Critics, including Sen. John Q. Public, said no. Others disagreed; \
     approx. 40 firms plan to expand by Dec. 2026, per the report on pp. 12-14.",
    "Related Reads",
    "Read more",
];

fn run_bench() {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 5_000_000 {
        for p in PAGE {
            text.push_str(&p.replace("{n}", &n.to_string()));
            text.push('\n');
        }
        text.push('\n');
        n += 1;
    }
    let mut best = f64::INFINITY;
    let mut count = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let sentences = segment::split(&text);
        best = best.min(t.elapsed().as_secs_f64());
        count = sentences.len();
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "bench: {mb:.1} MB, {count} sentences, best of 5 {:.1} ms, {:.0} MB/s",
        best * 1e3,
        mb / best
    );
}
