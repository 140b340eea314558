//! Check latency against a compiled corpus index, native (for scripts/bench/bench-corpus.mjs).
//!
//! `cargo run --release --example bench_corpus -- INDEX_DIR ARTICLE_A ARTICLE_B [REPS]`
//!
//! Cold: the first check of A, reading the shards it needs from disk. Warm: checks alternating A
//! and B (so nothing of one is reused for the other) once every shard both need is loaded; each
//! is the whole check (analysis, retrieval, reconciliation, the JSON report). Prints one JSON line.
use corroborate::corpus::{Needs, Part, Searcher};
use std::time::Instant;

fn load(
    searcher: &mut Searcher,
    dir: &std::path::Path,
    claims: &[corroborate::claims::Claim],
) -> (usize, usize) {
    let (mut files, mut bytes) = (0, 0);
    while let Err(Needs(names)) = searcher.prepare(claims) {
        for n in names {
            let text = std::fs::read(dir.join(&n)).expect("shard");
            files += 1;
            bytes += text.len();
            searcher.add_shard(&n, &text).expect("valid shard");
        }
    }
    (files, bytes)
}

fn check(searcher: &Searcher, text: &str) -> usize {
    let a = corroborate::analyze(text, None);
    let r = searcher.prepare(&a.claims).expect("loaded");
    let j = r.reconcile(text, &a.claims);
    let report = corroborate::report::check_json(text, &a.claims, &j, &r.corpus);
    serde_json::to_string(&report).map(|s| s.len()).unwrap_or(0)
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: bench_corpus INDEX_DIR ARTICLE_A ARTICLE_B [REPS]");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[0]);
    let a = std::fs::read_to_string(&args[1]).expect("article A");
    let b = std::fs::read_to_string(&args[2]).expect("article B");
    let reps: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(10);
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let t = Instant::now();
    let mut searcher = Searcher::new(vec![Part::from_manifest(&manifest).expect("manifest")]);
    let claims_a = corroborate::analyze(&a, None).claims;
    let (files, bytes) = load(&mut searcher, dir, &claims_a);
    let size = check(&searcher, &a);
    let cold = t.elapsed().as_secs_f64() * 1000.0;
    let claims_b = corroborate::analyze(&b, None).claims;
    load(&mut searcher, dir, &claims_b);
    let mut times = Vec::new();
    for i in 0..reps * 2 {
        let text = if i % 2 == 0 { &a } else { &b };
        let t = Instant::now();
        std::hint::black_box(check(&searcher, text));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    if std::env::var_os("BREAKDOWN").is_some() {
        let t = Instant::now();
        let an = corroborate::analyze(&a, None);
        let t1 = t.elapsed();
        let r = searcher.prepare(&an.claims).expect("loaded");
        let t2 = t.elapsed();
        let j = r.reconcile(&a, &an.claims);
        let t3 = t.elapsed();
        let rep = corroborate::report::check_json(&a, &an.claims, &j, &r.corpus);
        let t4 = t.elapsed();
        std::hint::black_box(rep);
        eprintln!(
            "analyze {t1:?}, retrieve {:?}, reconcile {:?}, report {:?}; {} documents retrieved",
            t2 - t1,
            t3 - t2,
            t4 - t3,
            r.corpus.documents.len()
        );
    }
    let median = times[times.len() / 2];
    if std::env::var_os("FULLSCAN").is_some() {
        // Retrieval against a scan of every claim of the corpus: how often the verdicts agree.
        let part = Part::from_manifest(&manifest).expect("manifest");
        let names = part.shard_names();
        let shards: Vec<Vec<u8>> = names
            .iter()
            .map(|n| std::fs::read(dir.join(n)).expect("shard"))
            .collect();
        let full = corroborate::corpus::Corpus::from_index(&manifest, &shards).expect("index");
        for text in [&a, &b] {
            let an = corroborate::analyze(text, None);
            let t = Instant::now();
            let scan = corroborate::reconcile::reconcile(text, &an.claims, &full);
            let scan_ms = t.elapsed().as_secs_f64() * 1000.0;
            let r = searcher.prepare(&an.claims).expect("loaded");
            let got = r.reconcile(text, &an.claims);
            let same = got
                .iter()
                .zip(&scan)
                .filter(|(g, s)| g.verdict == s.verdict)
                .count();
            eprintln!(
                "full scan {scan_ms:.0} ms; retrieval agrees on {same} of {} verdicts",
                scan.len()
            );
        }
    }
    let claims = claims_a.len();
    println!(
        "{{\"cold_ms\":{cold:.2},\"warm_ms\":{median:.2},\"claims\":{claims},\"shards\":{files},\"shard_bytes\":{bytes},\"report_bytes\":{size},\"peak_rss_kb\":{}}}",
        peak_rss_kb()
    );
}
