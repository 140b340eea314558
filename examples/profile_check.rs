//! Stage timings of a warm check against a compiled index (a benchmark, not a test):
//! `cargo run --release --example profile_check -- INDEX_DIR ARTICLE_A ARTICLE_B [REPS]`.
//!
//! Loads every shard both articles need, then checks them alternately REPS times each and prints
//! the median of each stage (analysis, retrieval, reconciliation, the JSON report) and the
//! process CPU time per check (from /proc/self/stat, so the load of other processes does not
//! count).
use corroborate::corpus::{Needs, Part, Searcher};

/// Wall time, or thread CPU time with CPU=1 in the environment.
struct Clock(f64, bool);
impl Clock {
    fn now() -> Clock {
        let cpu = std::env::var_os("CPU").is_some();
        Clock(if cpu { thread_ms() } else { wall_ms() }, cpu)
    }
    fn elapsed(&self) -> Elapsed {
        Elapsed((if self.1 { thread_ms() } else { wall_ms() }) - self.0)
    }
}
struct Elapsed(f64);
impl Elapsed {
    fn as_secs_f64(&self) -> f64 {
        self.0 / 1e3
    }
}
fn wall_ms() -> f64 {
    use std::sync::OnceLock;
    static T0: OnceLock<std::time::Instant> = OnceLock::new();
    T0.get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1e3
}

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}
extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// This thread's CPU time in ms (CLOCK_THREAD_CPUTIME_ID): what other processes' load does not
/// inflate.
fn thread_ms() -> f64 {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (Linux x86-64 layout: two i64).
    unsafe { clock_gettime(3, &mut ts) };
    ts.sec as f64 * 1e3 + ts.nsec as f64 / 1e6
}

fn cpu_ms() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = s
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) * 10.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: profile_check INDEX_DIR ARTICLE_A ARTICLE_B [REPS]");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[0]);
    let texts = [
        std::fs::read_to_string(&args[1]).expect("article A"),
        std::fs::read_to_string(&args[2]).expect("article B"),
    ];
    let reps: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let mut searcher = Searcher::new(vec![Part::from_manifest(&manifest).expect("manifest")]);
    for t in &texts {
        let claims = corroborate::analyze(t, None).claims;
        while let Err(Needs(names)) = searcher.prepare(&claims) {
            for n in names {
                let bytes = std::fs::read(dir.join(&n)).expect("shard");
                searcher.add_shard(&n, &bytes).expect("valid shard");
            }
        }
    }
    let mut stages: [Vec<f64>; 5] = Default::default();
    let cpu0 = cpu_ms();
    for i in 0..reps * 2 {
        let text = &texts[i % 2];
        let t = Clock::now();
        let a = corroborate::analyze(text, None);
        let t1 = t.elapsed().as_secs_f64() * 1e3;
        let r = searcher.prepare(&a.claims).expect("loaded");
        let t2 = t.elapsed().as_secs_f64() * 1e3;
        let j = r.reconcile(text, &a.claims);
        let t3 = t.elapsed().as_secs_f64() * 1e3;
        let report = corroborate::report::check_json(text, &a.claims, &j, &r.corpus);
        let n = serde_json::to_string(&report).map(|s| s.len()).unwrap_or(0);
        let t4 = t.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(n);
        for (s, v) in stages.iter_mut().zip([t1, t2 - t1, t3 - t2, t4 - t3, t4]) {
            s.push(v);
        }
    }
    let cpu = (cpu_ms() - cpu0) / (reps * 2) as f64;
    let med = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let [a, r, c, j, all] = &mut stages;
    println!(
        "median ms: analyze {:.2}, retrieve {:.2}, reconcile {:.2}, report {:.2}, whole {:.2}; CPU per check {cpu:.2} ms ({} checks)",
        med(a),
        med(r),
        med(c),
        med(j),
        med(all),
        reps * 2
    );
}
