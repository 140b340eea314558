//! Extraction throughput and peak heap, natively: what `corroborate extract` does (segment +
//! extract + claims), without the JSON, on one file.
//!
//! ```text
//! cargo run --release --example bench_extract -- FILE [--runs N] [--threads N | --parts N] [--breakdown]
//! ```
//!
//! `--threads N` caps the threads a long text is analysed on (`corroborate::parallel`; default:
//! as many as the machine offers; 1: one thread). `--parts N` splits the text into N parts on N
//! threads whatever its length (`corroborate::analyze_in_parts`), to see what a split costs and
//! gives on a short text.
//! Prints the best of N runs (default 5, after one warm-up run that also compiles the regexes) in
//! MB/s (MB = 10^6 bytes), and the peak heap a run allocates above what was live before it (the input
//! text itself excluded), exactly, from a counting global allocator, as a multiple of the input size.
//! The peak is taken in one more run after the timed ones: counting in the timed runs slowed two
//! threads' extraction by a third (both updating the same counters on every allocation: each
//! thread's half took 36 ms instead of 27, 4 Dec), and the CLI counts nothing.
//! `--breakdown` also times each stage alone (segment; extract given the sentences; claims given
//! the mentions; the CLI's JSON report given the analysis; each split as `--threads` allows) to
//! show where the time goes.
//! The last line, `RESULT {...}`, is JSON for scripts (scripts/bench/bench-extract.mjs).
//! The benchmark's text comes from `node scripts/bench/gen-news.mjs` (target/bench/news.txt).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use corroborate::{claims, extract, report, segment};

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

/// Whether the counters below are kept (only in the run that measures the peak).
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated less bytes freed while counting (negative when a run frees what was
/// allocated before it), and the most of it since the last reset.
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(n: usize) {
    if COUNTING.load(Relaxed) {
        let now = CURRENT.fetch_add(n as isize, Relaxed) + n as isize;
        PEAK.fetch_max(now, Relaxed);
    }
}

fn shrank(n: usize) {
    if COUNTING.load(Relaxed) {
        CURRENT.fetch_sub(n as isize, Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated around it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        shrank(layout.size());
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new_size);
        if !q.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` `runs` times; returns the best time, and the peak heap above the bytes live before
/// a run, from one more run with the allocator counting.
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, usize) {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed());
        drop(std::hint::black_box(out));
    }
    CURRENT.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let out = f();
    COUNTING.store(false, Relaxed);
    drop(std::hint::black_box(out));
    (best, PEAK.load(Relaxed).max(0) as usize)
}

/// A stage timed alone by `--breakdown`: its name and a run returning the count it produced.
type Stage<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);

fn mb_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let mut file = None;
    let mut runs = 5usize;
    let mut breakdown = false;
    let mut threads = 0usize;
    let mut parts = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--breakdown" => breakdown = true,
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--parts" => parts = args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0),
            _ if file.is_none() && !a.starts_with("--") => file = Some(a),
            _ => file = None,
        }
    }
    let (Some(file), true) = (file, runs > 0) else {
        eprintln!("usage: bench_extract FILE [--runs N] [--threads N | --parts N] [--breakdown]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            std::process::exit(1);
        }
    };
    let n = text.len();
    corroborate::parallel::set_max_threads(threads);
    let threads = parts.unwrap_or_else(|| corroborate::parallel::parts_for(n));
    let analyze = |text: &str| corroborate::analyze_in_parts(text, None, threads);

    // Warm-up: compiles the lazily built regexes and tables, which a real process pays once.
    let warm = Instant::now();
    let a = analyze(&text);
    let first = warm.elapsed();
    let (sentences, mentions, claim_count) = (a.sentences.len(), a.mentions.len(), a.claims.len());
    drop(a);

    let (best, peak) = measure(runs, || analyze(&text));
    println!("input        {file}: {n} bytes; analysed on {threads} thread(s)");
    println!("output       {sentences} sentences, {mentions} mentions, {claim_count} claims");
    println!(
        "first run    {:8.1} ms  {:7.2} MB/s  (includes compiling the regexes)",
        first.as_secs_f64() * 1e3,
        mb_s(n, first)
    );
    println!(
        "analyze      {:8.1} ms  {:7.2} MB/s  best of {runs}; peak heap {:.2} MB = {:.2}x the input",
        best.as_secs_f64() * 1e3,
        mb_s(n, best),
        peak as f64 / 1e6,
        peak as f64 / n as f64
    );

    let mut stages = Vec::new();
    if breakdown {
        let a = corroborate::analyze(&text, None);
        let ctx = extract::Context { today: None };
        let timed: [Stage; 4] = [
            (
                "segment",
                Box::new(|| segment::split_in_parts(&text, threads).len()),
            ),
            (
                "extract",
                Box::new(|| extract::extract(&text, &a.sentences, ctx).len()),
            ),
            (
                "claims",
                Box::new(|| claims::claims_of(&text, &a.sentences, &a.mentions).len()),
            ),
            (
                "json",
                Box::new(|| report::extract_json_text(&text, &a, false).len()),
            ),
        ];
        for (name, f) in &timed {
            let (d, p) = measure(runs, f);
            println!(
                "  {name:<10} {:8.1} ms  {:7.2} MB/s  {:5.1}% of analyze; peak heap {:.2}x the input",
                d.as_secs_f64() * 1e3,
                mb_s(n, d),
                100.0 * d.as_secs_f64() / best.as_secs_f64(),
                p as f64 / n as f64
            );
            stages.push(format!(
                "\"{name}\":{{\"ms\":{:.3},\"peak_bytes\":{p}}}",
                d.as_secs_f64() * 1e3
            ));
        }
    }
    println!(
        "RESULT {{\"bytes\":{n},\"runs\":{runs},\"threads\":{threads},\"best_ms\":{:.3},\"first_ms\":{:.3},\"mb_s\":{:.3},\"peak_bytes\":{peak},\"sentences\":{sentences},\"mentions\":{mentions},\"claims\":{claim_count},\"stages\":{{{}}}}}",
        best.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        mb_s(n, best),
        stages.join(",")
    );
}
