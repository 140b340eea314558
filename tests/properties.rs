//! Property tests: any input finishes, in time linear in its length, without a panic, and every
//! mention is a well-formed span of the text.
//!
//! Inputs come from a tiny xorshift generator (no crates): random bytes decoded lossily, soups of
//! the tokens extraction reacts to (currency signs, quote marks, separators, scale words, titles),
//! a long text without a newline, and pathological repetitions (unclosed quotes, "1,2,3,4", "$$$$",
//! thousands of capitalised words, quote marks nested deep). Linearity is checked as a ratio —
//! the time for 4n bytes against the time for n — never as an absolute time.
//!
//! The whole pipeline ([`corroborate::analyze`] and the JSON report) runs on every input; on the
//! pathological repetitions, which make one "sentence" of thousands of mentions, the linearity
//! ratio is checked for the front half (segmentation and extraction) and for the whole pipeline.

use corroborate::report::extract_json;
use std::time::{Duration, Instant};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Size scale: the debug build is an order of magnitude slower, so it gets smaller inputs.
fn scaled(n: usize) -> usize {
    if cfg!(debug_assertions) {
        n / 8
    } else {
        n
    }
}

/// Runs the front half and the JSON report on `text` and checks every span.
fn check(text: &str) {
    check_with(text, true);
}

/// As [`check`]; the JSON report only when `json` (the report's own cost is not at issue here).
fn check_with(text: &str, json: bool) {
    let analysis = corroborate::analyze(text, None);
    let mut last = 0;
    for m in analysis.mentions.iter() {
        assert!(
            m.start <= m.end && m.end <= text.len(),
            "mention {}..{} outside a text of {} bytes",
            m.start,
            m.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "mention {}..{} not on char boundaries",
            m.start,
            m.end
        );
        assert!(m.start >= last, "mentions not sorted by start");
        last = m.start;
        assert!(m.sentence < analysis.sentences.len().max(1));
    }
    for s in &analysis.sentences {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    for c in &analysis.claims {
        assert!(c.start <= c.end && c.end <= text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
    if !json {
        return;
    }
    let json = extract_json(text, &analysis);
    let units = text.encode_utf16().count() as u64;
    let mut last = 0;
    for m in json["mentions"].as_array().expect("mentions") {
        let (s, e) = (
            m["start"].as_u64().expect("start"),
            m["end"].as_u64().expect("end"),
        );
        assert!(
            s <= e && e <= units,
            "JSON mention {s}..{e} outside {units} units"
        );
        assert!(s >= last, "JSON mentions not sorted");
        last = s;
        assert!(m["text"].is_string() && m["kind"].is_string());
    }
}

/// Segments and extracts only (the front half), checking every span.
fn check_extraction(text: &str) {
    let sentences = corroborate::segment::split(text);
    let mentions = corroborate::extract::extract(text, &sentences, Default::default());
    let mut last = 0;
    for m in &mentions {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last, "mentions not sorted by start");
        last = m.start;
    }
}

/// What is timed: the whole front-and-claims pipeline, or extraction only.
#[derive(Clone, Copy)]
enum Stage {
    Analyze,
    Extract,
}

/// The least of `runs` timings of `stage` on `text` (less noise than one: on a busy machine a
/// run of a millisecond can be preempted for tens of them).
fn time_runs(text: &str, stage: Stage, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            match stage {
                Stage::Analyze => {
                    std::hint::black_box(corroborate::analyze(text, None));
                }
                Stage::Extract => {
                    let s = corroborate::segment::split(text);
                    let m = corroborate::extract::extract(text, &s, Default::default());
                    std::hint::black_box((s, m));
                }
            }
            t.elapsed()
        })
        .min()
        .expect("timings")
}

/// The least of two timings.
fn time(text: &str, stage: Stage) -> Duration {
    time_runs(text, stage, 2)
}

