//! Times a whole check natively: `cargo run --release --example bench_check -- FILE [--runs N]
//! [--no-analyze]`.
//!
//! Loads the default corpus (corpus/) once into a searcher, as the CLI and the page's `Checker`
//! do, then runs, N times (default 50), what `Checker.check` runs in the page: the analysis
//! (segment, extract, claims), retrieval (`Searcher::prepare`), reconciliation
//! (`Retrieved::reconcile`) and the JSON report's text. With `--no-analyze` the text is analysed
//! once, before the runs (as the page's `Checker` keeps the analysis of the last text): what the
//! wasm benchmark's repeated checks time, and what a profile (`valgrind --tool=callgrind`) of the
//! check itself wants. Prints the best of each stage, the best and the median time, and a
//! `RESULT {json}` line for scripts/bench/bench-check.mjs. A benchmark, not a test.

use corroborate::corpus::{Corpus, Part, Searcher};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--runs"))
        .map(|(_, a)| a)
    else {
        eprintln!("usage: bench_check FILE [--runs N] [--no-analyze]");
        std::process::exit(2);
    };
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(50)
        .max(1);
    let no_analyze = args.iter().any(|a| a == "--no-analyze");
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut sources = Vec::new();
    for e in std::fs::read_dir(&root).expect("corpus/").flatten() {
        sources.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).expect("read a corpus file"),
        ));
    }
    sources.sort();
    let (corpus, _) = Corpus::compile(&sources);
    let searcher = Searcher::new(vec![Part::build(
        corpus
            .documents
            .into_iter()
            .map(std::sync::Arc::unwrap_or_clone)
            .collect(),
    )]);
    let once = corroborate::analyze(&text, None);
    let mut times = Vec::with_capacity(runs);
    let mut stages = [f64::INFINITY; 4];
    let mut claims = 0;
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let fresh = (!no_analyze).then(|| corroborate::analyze(&text, None));
        let analysis = fresh.as_ref().unwrap_or(&once);
        let t1 = t.elapsed().as_secs_f64() * 1e3;
        let retrieved = searcher.prepare(&analysis.claims).expect("all in memory");
        let t2 = t.elapsed().as_secs_f64() * 1e3;
        let judgments = retrieved.reconcile(&text, &analysis.claims);
        let t3 = t.elapsed().as_secs_f64() * 1e3;
        let out = corroborate::report::check_report(
            &text,
            &analysis.claims,
            &judgments,
            &retrieved.corpus,
        )
        .to_json(false);
        let t4 = t.elapsed().as_secs_f64() * 1e3;
        times.push(t4);
        for (s, v) in stages.iter_mut().zip([t1, t2 - t1, t3 - t2, t4 - t3]) {
            *s = s.min(v);
        }
        claims = analysis.claims.len();
        bytes = out.len();
    }
    println!(
        "stages (best of each): analyze {:.3} ms{}, retrieve {:.3} ms, reconcile {:.3} ms, report {:.3} ms",
        stages[0],
        if no_analyze { " (once, before)" } else { "" },
        stages[1],
        stages[2],
        stages[3]
    );
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[times.len() / 2]);
    println!(
        "native check: best {best:.3} ms, median {median:.3} ms over {runs} runs; {claims} claims, {bytes} bytes of JSON"
    );
    println!(
        "RESULT {{\"best_ms\":{best:.4},\"median_ms\":{median:.4},\"runs\":{runs},\"claims\":{claims}}}"
    );
}
