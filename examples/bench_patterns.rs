//! Times each of extraction's patterns on the sentences of a text, with our engine
//! (`corroborate::extract::pattern`) and with the `regex` crate (a dev-dependency), and checks
//! that both find the same matches.
//!
//! cargo run --release --example bench_patterns -- FILE

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench_patterns FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1);
    });
    let sentences: Vec<&str> = corroborate::segment::split(&text)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    println!("{} sentences, {} bytes", sentences.len(), text.len());
    println!(
        "{:<20} {:>10} {:>10} {:>8}",
        "pattern", "ours ms", "regex ms", "matches"
    );
    let (mut to, mut tr) = (0.0, 0.0);
    for (name, src) in corroborate::extract::pattern_sources() {
        let ours = corroborate::extract::pattern::Regex::new(&src).expect("ours");
        let theirs = regex::Regex::new(&src).expect("regex");
        let t = Instant::now();
        let mut a = 0usize;
        for s in &sentences {
            for c in ours.captures_iter(s) {
                a += c.get(0).map_or(0, |m| m.end());
            }
        }
        let o = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let mut b = 0usize;
        for s in &sentences {
            for c in theirs.captures_iter(s) {
                b += c.get(0).map_or(0, |m| m.end());
            }
        }
        let r = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(a, b, "{name}: the engines disagree");
        println!("{name:<20} {o:>10.1} {r:>10.1} {a:>8}");
        to += o;
        tr += r;
    }
    println!("{:<20} {to:>10.1} {tr:>10.1}", "total");
}