/// `unit` repeated to about `n` bytes.
fn repeat_to(unit: &str, n: usize) -> String {
    unit.repeat(n / unit.len().max(1) + 1)
}

/// Checks that 4× the input takes at most `bound`× the time (linear would be 4×).
fn assert_linear(name: &str, unit: &str, n: usize, bound: f64, stage: Stage) {
    let small = repeat_to(unit, n);
    let large = repeat_to(unit, 4 * n);
    let (t1, t4) = (time_runs(&small, stage, 7), time_runs(&large, stage, 7));
    // Below a millisecond the ratio is mostly noise: compare against a floor.
    let floor = Duration::from_micros(500);
    let ratio = t4.as_secs_f64() / t1.max(floor).as_secs_f64();
    assert!(
        ratio < bound,
        "{name}: {} bytes took {t1:?}, {} bytes took {t4:?} (ratio {ratio:.1}, bound {bound})",
        small.len(),
        large.len()
    );
}

const TOKENS: &[&str] = &[
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "₸",
    "USD ",
    "1",
    "2",
    "3",
    "0",
    "06",
    "1,2",
    ",",
    ".",
    "..",
    "…",
    "1,000",
    "2.5",
    "%",
    " percent",
    " million",
    " billion",
    "bn",
    "m",
    "k",
    "-",
    "–",
    "—",
    " to ",
    " and ",
    " between ",
    " more than ",
    " almost ",
    " about ",
    " half",
    " a quarter",
    " one in five",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "(",
    ")",
    ":",
    ";",
    "\n",
    "\n\n",
    " ",
    " ",
    " ",
    "Mr.",
    "Dr.",
    "U.S.",
    "UAE",
    "President ",
    "Tokayev",
    "Kassym-Jomart",
    "Trump",
    "said",
    " he ",
    "added",
    "according to",
    "the statement",
    "2025-11-07",
    "Nov.",
    "7",
    "November",
    "Thursday",
    "–Friday",
    "last year",
    "1990s",
    "early",
    "decades",
    "years",
    "ago",
    "first",
    "50th",
    "largest",
    "No.",
    "page",
    "version",
    "3.2.1",
    "+1 202-555-0143",
    "10:30",
    "a.m.",
    "won",
    "3-1",
    "people",
    "companies",
    "km",
    "twenty",
    "hundred",
    "and",
    "a",
    "dozen",
    "Abc",
    "DEF",
    "é",
    "ß",
    "ǅ",
    "İ",
    "ﬁ",
    "🙂",
    "\u{200d}",
    "\u{301}",
    "٣",
    "٢٠٢٠",
    "१२",
    "二",
    "Ⅻ",
    "½",
];

#[test]
fn random_bytes_decoded_lossily() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..scaled(400) {
        let len = rng.below(3000);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
    }
    // Mostly ASCII, where the regexes live.
    for _ in 0..scaled(400) {
        let len = rng.below(3000);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                if r % 4 == 0 {
                    b"0123456789$%,.-'\"()\n :"[(r >> 8) as usize % 22]
                } else {
                    32 + (r >> 16) as u8 % 95
                }
            })
            .collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn token_soups() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..scaled(1500) {
        let n = rng.below(120);
        let text: String = (0..n).map(|_| rng.pick(TOKENS)).collect();
        check(&text);
    }
}

#[test]
fn every_unicode_script() {
    // One character in every 37 code points, all planes; and runs of each block with spaces and
    // digits between, so every script meets the word, digit and boundary classes.
    let all: String = (0..0x11_0000u32)
        .step_by(37)
        .filter_map(char::from_u32)
        .collect();
    check(&all);
    for block in (0..0x3_0000u32).step_by(0x800) {
        let text: String = (block..block + 0x800)
            .step_by(7)
            .filter_map(char::from_u32)
            .enumerate()
            .flat_map(|(i, c)| {
                let sep = match i % 9 {
                    0 => Some(' '),
                    3 => Some('1'),
                    6 => Some('.'),
                    _ => None,
                };
                std::iter::once(c).chain(sep)
            })
            .collect();
        check(&text);
    }
    check("Kazakhstan — Қазақстан — Казахстан — カザフスタン — 哈萨克斯坦 — קזחסטן — كازاخستان — 카자흐스탄 — Καζακστάν — कज़ाख़िस्तान 2025 $5 „Zitat“ «цитата» 「引用」");
}

