//! Profiling harness for the extract stage alone (not a benchmark): segments FILE, warms up
//! (compiles the patterns), then runs `extract::extract` N times inside `measured`, so that
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*'` counts only it.
//!
//! ```text
//! cargo build --release --example prof_extract
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*prof_extract*measured*' \
//!     target/release/examples/prof_extract FILE [N]
//! ```

use corroborate::{extract, segment};

#[inline(never)]
fn measured(text: &str, sentences: &[corroborate::segment::Sentence], n: usize) -> usize {
    let ctx = extract::Context { today: None };
    (0..n)
        .map(|_| std::hint::black_box(extract::extract(text, sentences, ctx)).len())
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(file), n) = (
        args.next(),
        args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
    ) else {
        eprintln!("usage: prof_extract FILE [N]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("cannot read {file}: {e}");
        std::process::exit(1);
    });
    let sentences = segment::split(&text);
    let ctx = extract::Context { today: None };
    let warm = extract::extract(&text, &sentences, ctx).len();
    let total = measured(&text, &sentences, n);
    println!(
        "{} sentences, {warm} mentions, {total} in {n} runs",
        sentences.len()
    );
}