/// Repetitions of the units extraction finds hardest: unclosed and nested quote marks, lists of
/// digits, currency signs alone, runs of names, titles, ordinals, quotes with speakers.
const PATHOLOGICAL: &[&str] = &[
    "“",
    "\"",
    "'a ",
    "‘",
    "«",
    "“a ‘b “c ‘d ",
    "\"\"\"",
    "1,2,3,4,",
    "$$$$",
    "$",
    "1",
    "1 ",
    "1-",
    "1st ",
    "half ",
    "a quarter ",
    "twenty ",
    "Mr. ",
    "Abc ",
    "ABC DEF ",
    "President ",
    "“A,” he said. ",
    "\"A,\" said Trump. ",
    "Mr. Abc Def said 3 ",
    "said he ",
    "between 1 and 2 ",
    "Thursday ",
    "in March ",
    "in 2020 ",
    "(((( ",
    "... ",
    "a b c d e f g h 1 ",
    "\n",
    " ",
    "é",
];

#[test]
fn pathological_repetitions_finish() {
    // Extraction on 200 KB of each; the whole pipeline on a short run of each.
    for unit in PATHOLOGICAL {
        check_extraction(&repeat_to(unit, scaled(200_000)));
        check(&repeat_to(unit, 600));
    }
}

#[test]
fn pathological_inputs_are_linear_in_extraction() {
    let n = scaled(100_000);
    for unit in PATHOLOGICAL {
        assert_linear(unit, unit, n, 12.0, Stage::Extract);
    }
}

/// The same check through the whole pipeline: claim building is linear in the mentions of one
/// sentence too (a 100 KB "sentence" of 50,000 numbers, of names, of dates or of clauses).
#[test]
fn analyze_is_linear_on_pathological_inputs() {
    let n = scaled(50_000);
    for unit in PATHOLOGICAL {
        assert_linear(unit, unit, n, 12.0, Stage::Analyze);
    }
}

#[test]
fn long_text_without_newline_is_linear() {
    // News-like words with numbers, money, dates, names and quotes, but no newline at all.
    let mut rng = Rng(0xA076_1D64_78BD_642F);
    let words = [
        "the",
        "minister",
        "said",
        "that",
        "trade",
        "rose",
        "to",
        "$5 billion",
        "in",
        "2024,",
        "more than",
        "600",
        "American",
        "companies",
        "operate",
        "in",
        "Kazakhstan",
        "since",
        "1992.",
        "“We",
        "will",
        "sign,”",
        "Tokayev",
        "said.",
        "About",
        "a quarter",
        "of",
        "uranium",
        "on",
        "7 November 2025",
        "and",
        "between",
        "3",
        "and",
        "5",
        "million",
        "people",
        "—",
        "almost",
        "20%",
        "President",
        "Donald",
        "Trump",
        "wrote",
        "first",
        "50th",
    ];
    let mut make = |n: usize| {
        let mut s = String::with_capacity(n + 32);
        while s.len() < n {
            s.push_str(words[rng.below(words.len())]);
            s.push(' ');
        }
        s
    };
    let small = make(scaled(1_000_000));
    let large = make(scaled(4_000_000));
    assert!(!large.contains('\n'));
    check(&small);
    check_with(&large, false);
    let (t1, t4) = (time(&small, Stage::Analyze), time(&large, Stage::Analyze));
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-4);
    assert!(
        ratio < 10.0,
        "1 MB took {t1:?}, 4 MB took {t4:?}: ratio {ratio:.1} is not linear"
    );
}
